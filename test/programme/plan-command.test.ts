// `backex plan` and `list --routine` through the built command, on a programme
// file and a history written as the store writes it.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { bin, root, runBackexInProcess, tempHome } from '../support/backex.js';
import { ISSUE_EXAMPLE } from './fixtures.js';

// Each test runs the built command several times: on a loaded two-core machine that can take a while.
vi.setConfig({ testTimeout: 120_000 });

function programmeFile(content: unknown = ISSUE_EXAMPLE): string {
  const path = join(mkdtempSync(join(tmpdir(), 'backex-plan-')), 'physio.json');
  writeFileSync(path, JSON.stringify(content, null, 2));
  return path;
}

/** A finished session of the programme `daysAgo` days ago, pain `pain` throughout, as history lines. */
function sessionLines(daysAgo: number, pain: number, status: 'finished' | 'pain-stop' = 'finished'): string[] {
  const startedAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  const sessionId = `s${daysAgo}-${pain}`;
  const exercise = (id: string) => ({ v: 1, type: 'exercise', sessionId, exercise: { id, name: id, dose: { reps: 8, holdSeconds: 5, sides: 'none' }, painBefore: pain, repsPlanned: 8, repsMinimum: 8, repsDone: 8, sidesPlanned: 1, sidesDone: 1, status: status === 'pain-stop' && id === 'bird-dog' ? 'stopped' : 'done', restarts: 0, startedAt, endedAt: startedAt } });
  return [
    { v: 1, type: 'session-start', pid: 1, sessionId, startedAt, routine: 'my-programme', planned: [] },
    exercise('neutral-spine-brace'),
    exercise('bird-dog'),
    { v: 1, type: 'session-end', sessionId, endedAt: startedAt, status, painEnd: pain, durationMs: 60_000 },
  ].map((l) => JSON.stringify(l));
}

function homeWith(lines: string[]): string {
  const home = tempHome();
  mkdirSync(join(home, 'data'), { recursive: true, mode: 0o700 });
  writeFileSync(join(home, 'data', 'history.jsonl'), lines.map((l) => `${l}\n`).join(''), { mode: 0o600 });
  return home;
}

