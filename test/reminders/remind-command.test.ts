// `backex remind` through the built command, with recording stand-ins for
// systemctl and notify-send first on PATH, and a temporary HOME, so nothing
// outside a temporary folder is touched; `remind off` must leave it as it was.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runBackexInProcess } from '../support/backex.js';

// Each test runs the built command several times: on a loaded two-core machine that can take a while.
vi.setConfig({ testTimeout: 120_000 });

interface Sandbox {
  root: string;
  env: NodeJS.ProcessEnv;
  home: string;
  /** Each stand-in call, one line: program and arguments. */
  calls: () => string[];
}

/** A temporary HOME, XDG_CONFIG_HOME and BACKEX_HOME, and stand-ins that record their arguments and succeed. */
function sandbox(standIns: string[] = ['systemctl', 'notify-send'], options: { systemctlFails?: string } = {}): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'backex-remind-'));
  const binDir = join(root, 'stand-ins');
  const record = join(root, 'calls.txt');
  mkdirSync(binDir);
  for (const name of standIns) {
    const fail = name === 'systemctl' && options.systemctlFails ? `case "$*" in *${options.systemctlFails}*) echo "Failed to ${options.systemctlFails}" >&2; exit 1;; esac\n` : '';
    writeFileSync(join(binDir, name), `#!/bin/sh\nprintf '%s\\n' "${name} $*" >> '${record}'\n${fail}exit 0\n`);
    chmodSync(join(binDir, name), 0o755);
  }
  const home = join(root, 'home');
  mkdirSync(home);
  const env = { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), BACKEX_HOME: join(home, 'backex'), PATH: binDir };
  return { root, env, home, calls: () => (existsSync(record) ? readFileSync(record, 'utf8').split('\n').filter(Boolean) : []) };
}

/** Every file and folder under the home, with its content: what "nothing left behind" is compared on. */
function tree(dir: string, base = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(out, { [`${relative(base, path)}/`]: '' }, tree(path, base));
    else out[relative(base, path)] = readFileSync(path, 'utf8');
  }
  return out;
}

const run = (box: Sandbox, args: string[]) => runBackexInProcess(args, { env: box.env, home: box.env.BACKEX_HOME });

