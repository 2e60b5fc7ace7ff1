// Each command that the other tests run in-process (runBackexInProcess), run once
// here as a user runs it: its own process, output into a pipe, the exit code the
// shell sees. (list, show, session, checkin and voices have their own files.)
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBackexAsync, runBackexInProcess, tempHome } from '../support/backex.js';
import { sessionLines, toText } from '../history/fixtures.js';

const now = new Date();
const daysAgo = (n: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - n, 9);

function homeWithHistory(): string {
  const home = tempHome();
  mkdirSync(join(home, 'data'), { recursive: true });
  writeFileSync(join(home, 'data', 'history.jsonl'), toText([...sessionLines('first', daysAgo(9), [6, 5]), ...sessionLines('second', daysAgo(2), [4, 3])]));
  return home;
}

describe('each command as its own process', () => {
  it('history, stats, export, plan, report and remind: exit 0, their output in the pipe, no colour', async () => {
    const home = homeWithHistory();
    const cwd = mkdtempSync(join(tmpdir(), 'backex-e2e-report-'));
    const [history, stats, exported, plan, report, remind] = await Promise.all([
      runBackexAsync(['history', '--json'], { home }),
      runBackexAsync(['stats'], { home }),
      runBackexAsync(['export', '--format', 'csv'], { home }),
      runBackexAsync(['plan', '--routine', 'core'], { home }),
      runBackexAsync(['report', '--output', 'physio.html'], { home, cwd }),
      runBackexAsync(['remind', 'status'], { home }),
    ]);
    for (const r of [history, stats, exported, plan, remind]) expect(r.stderr).toBe('');
    for (const r of [history, stats, exported, plan, report, remind]) {
      expect(r.status).toBe(0);
      expect(r.stdout).not.toContain('\x1b[');
    }
    expect(JSON.parse(history.stdout).map((s: { sessionId: string }) => s.sessionId)).toEqual(['second', 'first']);
    expect(stats.stdout).toMatch(/Sessions/i);
    expect(exported.stdout.split('\r\n')[0]).toMatch(/^date,/);
    expect(plan.stdout).toMatch(/bird-dog|Bird dog/i);
    // Where the report went is a message for the person, on stderr.
    expect(report.stderr).toMatch(/^Wrote the report of 2 sessions .* to .*physio\.html/);
    expect(statSync(join(cwd, 'physio.html')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(cwd, 'physio.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    expect(remind.stdout).toMatch(/^No reminders are set/);
  });

  it('a wrong value: exit 2 and one plain message on stderr, nothing on stdout', async () => {
    const results = await Promise.all([
      runBackexAsync(['history', '--since', 'last tuesday']),
      runBackexAsync(['stats', '--since', 'soon']),
      runBackexAsync(['plan', '--routine', 'nope']),
      runBackexAsync(['remind', 'set', 'funday', '07:30']),
    ]);
    for (const r of results) {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^backex: /);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });

  // The other tests trust runBackexInProcess to be the command as a user runs it.
  it('the in-process runner gives the same output and exit code as the child, for success, help, a usage error and a data error', async () => {
    const home = homeWithHistory();
    const commands = [['history'], ['stats', '--json'], ['export'], ['plan', '--routine', 'core'], ['--help'], ['stats', '--bogus'], ['history', '--since', 'soon'], ['-v']];
    const children = await Promise.all(commands.map((args) => runBackexAsync(args, { home })));
    for (const [i, args] of commands.entries()) expect(await runBackexInProcess(args, { home }), args.join(' ')).toEqual(children[i]);
  });
});