describe('backex plan', () => {
  it('with no history: the starting doses, the next step and why, as JSON with id, dose, next and reason', async () => {
    const r = await runBackexInProcess(['plan', '--routine', 'my-programme', '--json', '--data', programmeFile()]);
    expect(r.status).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.painRules).toEqual({ stopAt: 7, skipAboveStartBy: 1, painSkipsToEnd: 2, acceptableDuring: 5 });
    const birdDog = plan.exercises.find((e: { id: string }) => e.id === 'bird-dog');
    expect(birdDog).toMatchObject({ id: 'bird-dog', dose: { reps: 8, holdSeconds: 5 }, next: { reps: 8, holdSeconds: 6 }, reason: 'holds 5 s -> 6 s after 2 more sessions without pain above 3' });
    expect(plan.exercises[0]).toMatchObject({ id: 'neutral-spine-brace', next: null });
  });

  it('after two sessions without pain above 3, the hold is a second longer, in plan and in list --routine', async () => {
    const home = homeWith([...sessionLines(3, 2), ...sessionLines(1, 3)]);
    const file = programmeFile();
    const plan = JSON.parse((await runBackexInProcess(['plan', '--json', '--data', file], { home })).stdout);
    expect(plan.exercises[1]).toMatchObject({ dose: { holdSeconds: 6 }, next: { holdSeconds: 7 } });
    expect(plan.exercises[1].reason).toMatch(/^holds 6 s -> 7 s after 2 more sessions without pain above 3 \(stepped up on \d{4}-\d\d-\d\d, after 2 sessions without pain above 3\)$/);
    const list = await runBackexInProcess(['list', '--routine', 'my-programme', '--data', file], { home });
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/bird-dog .* 8 x 6 s hold, each /);
    expect(list.stdout).toMatch(/backex plan --routine my-programme/);
    const json = JSON.parse((await runBackexInProcess(['list', '--routine', 'my-programme', '--json', '--data', file], { home })).stdout);
    expect(json[1].dose.holdSeconds).toBe(6);
  });

  it('a pain stop steps back; pain above 3 only starts the count again', async () => {
    const file = programmeFile();
    const back = JSON.parse((await runBackexInProcess(['plan', '--json', '--data', file], { home: homeWith([...sessionLines(9, 2), ...sessionLines(8, 2), ...sessionLines(2, 2, 'pain-stop')]) })).stdout);
    expect(back.exercises[1].dose.holdSeconds).toBe(5);
    expect(back.exercises[1].reason).toMatch(/stepped back from 8 x 6 s hold, each side, alternating after the pain stop on/);
    const again = JSON.parse((await runBackexInProcess(['plan', '--json', '--data', file], { home: homeWith([...sessionLines(3, 2), ...sessionLines(1, 4)]) })).stdout);
    expect(again.exercises[1].dose.holdSeconds).toBe(5);
    expect(again.exercises[1].reason).toMatch(/after 2 more sessions without pain above 3 \(counting again since pain above 3 on/);
  });

  it('in words: the rules in force, the frequency, the review date, each exercise', async () => {
    const r = await runBackexInProcess(['plan', '--data', programmeFile()]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Programme "my-programme": My programme\n3 sessions a week\.\nYour programme: stop at 7 or more;/);
    expect(r.stdout).toMatch(/looser than backex's own/);
    expect(r.stdout).toMatch(/To be reviewed with your physiotherapist on 2027-01-15\./);
    expect(r.stdout).toMatch(/bird-dog · Bird dog\n {2}today: 8 x 5 s hold, each side, alternating\n {2}next: {2}holds 5 s -> 6 s after 2 more sessions without pain above 3/);
  });

  it('says how many demonstration runs the progression left out, and only when there are some', async () => {
    const file = programmeFile();
    const demo = (lines: string[]) => lines.map((l, i) => (i === 0 ? JSON.stringify({ ...JSON.parse(l), timeScale: 20 }) : l));
    const r = await runBackexInProcess(['plan', '--data', file], { home: homeWith([...demo(sessionLines(2, 2)), ...demo(sessionLines(1, 2))]), env: { COLUMNS: '200' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\n2 demonstration runs (sped up with BACKEX_TIME_SCALE) were left out: demonstrations do not count towards the next step.\n');
    expect(r.stdout).toMatch(/next: {2}holds 5 s -> 6 s after 2 more sessions without pain above 3\n/);
    const one = await runBackexInProcess(['plan', '--data', file], { home: homeWith([...demo(sessionLines(2, 2)), ...sessionLines(1, 2)]), env: { COLUMNS: '200' } });
    expect(one.stdout).toContain('\n1 demonstration run (sped up with BACKEX_TIME_SCALE) was left out: demonstrations do not count towards the next step.\n');
    expect(one.stdout).toMatch(/after 1 more session without pain above 3\n/);
    const none = await runBackexInProcess(['plan', '--data', file], { home: homeWith(sessionLines(1, 2)) });
    expect(none.stdout).not.toMatch(/demonstration/);
  });

  it('with no programme among the files, or an unknown routine: exit 2 saying what to do', async () => {
    const none = await runBackexInProcess(['plan']);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^backex: there is no programme yet .*--routine/);
    const unknown = await runBackexInProcess(['plan', '--routine', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no routine 'nope'/);
  });

  it('any routine can be planned: without progression every dose stays', async () => {
    const r = await runBackexInProcess(['plan', '--routine', 'core', '--json']);
    expect(r.status).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.exercises.every((e: { next: unknown }) => e.next === null)).toBe(true);
    expect(plan.painRules).toEqual({ stopAt: 7, skipAboveStartBy: 1, painSkipsToEnd: 2 });
  });

  it('list without --routine, and show, load none of the programme code', () => {
    for (const args of [['list'], ['show', 'bird-dog'], ['list', '--routine', 'core']]) {
      const loads = join(mkdtempSync(join(tmpdir(), 'backex-loads-')), 'loads.txt');
      writeFileSync(loads, '');
      spawnSync(process.execPath, ['--import', join(root, 'test/support/record-loads.mjs'), bin, ...args], { env: { ...process.env, BACKEX_HOME: tempHome(), BACKEX_LOADS: loads }, encoding: 'utf8' });
      const files = readFileSync(loads, 'utf8').split('\n').filter((u) => u.includes('/dist/'));
      expect(files.length).toBeGreaterThan(0);
      expect(files.filter((u) => /progression|plan-|remind/.test(u)), args.join(' ')).toEqual([]);
    }
  });
});

describe('the commands plan, list and show suggest carry the --data given', () => {
  // A file name a shell must have quoted: a space and a quote.
  const dir = mkdtempSync(join(tmpdir(), 'backex-suggest-'));
  const name = "it's my programme.json";
  writeFileSync(join(dir, name), JSON.stringify(ISSUE_EXAMPLE));
  const quoted = `'it'\\''s my programme.json'`;
  const run = (args: string[]) => runBackexInProcess([...args, '--data', name], { cwd: dir, env: { COLUMNS: '300' } });

  /** The arguments a POSIX shell makes of a printed `backex ...` line. */
  const shellWords = (line: string) => spawnSync('sh', ['-c', `printf '%s\\0' ${line.replace(/^backex /, '')}`], { encoding: 'utf8' }).stdout.split('\0').slice(0, -1);

  it("plan's last line runs as printed: the session finds the routine from the file", async () => {
    const r = await run(['plan']);
    expect(r.status).toBe(0);
    const line = r.stdout.trim().split('\n').at(-1)!;
    expect(line).toBe(`The session uses today's doses: backex session --routine my-programme --data ${quoted}`);
    const command = line.slice(line.indexOf('backex '));
    const session = await runBackexInProcess([...shellWords(command), '--dry-run'], { cwd: dir });
    expect(session.stderr).toBe('');
    expect(session.status).toBe(0);
    expect(session.stdout).toMatch(/^Session "my-programme": 2 exercises/);
  });

  it('list --routine names plan and show with the file; a miss in show or --exercises names list with it', async () => {
    const list = await run(['list', '--routine', 'my-programme']);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain(`backex plan --routine my-programme --data ${quoted}`);
    expect(list.stdout).toContain(`backex show <id, # or letter> --data ${quoted}`);
    const none = await run(['list', '--routine', 'my-programme', '--equipment', 'ball']);
    expect(none.stdout).toContain(`Try \`backex list --data ${quoted}\` for all of them.`);
    for (const args of [['show', 'zzzzqqqq'], ['session', '--dry-run', '--exercises', 'zzzzqqqq']]) {
      const miss = await run(args);
      expect(miss.status, args.join(' ')).toBe(2);
      expect(miss.stderr).toBe(`backex: no exercise 'zzzzqqqq'; see \`backex list --data ${quoted}\` for every exercise\n`);
    }
    // Without --data, the suggestions are as before.
    expect((await runBackexInProcess(['show', 'zzzzqqqq'])).stderr).toBe("backex: no exercise 'zzzzqqqq'; see `backex list` for every exercise\n");
  });
});