describe('remind set, status and off with a systemd user session (a recording systemctl)', () => {
  it('writes the timer and service, enables them, says so; status tells; off removes every file it made and nothing else', async () => {
    const box = sandbox();
    // Something of the user's already in ~/.config: it must survive.
    mkdirSync(join(box.home, '.config', 'other'), { recursive: true });
    writeFileSync(join(box.home, '.config', 'other', 'keep.txt'), 'mine');
    const before = tree(box.home);

    const set = await run(box, ['remind', 'set', 'mon,wed,fri', '07:30']);
    expect(set.stderr).toBe('');
    expect(set.status).toBe(0);
    expect(set.stdout).toMatch(/^Reminders set: mon, wed and fri at 07:30, by a systemd user timer \(.*backex-reminder\.timer\); one missed while the computer was off comes when it next starts\./);
    const units = join(box.home, '.config', 'systemd', 'user');
    expect(readFileSync(join(units, 'backex-reminder.timer'), 'utf8')).toMatch(/\nOnCalendar=Mon,Wed,Fri \*-\*-\* 07:30:00\nPersistent=true\n/);
    expect(readFileSync(join(units, 'backex-reminder.service'), 'utf8')).toMatch(/\nExecStart=\S+node\S* \S+bin\/backex\.js remind notify\n/);
    expect(box.calls()).toEqual(['systemctl --user show-environment', 'systemctl --user daemon-reload', 'systemctl --user enable --now backex-reminder.timer']);
    expect(statSync(join(box.env.BACKEX_HOME!, 'data', 'reminder.json')).mode & 0o777).toBe(0o600);

    const status = await run(box, ['remind', 'status']);
    expect(status.stdout).toMatch(/^Reminders: mon, wed and fri at 07:30, by a systemd user timer\.\n {2}\S+backex-reminder\.service\n {2}\S+backex-reminder\.timer\n$/);

    const dry = await run(box, ['remind', 'off', '--dry-run']);
    expect(dry.stdout).toMatch(/# would run:\nsystemctl --user disable --now backex-reminder\.timer\n[\s\S]*# would remove \S+backex-reminder\.timer/);
    expect(existsSync(join(units, 'backex-reminder.timer'))).toBe(true);

    const off = await run(box, ['remind', 'off']);
    expect(off.status).toBe(0);
    expect(off.stdout).toMatch(/^Reminders are off \(they were mon, wed and fri at 07:30, by a systemd user timer\)\./);
    expect(box.calls().slice(3)).toEqual(['systemctl --user disable --now backex-reminder.timer', 'systemctl --user daemon-reload']);
    expect(tree(box.home)).toEqual(before);
    expect((await run(box, ['remind', 'status'])).stdout).toMatch(/^No reminders are set/);
    expect((await run(box, ['remind', 'off'])).stdout).toMatch(/^No reminders set by backex: nothing to remove/);
  });

  it('set twice replaces the first; a file of the user\'s in the way is left alone and refused', async () => {
    const box = sandbox();
    expect((await run(box, ['remind', 'set', 'mon', '07:30'])).status).toBe(0);
    const again = await run(box, ['remind', 'set', 'tue,thu', '18:00']);
    expect(again.stdout).toMatch(/^Reminders changed: tue and thu at 18:00/);
    expect(readFileSync(join(box.home, '.config', 'systemd', 'user', 'backex-reminder.timer'), 'utf8')).toMatch(/OnCalendar=Tue,Thu \*-\*-\* 18:00:00/);

    const other = sandbox();
    const units = join(other.home, '.config', 'systemd', 'user');
    mkdirSync(units, { recursive: true });
    writeFileSync(join(units, 'backex-reminder.timer'), '[Timer]\nOnCalendar=daily\n');
    const refused = await run(other, ['remind', 'set', 'mon', '07:30']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/backex-reminder\.timer is in the way, and backex did not write it/);
    expect(readFileSync(join(units, 'backex-reminder.timer'), 'utf8')).toBe('[Timer]\nOnCalendar=daily\n');
    expect(existsSync(join(units, 'backex-reminder.service'))).toBe(false);
  });

  it('off runs only the scheduler\'s own commands and removes only its own files, whatever reminder.json says', async () => {
    const box = sandbox();
    expect((await run(box, ['remind', 'set', 'mon', '07:30'])).status).toBe(0);
    const stateFile = join(box.env.BACKEX_HOME!, 'data', 'reminder.json');
    const state = JSON.parse(readFileSync(stateFile, 'utf8'));
    expect(state).not.toHaveProperty('undo');
    const precious = join(box.home, 'precious.txt');
    writeFileSync(precious, 'mine');
    writeFileSync(stateFile, JSON.stringify({ ...state, files: [...state.files, precious] }));
    const r = await run(box, ['remind', 'off']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/reminder\.json is damaged/);
    expect(readFileSync(precious, 'utf8')).toBe('mine');
    expect(box.calls().filter((c) => c.includes('disable'))).toEqual([]);
  });

  it('when systemctl refuses to enable it, nothing is left behind and it says why', async () => {
    const box = sandbox(['systemctl'], { systemctlFails: 'enable' });
    const before = tree(box.home);
    const r = await run(box, ['remind', 'set', 'mon', '07:30']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/systemctl --user enable --now backex-reminder\.timer failed \(exit 1\): Failed to enable; no reminder was set/);
    expect(tree(box.home)).toEqual(before);
  });

  it('--dry-run prints the files and commands, and writes and runs nothing', async () => {
    const box = sandbox();
    const before = tree(box.home);
    const r = await run(box, ['remind', 'set', 'mon,wed,fri', '07:30', '--dry-run']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# would write \S+\/\.config\/systemd\/user\/backex-reminder\.service:\n# Written by `backex remind set`/);
    expect(r.stdout).toMatch(/\n# would run:\nsystemctl --user enable --now backex-reminder\.timer\n$/);
    expect(tree(box.home)).toEqual(before);
    expect(box.calls()).toEqual(['systemctl --user show-environment']);
  });
});

describe('remind set elsewhere', () => {
  it('with no systemd user session (no systemctl): says so, prints the crontab line, exit 1, writes nothing', async () => {
    const box = sandbox([]);
    const before = tree(box.home);
    const r = await run(box, ['remind', 'set', 'mon,wed,fri', '07:30']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^No reminder was set: backex found no scheduler it can use here \(no systemd user session answers `systemctl --user`\)\./);
    expect(r.stdout).toMatch(/\n30 7 \* \* 1,3,5 BACKEX_HOME=\S+ \S+ \S+bin\/backex\.js remind notify\n$/);
    expect(tree(box.home)).toEqual(before);
  });

  it.each([
    ['darwin', /^# would write \S+\/Library\/LaunchAgents\/org\.backex\.reminder\.plist:\n<\?xml[\s\S]*<key>Weekday<\/key><integer>1<\/integer>[\s\S]*# would run:\nlaunchctl bootstrap gui\/\d+ \S+org\.backex\.reminder\.plist\n$/],
    ['win32', /^# would run:\nschtasks \/Create \/TN "backex reminder" \/SC WEEKLY \/D MON,WED,FRI \/ST 07:30 \/TR "\S+ \S+backex\.js remind notify" \/F\n$/],
  ])('%s (injected): --dry-run shows the scheduler\'s own files and commands', async (platform, expected) => {
    const box = sandbox([]);
    const r = await runBackexInProcess(['remind', 'set', 'mon,wed,fri', '07:30', '--dry-run'], { env: { ...box.env, BACKEX_PLATFORM: platform }, home: box.env.BACKEX_HOME });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(expected);
  });

  it.each([
    [['remind', 'set', 'funday', '07:30'], /'funday' is not a day: days are mon, tue, wed, thu, fri, sat, sun, comma-separated \(like mon,wed,fri\), or daily, or weekdays/],
    [['remind', 'set', 'mon', '25:00'], /'25:00' is not a time: the time is HH:MM on a 24-hour clock, like 07:30 or 18:45/],
    [['remind', 'set', 'mon'], /'mon' is not a time/],
    [['remind', 'set'], /give a time, and the days unless your programme says how often/],
    [['remind', 'sometimes'], /'sometimes' is not a remind action: use set, status, off, notify/],
    [['remind', 'set', '07:30'], /there is no programme yet/],
  ])('%j: exit 2 saying what is accepted', async (args, message) => {
    const r = await run(sandbox(), args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('the days default to the programme\'s frequency', async () => {
    const box = sandbox();
    const file = join(box.root, 'physio.json');
    writeFileSync(file, JSON.stringify({ routines: [{ id: 'my-programme', name: 'My programme', exercises: ['bird-dog'], sessionsPerWeek: 2 }] }));
    const r = await run(box, ['remind', 'set', '07:30', '--dry-run', '--data', file]);
    expect(r.stdout).toMatch(/OnCalendar=Mon,Thu \*-\*-\* 07:30:00/);
    const withDays = join(box.root, 'days.json');
    writeFileSync(withDays, JSON.stringify({ routines: [{ id: 'my-programme', name: 'My programme', exercises: ['bird-dog'], days: ['sat', 'tue'] }] }));
    expect((await run(box, ['remind', 'set', '07:30', '--dry-run', '--data', withDays])).stdout).toMatch(/OnCalendar=Tue,Sat \*-\*-\* 07:30:00/);
  });
});

describe('remind notify', () => {
  function historyWith(box: Sandbox, startedAt: string, demo = false) {
    const data = join(box.env.BACKEX_HOME!, 'data');
    mkdirSync(data, { recursive: true });
    const sessionId = 'today-1';
    const lines = [
      { v: 1, type: 'session-start', pid: 1, sessionId, startedAt, routine: 'core', planned: [], ...(demo ? { timeScale: 10 } : {}) },
      { v: 1, type: 'session-end', sessionId, endedAt: startedAt, status: 'finished', painEnd: 2, durationMs: 1000 },
    ];
    writeFileSync(join(data, 'history.jsonl'), lines.map((l) => `${JSON.stringify(l)}\n`).join(''), { mode: 0o600 });
  }

  it('a routine from --data files: the notification\'s command names them, so it runs as shown', async () => {
    const box = sandbox();
    const file = join(box.root, 'my physio.json');
    writeFileSync(file, JSON.stringify({ routines: [{ id: 'my-programme', name: 'My programme', exercises: ['bird-dog'], sessionsPerWeek: 2 }] }));
    expect((await run(box, ['remind', 'set', '07:30', '--data', file])).status).toBe(0);
    historyWith(box, new Date(Date.now() - 3 * 86_400_000).toISOString());
    const calls = box.calls().length;
    expect((await run(box, ['remind', 'notify'])).status).toBe(0);
    expect(box.calls().slice(calls)).toEqual([`notify-send --app-name=backex backex: time for your back exercises When you are ready: backex session --routine my-programme --data '${file}'. Stop if anything hurts, and keep breathing.`]);
  });

  it('shows a notification through notify-send when no session was done today', async () => {
    const box = sandbox();
    historyWith(box, new Date(Date.now() - 3 * 86_400_000).toISOString());
    const r = await run(box, ['remind', 'notify', '--routine', 'my-programme']);
    expect(r.status).toBe(0);
    expect(box.calls()).toEqual(['notify-send --app-name=backex backex: time for your back exercises When you are ready: backex session --routine my-programme. Stop if anything hurts, and keep breathing.']);
  });

  it('is silent on a day with a session', async () => {
    const box = sandbox();
    historyWith(box, new Date().toISOString());
    const r = await run(box, ['remind', 'notify']);
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toBe('');
    expect(box.calls()).toEqual([]);
  });

  it('without notify-send: prints the reminder, says what to install, exit 1', async () => {
    const box = sandbox([]);
    const r = await run(box, ['remind', 'notify']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^backex: time for your back exercises\. When you are ready: backex session\./);
    expect(r.stderr).toMatch(/no notify-send on PATH .*libnotify-bin/);
  });

  it.each([
    ['darwin', /^# would run:\nosascript -e 'display notification "When you are ready: backex session\. Stop if anything hurts, and keep breathing\." with title "backex: time for your back exercises"'\n$/],
    ['win32', /^# would run:\npowershell -NoProfile -NonInteractive -Command "\[Windows\.UI\.Notifications\.ToastNotificationManager.*ToastText02.*CreateTextNode\('backex: time for your back exercises'\).*CreateToastNotifier\('backex'\)\.Show.*"\n$/],
  ])('%s (injected): --dry-run shows the command', async (platform, expected) => {
    const box = sandbox([]);
    const r = await runBackexInProcess(['remind', 'notify', '--dry-run'], { env: { ...box.env, BACKEX_PLATFORM: platform }, home: box.env.BACKEX_HOME });
    expect(r.stdout).toMatch(expected);
  });
});
