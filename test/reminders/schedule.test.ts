// What `remind set` writes and runs on each platform, as golden text; the
// systemd units also checked by systemd itself where systemd-analyze runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseDays, parseTime, reminderPlan, type ReminderContext } from '../../src/reminders/schedule.js';
import { bin } from '../support/backex.js';
import { sessionToday } from '../../src/reminders/notify.js';

const golden = (name: string) => readFileSync(new URL(`../fixtures/reminders/${name}`, import.meta.url), 'utf8');
const ada: ReminderContext = { platform: 'linux', home: '/home/ada', uid: 1000, command: ['/usr/bin/node', '/opt/backex/bin/backex.js'], systemdUser: true };
const monWedFri = parseDays('mon,wed,fri');
const half7 = parseTime('07:30');

describe('days and time', () => {
  it.each([
    ['mon,wed,fri', ['mon', 'wed', 'fri']],
    ['fri,mon', ['mon', 'fri']],
    ['Monday, Thursday', ['mon', 'thu']],
    ['daily', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']],
    ['weekdays', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['mon,mon', ['mon']],
  ] as const)('%j is %j', (text, days) => expect(parseDays(text)).toEqual(days));

  it.each(['funday', 'mon,funday', '', 'm', '1'])('%j is refused, saying which days are accepted', (text) => {
    expect(() => parseDays(text)).toThrow(UsageError);
    expect(() => parseDays(text)).toThrow(/mon, tue, wed, thu, fri, sat, sun/);
  });

  it.each([
    ['07:30', 7, 30],
    ['7:30', 7, 30],
    ['00:00', 0, 0],
    ['23:59', 23, 59],
  ] as const)('%j is %s:%s', (text, hour, minute) => expect(parseTime(text)).toEqual({ hour, minute }));

  it.each(['24:00', '07:60', '7pm', '0730', '', '-1:30', '07:5', '7:30:00'])('%j is refused, saying what is accepted', (text) => {
    expect(() => parseTime(text)).toThrow(/HH:MM on a 24-hour clock, like 07:30/);
  });

  it.each(['__proto__', 'constructor', 'toString'])('%j is not a day (found by the property below)', (word) => {
    expect(() => parseDays(word)).toThrow(UsageError);
  });

  it('any text typed is a time or a UsageError, never anything else', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          const { hour, minute } = parseTime(text);
          expect(hour >= 0 && hour < 24 && minute >= 0 && minute < 60).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
        }
        try {
          expect(parseDays(text).length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
        }
      }),
    );
  });
});

