// history, stats and export as a user runs them, on a hand-written history: the built
// bundle run in-process (runBackexInProcess); test/e2e/commands.test.ts runs each as a child.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBackexInProcess, tempHome } from '../support/backex.js';
import { sessionLines, toText } from './fixtures.js';

function homeWithHistory(text: string): string {
  const home = tempHome();
  mkdirSync(join(home, 'data'), { recursive: true });
  writeFileSync(join(home, 'data', 'history.jsonl'), text);
  return home;
}

const now = new Date();
const daysAgo = (n: number, h = 9) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - n, h);
const history = toText([
  ...sessionLines('oldest', daysAgo(27), [7]),
  ...sessionLines('old', daysAgo(20), [6, 5, 5]),
  ...sessionLines('mid', daysAgo(10), [5, 4], 'pain-stop', ['done', 'skipped-pain']),
  ...sessionLines('new', daysAgo(1), [3, 3, 2], null),
]);

describe('backex history', () => {
  it('lists sessions newest first with how each ended', async () => {
    const r = await runBackexInProcess(['history'], { home: homeWithHistory(history), env: { COLUMNS: '120' } });
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/when\s+routine\s+done\s+pain\s+time\s+ended/);
    // No end line: the last pain question was never answered.
    expect(lines[1]).toMatch(/3\/3\s+3 -> -\s+.*interrupted/);
    expect(lines[2]).toMatch(/1\/2\s+5 -> 4\s+.*pain stop/);
    expect(lines[3]).toMatch(/3\/3\s+6 -> 5\s+10 min\s+finished/);
  });

  it('--json is an array of sessions, newest first, with plain statuses and exercises', async () => {
    const r = await runBackexInProcess(['history', '--json'], { home: homeWithHistory(history) });
    const sessions = JSON.parse(r.stdout);
    expect(sessions.map((s: { sessionId: string; status: string }) => [s.sessionId, s.status])).toEqual([['new', 'interrupted'], ['mid', 'pain-stop'], ['old', 'finished'], ['oldest', 'finished']]);
    expect(sessions[0]).toMatchObject({ painStart: 3, painEnd: null });
    expect(sessions[1].exercises[1]).toMatchObject({ id: 'ex-2', name: 'ex-2', status: 'skipped-pain' });
  });

  it('--limit and --since', async () => {
    const home = homeWithHistory(history);
    expect(JSON.parse((await runBackexInProcess(['history', '--json', '--limit', '1'], { home })).stdout)).toHaveLength(1);
    expect(JSON.parse((await runBackexInProcess(['history', '--json', '--since', '2w'], { home })).stdout).map((s: { sessionId: string }) => s.sessionId)).toEqual(['new', 'mid']);
  });

  it('a bad --since is a usage error naming the forms it takes', async () => {
    const r = await runBackexInProcess(['history', '--since', 'last tuesday'], { home: homeWithHistory(history) });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--since takes a date like 2026-11-01, or a span like 7d, 4w or 3m/);
  });

  it('with no history says how to start; --json is []', async () => {
    const home = tempHome();
    expect((await runBackexInProcess(['history'], { home })).stdout).toMatch(/No sessions yet\. Start one with: backex session --core/);
    expect((await runBackexInProcess(['history', '--json'], { home })).stdout.trim()).toBe('[]');
  });

  it('a history that cannot be read is named in plain words (exit 2)', async () => {
    const home = tempHome();
    mkdirSync(join(home, 'data', 'history.jsonl'), { recursive: true });
    for (const command of ['history', 'stats', 'export']) {
      const r = await runBackexInProcess([command], { home });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/backex: cannot read .*history\.jsonl: it is a folder/);
      expect(r.stderr).not.toMatch(/EISDIR/);
    }
  });

  it('every command reports each damaged line once, by number, even inside a session whose end line has a summary', async () => {
    const lines = toText([...sessionLines('s1', daysAgo(3), [4, 3], 'finished', [], true), ...sessionLines('s2', daysAgo(2), [3], 'finished', [], true)]).split('\n');
    lines[1] = lines[1]!.slice(0, lines[1]!.indexOf('"sides":"none"}') + 15); // torn inside session s1
    lines[5] = lines[5]!.replace('"status":"done"', '"status":done'); // hand edit inside session s2
    const home = homeWithHistory(lines.join('\n'));
    for (const args of [['history'], ['history', '--json'], ['stats'], ['stats', '--json'], ['export']]) {
      const r = await runBackexInProcess(args, { home });
      expect(r.status).toBe(0);
      expect(r.stderr.trim().split('\n')).toEqual([
        `backex: history line 2 is damaged and was skipped (${join(home, 'data', 'history.jsonl')}): it ends part-way (a write cut short, or a line broken in two?); the rest is read as usual.`,
        `backex: history line 6 is damaged and was skipped (${join(home, 'data', 'history.jsonl')}): it is not valid JSON ("d" where it does not belong); the rest is read as usual.`,
      ]);
    }
  });

  it('a field of the wrong kind is named, with what it holds and what was expected, by every command', async () => {
    const lines = toText([...sessionLines('s1', daysAgo(3), [4, 3], 'finished', [], true), ...sessionLines('s2', daysAgo(2), [3], null)]).split('\n');
    lines[1] = lines[1]!.replace('"painBefore":4', '"painBefore":"six"'); // summarised session: the fast reader's path
    lines[5] = lines[5]!.replace('"repsDone":', '"repsDone":-1,"was":'); // interrupted session: the full reader's path
    const home = homeWithHistory(lines.join('\n'));
    for (const args of [['history'], ['history', '--json'], ['stats'], ['export']]) {
      const r = await runBackexInProcess(args, { home });
      expect(r.status).toBe(0);
      expect(r.stderr.trim().split('\n')).toEqual([
        `backex: history line 2 is damaged and was skipped (${join(home, 'data', 'history.jsonl')}): exercise.painBefore is "six", expected a whole number from 0 to 10 or null; the rest is read as usual.`,
        `backex: history line 6 is damaged and was skipped (${join(home, 'data', 'history.jsonl')}): exercise.repsDone is -1, expected a whole number from 0 to 9999; the rest is read as usual.`,
      ]);
    }
  });

  it('a damaged line is reported once on stderr and the rest is shown', async () => {
    const r = await runBackexInProcess(['history', '--json'], { home: homeWithHistory(`${history}{"v":1,"type":"exer`) });
    expect(r.status).toBe(0);
    expect(r.stderr.match(/damaged/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/line 17 is damaged/);
    expect(JSON.parse(r.stdout)).toHaveLength(4);
  });
});

describe('backex stats', () => {
  it('shows adherence, completion and the pain trend going down', async () => {
    const r = await runBackexInProcess(['stats'], { home: homeWithHistory(history), env: { COLUMNS: '100' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Sessions per week/);
    expect(r.stdout).toMatch(/4 sessions in all; 1 day in a row so far/);
    expect(r.stdout).toMatch(/ex-2\s+2\s+3\s+1\s+0/);
    expect(r.stdout).toMatch(/gone down by about/);
    // Its last column counts s and an exercise the session ended during: not "skipped" alone.
    expect(r.stdout).toMatch(/done\s+of\s+skipped: pain\s+skipped or ended\n/);
    const stopped = await runBackexInProcess(['stats'], { home: homeWithHistory(toText(sessionLines('q', daysAgo(2), [3, 3], 'quit', ['done', 'stopped']))), env: { COLUMNS: '100' } });
    expect(stopped.stdout).toMatch(/ex-2\s+0\s+1\s+0\s+1\n/);
    expect(r.stdout).toMatch(/[┤┼]/); // the chart
  });

  it('--json', async () => {
    const stats = JSON.parse((await runBackexInProcess(['stats', '--json'], { home: homeWithHistory(history) })).stdout);
    expect(stats.sessions).toBe(4);
    expect(stats.sessionsWithExercise).toBe(4);
    expect(stats.pain.direction).toBe('down');
    expect(stats.pain.points.map((p: { pain: number }) => p.pain)).toEqual([7, 6, 5, 3]);
    expect(stats.weeks).toHaveLength(8);
  });

  it('works with one session, and with none', async () => {
    const one = await runBackexInProcess(['stats'], { home: homeWithHistory(toText(sessionLines('a', daysAgo(0), [4]))) });
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/One session so far, starting at pain 4/);
    expect(one.stdout).toMatch(/1 day in a row/);
    const none = await runBackexInProcess(['stats'], { home: tempHome() });
    expect(none.status).toBe(0);
    expect(none.stdout).toMatch(/No sessions yet/);
  });

  it('sessions hours apart: too early for a trend, in words and in --json', async () => {
    const home = homeWithHistory(toText([...sessionLines('a', daysAgo(0, 8), [5]), ...sessionLines('b', daysAgo(0, 9), [6]), ...sessionLines('c', daysAgo(0, 11), [4])]));
    const r = await runBackexInProcess(['stats'], { home, env: { COLUMNS: '200' } });
    expect(r.stdout).toMatch(/Too early to see a trend: 3 sessions on the same day so far \(a trend needs at least 4 sessions over 2 weeks\)\. Pain at the start: 5 at the first session, 4 at the latest\./);
    expect(r.stdout).not.toMatch(/points? a week|1 days/);
    const stats = JSON.parse((await runBackexInProcess(['stats', '--json'], { home })).stdout);
    expect(stats.pain).toMatchObject({ perWeek: null, direction: null, days: 0 });
  });

  it('sessions in which nothing was done are listed but not counted as sessions done; their pain still is', async () => {
    const home = homeWithHistory(toText([...sessionLines('done', daysAgo(1), [3]), ...sessionLines('stop', daysAgo(0), [8], 'pain-stop', ['skipped-pain'])]));
    expect((await runBackexInProcess(['history'], { home })).stdout).toMatch(/0\/1\s+8 -> 8\s+.*pain stop/);
    const r = await runBackexInProcess(['stats'], { home, env: { COLUMNS: '200' } });
    expect(r.stdout).toMatch(/1 session in all, not counting 1 in which no exercise was completed; 1 day in a row so far\./);
    const stats = JSON.parse((await runBackexInProcess(['stats', '--json'], { home })).stdout);
    expect([stats.sessions, stats.sessionsWithExercise, stats.weeks.reduce((n: number, w: { sessions: number }) => n + w.sessions, 0)]).toEqual([2, 1, 1]);
    expect(stats.pain.points.map((p: { pain: number }) => p.pain)).toEqual([3, 8]);
  });

  it('--since a time with no sessions says so (not "No sessions yet"); the weeks start at --since', async () => {
    const home = homeWithHistory(history);
    for (const command of ['stats', 'history']) {
      const r = await runBackexInProcess([command, '--since', '2099-01-01'], { home });
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^No sessions since 2099-01-01\. Without --since, (stats covers|history lists) all 4 sessions\./);
    }
    const stats = JSON.parse((await runBackexInProcess(['stats', '--json', '--since', '1d'], { home })).stdout);
    expect(stats.weeks).toHaveLength(1);
    expect(stats.sessions).toBe(0);
  });

  it('a session with no pain at the end (ended before the last question) reads cleanly everywhere', async () => {
    const lines = sessionLines('q', daysAgo(0), [2, 3], 'quit', ['done', 'stopped']);
    const end = lines.at(-1)! as { painEnd: number | null };
    end.painEnd = null;
    const home = homeWithHistory(toText(lines));
    const table = await runBackexInProcess(['history'], { home });
    expect(table.stdout).toMatch(/1\/2\s+2 -> -\s+.*ended early/);
    expect(JSON.parse((await runBackexInProcess(['history', '--json'], { home })).stdout)[0]).toMatchObject({ painStart: 2, painEnd: null });
    for (const args of [['stats'], ['stats', '--json'], ['export'], ['export', '--format', 'json']]) {
      const r = await runBackexInProcess(args, { home });
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
    }
  });
});