describe('the scheduler\'s files and commands', () => {
  it('Linux with a systemd user session: a service and a timer (Persistent=true) in ~/.config/systemd/user, enabled with systemctl --user', () => {
    const plan = reminderPlan(monWedFri, half7, ada);
    expect(plan.scheduler).toBe('systemd');
    expect(plan.files.map((f) => f.path)).toEqual(['/home/ada/.config/systemd/user/backex-reminder.service', '/home/ada/.config/systemd/user/backex-reminder.timer']);
    expect(plan.files[0]!.content).toBe(golden('backex-reminder.service'));
    expect(plan.files[1]!.content).toBe(golden('backex-reminder.timer'));
    expect(plan.run).toEqual([['systemctl', '--user', 'daemon-reload'], ['systemctl', '--user', 'enable', '--now', 'backex-reminder.timer']]);
    expect(plan.undo).toEqual([['systemctl', '--user', 'disable', '--now', 'backex-reminder.timer'], ['systemctl', '--user', 'daemon-reload']]);
  });

  it('XDG_CONFIG_HOME moves the units; BACKEX_HOME is passed on, quoted for systemd, % doubled', () => {
    const plan = reminderPlan(['sat'], parseTime('18:05'), { ...ada, xdgConfigHome: '/cfg', backexHome: '/home/ada/my 100% back', command: ['/usr/bin/node', '/opt/my apps/backex.js'] });
    expect(plan.files[0]!.path).toBe('/cfg/systemd/user/backex-reminder.service');
    expect(plan.files[0]!.content).toContain('Environment="BACKEX_HOME=/home/ada/my 100%% back"\nExecStart=/usr/bin/node "/opt/my apps/backex.js" remind notify\n');
    expect(plan.files[1]!.content).toContain('OnCalendar=Sat *-*-* 18:05:00\n');
  });

  it('macOS: a LaunchAgent plist with a calendar interval per day, loaded with launchctl', () => {
    const plan = reminderPlan(monWedFri, half7, { ...ada, platform: 'darwin', home: '/Users/ada', systemdUser: false });
    expect(plan.files).toEqual([{ path: '/Users/ada/Library/LaunchAgents/org.backex.reminder.plist', content: golden('org.backex.reminder.plist') }]);
    expect(plan.run).toEqual([['launchctl', 'bootstrap', 'gui/1000', '/Users/ada/Library/LaunchAgents/org.backex.reminder.plist']]);
    expect(plan.undo).toEqual([['launchctl', 'bootout', 'gui/1000', '/Users/ada/Library/LaunchAgents/org.backex.reminder.plist']]);
  });

  it('Windows: one schtasks entry, no files', () => {
    const plan = reminderPlan(monWedFri, half7, { ...ada, platform: 'win32', home: 'C:\\Users\\ada', command: ['C:\\Program Files\\nodejs\\node.exe', 'C:\\backex\\bin\\backex.js'], systemdUser: false });
    expect(plan.files).toEqual([]);
    expect(plan.run).toEqual([['schtasks', '/Create', '/TN', 'backex reminder', '/SC', 'WEEKLY', '/D', 'MON,WED,FRI', '/ST', '07:30', '/TR', '"C:\\Program Files\\nodejs\\node.exe" C:\\backex\\bin\\backex.js remind notify', '/F']]);
    expect(plan.undo).toEqual([['schtasks', '/Delete', '/TN', 'backex reminder', '/F']]);
  });

  it('Linux without a systemd user session: no files, the crontab line', () => {
    const plan = reminderPlan(monWedFri, half7, { ...ada, systemdUser: false, backexHome: '/home/ada/back ex' });
    expect(plan).toMatchObject({ scheduler: 'cron', files: [], run: [] });
    expect(plan.crontab).toBe("30 7 * * 1,3,5 BACKEX_HOME='/home/ada/back ex' /usr/bin/node /opt/backex/bin/backex.js remind notify");
  });
});

// systemd-analyze verify --user needs a runtime folder; one of our own is enough (checked in this container).
const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
describe.skipIf(analyze.status !== 0)('systemd itself accepts the units (systemd-analyze verify --user)', () => {
  function verify(files: { name: string; content: string }[]) {
    const dir = mkdtempSync(join(tmpdir(), 'backex-units-'));
    const runtime = join(dir, 'runtime');
    mkdirSync(runtime, { mode: 0o700 });
    for (const f of files) writeFileSync(join(dir, f.name), f.content);
    return spawnSync('systemd-analyze', ['verify', '--user', ...files.map((f) => join(dir, f.name))], { env: { ...process.env, XDG_RUNTIME_DIR: runtime, XDG_CONFIG_HOME: join(dir, 'config') }, encoding: 'utf8' });
  }
  const real = reminderPlan(monWedFri, half7, { ...ada, command: [process.execPath, bin], backexHome: '/tmp/back ex' });
  const units = real.files.map((f) => ({ name: f.path.split('/').at(-1)!, content: f.content }));

  it('the service and timer backex writes verify cleanly', () => {
    const r = verify(units);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('and the check can fail: a timer with an impossible calendar is refused', () => {
    const broken = units.map((u) => (u.name.endsWith('.timer') ? { ...u, content: u.content.replace(/OnCalendar=.*/, 'OnCalendar=Funday 07:30') } : u));
    const r = verify(broken);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/calendar/i);
  });
});

describe('a session today', () => {
  const now = new Date(2026, 10, 30, 19, 0);
  it.each([
    [[], false],
    [[{ startedAt: new Date(2026, 10, 30, 7, 0).toISOString() }], true],
    [[{ startedAt: new Date(2026, 10, 29, 23, 59).toISOString() }], false],
    [[{ startedAt: new Date(2026, 10, 30, 7, 0).toISOString(), demo: true, timeScale: 10 }], false],
    [[{ startedAt: new Date(2026, 10, 30, 7, 0).toISOString(), timeScale: 10 }], false],
  ] as const)('%j: %s', (sessions, today) => expect(sessionToday([...sessions], now)).toBe(today));
});