describe('backex export', () => {
  it('CSV on stdout, one row per exercise record', async () => {
    const r = await runBackexInProcess(['export', '--format', 'csv'], { home: homeWithHistory(history) });
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split('\r\n');
    expect(rows[0]).toBe('date,session,routine,exercise,name,pain_before,reps_minimum,reps_planned,hold_seconds,reps_done,sides_planned,sides_done,status,session_status,pain_end,pain_next_morning,note,demo');
    expect(rows).toHaveLength(1 + 9);
    // Local time with its offset, to the second.
    expect(rows[1]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2},oldest,/);
  });

  it('--output writes a private file and says where', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'backex-export-')), 'physio.json');
    const r = await runBackexInProcess(['export', '--format', 'json', '--output', out], { home: homeWithHistory(history) });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/Wrote 9 exercise records to .*physio\.json/);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveLength(9);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('without --format, a file named *.json gets JSON and any other file CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backex-export-'));
    const home = homeWithHistory(history);
    expect((await runBackexInProcess(['export', '--output', join(dir, 'a.json')], { home })).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'))).toHaveLength(9);
    expect((await runBackexInProcess(['export', '--output', join(dir, 'a.csv')], { home })).status).toBe(0);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toMatch(/^date,session,/);
  });

  it('--output to an existing file: refused without --force (exit 2, file untouched); replaced with --force, always 0600', async () => {
    const home = homeWithHistory(history);
    const dir = mkdtempSync(join(tmpdir(), 'backex-export-'));
    const out = join(dir, 'physio.csv');
    writeFileSync(out, 'old notes\n');
    chmodSync(out, 0o644);
    const refused = await runBackexInProcess(['export', '--output', out], { home });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/physio\.csv already exists, so it was left as it is\. To replace it, add --force/);
    expect(readFileSync(out, 'utf8')).toBe('old notes\n');
    expect(statSync(out).mode & 0o777).toBe(0o644);
    const forced = await runBackexInProcess(['export', '--output', out, '--force'], { home });
    expect(forced.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^date,session,routine/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    // Nothing left behind: no temporary file next to it.
    expect(readdirSync(dir)).toEqual(['physio.csv']);
  });

  it('a file that cannot be written is named, in plain words, without the system\'s error text (exit 2)', async () => {
    const home = homeWithHistory(history);
    const folder = await runBackexInProcess(['export', '--output', tmpdir()], { home });
    expect(folder.status).toBe(2);
    expect(folder.stderr).toMatch(new RegExp(`cannot write ${tmpdir()}: it is a folder; give a file name`));
    const missing = join(tmpdir(), 'backex-no-such-folder', 'physio.csv');
    const nowhere = await runBackexInProcess(['export', '--output', missing], { home });
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toMatch(/cannot write .*backex-no-such-folder\/physio\.csv: the folder .*backex-no-such-folder does not exist/);
    for (const r of [folder, nowhere]) expect(r.stderr).not.toMatch(/EISDIR|ENOENT|illegal operation|at .*\.js/);
  });

  it('--force without --output is refused (exit 2), not silently ignored', async () => {
    const r = await runBackexInProcess(['export', '--force'], { home: homeWithHistory(history) });
    expect(r.stderr).toBe('backex: --force goes with --output <file>: it lets the export replace that file\n');
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
  });

  it('a path through a file is a wrong name in plain words (exit 2), not "something went wrong"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backex-export-'));
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = await runBackexInProcess(['export', '--output', join(dir, 'notes.txt', 'physio.csv')], { home: homeWithHistory(history) });
    expect(r.stderr).toMatch(/^backex: cannot write .*notes\.txt\/physio\.csv: part of the path is a file, not a folder\n$/);
    expect(r.status).toBe(2);
  });

  it('a pipe (as a device or a socket) is never replaced, not even with --force: exit 2, left as it was', async () => {
    // A pipe made here, never a device: were this to regress, as root it would replace /dev/full with a file.
    const dir = mkdtempSync(join(tmpdir(), 'backex-export-'));
    const pipe = join(dir, 'pipe.csv');
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
    const r = await runBackexInProcess(['export', '--output', pipe, '--force'], { home: homeWithHistory(history) });
    expect(r.stderr).toContain(`cannot write ${pipe}: it is not a file (a device, a pipe or a socket), so it was left as it is`);
    expect(r.status).toBe(2);
    expect(lstatSync(pipe).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe.csv']);
  });

  it.skipIf(!existsSync('/proc/self'))('a folder that takes no new files (/proc) is a failed write (exit 1), not "the folder does not exist"', async () => {
    const r = await runBackexInProcess(['export', '--output', '/proc/physio.csv'], { home: homeWithHistory(history) });
    expect(r.stderr).toMatch(/^backex: cannot write \/proc\/physio\.csv: the folder \/proc does not take new files; the export was not written\.\n$/);
    expect(r.status).toBe(1);
  });
});
