// Issue 13, the history side: demo sessions, notes, next-morning check-ins and
// an export that fails loudly, as a user (or a script) runs them.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { SessionOverview } from '../../src/engine/record.js';
import { checkinDue, checkinTarget } from '../../src/history/checkin.js';
import { EXPORT_COLUMNS, exportRows, localIso } from '../../src/history/export.js';
import { onlyDemonstrations } from '../../src/history/stats.js';
import { parseHistory, parseOverviews } from '../../src/history/read.js';
import { bin, runBackexInProcess, tempHome } from '../support/backex.js';
import { sessionLines, toText } from './fixtures.js';

const now = new Date();
const daysAgo = (n: number, h = 9) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - n, h);

/** A real session, a demo one (BACKEX_TIME_SCALE=20) and an old one without the field, each with a summary. */
function mixed(): string {
  const real = sessionLines('real', daysAgo(3), [4, 3], 'finished', [], true);
  const demo = sessionLines('demo', daysAgo(2), [5, 5], 'finished', [], true);
  (demo[0] as { timeScale?: number }).timeScale = 20;
  const old = sessionLines('old', daysAgo(10), [6], 'finished', [], true);
  (real.at(-1) as { note?: string }).note = 'easier today, "knee" ok';
  return toText([...old, ...real, ...demo, { v: 1, type: 'checkin', sessionId: 'real', at: daysAgo(2, 7).toISOString(), pain: 2, felt: 'better' }]);
}

function homeWith(text: string): string {
  const home = tempHome();
  mkdirSync(join(home, 'data'), { recursive: true });
  writeFileSync(join(home, 'data', 'history.jsonl'), text);
  return home;
}

describe('honest records: demo sessions', () => {
  it('are read with their time scale, by both readers; lines without the field are real sessions', () => {
    for (const sessions of [parseHistory(mixed(), () => {}), parseOverviews(mixed(), () => {})]) {
      expect(sessions.map((s) => [s.sessionId, s.timeScale, s.demo])).toEqual([['demo', 20, true], ['real', 1, false], ['old', 1, false]]);
    }
  });

  it('the fast reader takes the scale from a start line it does not parse, and from one it has to', () => {
    const text = mixed();
    const respaced = text.replace(/^(\{"v":1,"type":"session-start".*"sessionId":"demo".*)$/m, (l) => JSON.stringify(JSON.parse(l), null, 1).replace(/\n/g, ' '));
    expect(respaced).not.toBe(text);
    expect(parseOverviews(respaced, () => {}).find((s) => s.sessionId === 'demo')).toMatchObject({ timeScale: 20, demo: true });
  });

  it('history lists them marked as demo; stats and export leave them out unless --include-demo', async () => {
    const home = homeWith(mixed());
    const history = await runBackexInProcess(['history'], { home });
    expect(history.stdout.split('\n').filter((l) => l.includes('(demo)'))).toHaveLength(2); // the row and the note under the table
    expect(history.stdout).toMatch(/finished \(demo\)/);
    expect(JSON.parse((await runBackexInProcess(['history', '--json'], { home })).stdout).map((s: { sessionId: string; demo: boolean }) => [s.sessionId, s.demo])).toEqual([['demo', true], ['real', false], ['old', false]]);
    const stats = async (args: string[]) => JSON.parse((await runBackexInProcess(['stats', '--json', ...args], { home })).stdout);
    expect((await stats([])).sessions).toBe(2);
    expect((await stats(['--include-demo'])).sessions).toBe(3);
    const rows = async (args: string[]) => (await runBackexInProcess(['export', ...args], { home })).stdout.trim().split('\r\n').slice(1);
    expect((await rows([])).map((r) => r.split(',')[1])).toEqual(['old', 'real', 'real']);
    expect((await rows(['--include-demo'])).filter((r) => r.endsWith(',yes'))).toHaveLength(2);
  }, 120_000);
});

describe('a history of nothing but demonstrations', () => {
  it('export says why it is empty, in the words stats and report use; the header alone on stdout, exit 0', async () => {
    const demo = sessionLines('demo', daysAgo(1), [5, 5], 'finished', [], true);
    (demo[0] as { timeScale?: number }).timeScale = 20;
    const home = homeWith(toText(demo));
    const cwd = mkdtempSync(join(tmpdir(), 'backex-demo-only-'));
    const exported = await runBackexInProcess(['export'], { home });
    expect(exported.status).toBe(0);
    expect(exported.stdout).toBe(`${EXPORT_COLUMNS.join(',')}\r\n`);
    expect(exported.stderr).toBe(`${onlyDemonstrations('export')}\n`);
    expect(onlyDemonstrations('export')).toBe('Only demonstration runs so far (sped up with BACKEX_TIME_SCALE), which do not count; add --include-demo to export them.');
    // To a file as well; and JSON: an empty list, still said why.
    const toFile = await runBackexInProcess(['export', '--format', 'json', '--output', join(cwd, 'e.json')], { home });
    expect(toFile.status).toBe(0);
    expect(toFile.stderr).toContain(onlyDemonstrations('export'));
    expect(JSON.parse(readFileSync(join(cwd, 'e.json'), 'utf8'))).toEqual([]);
    // The same sentence from stats and report, one verb apart.
    expect((await runBackexInProcess(['stats'], { home })).stdout).toContain(onlyDemonstrations('see'));
    expect((await runBackexInProcess(['report', '--output', join(cwd, 'r.html')], { home, cwd })).stderr).toContain(onlyDemonstrations('report'));
    // With --include-demo the run is exported, and nothing is said.
    const included = await runBackexInProcess(['export', '--include-demo'], { home });
    expect(included.stderr).toBe('');
    expect(included.stdout.trim().split('\r\n')).toHaveLength(3);
  }, 120_000);
});

describe('notes and the next-morning pain in the record', () => {
  it('a check-in is read alike by both readers: unparsed when written as the store does, parsed otherwise; the latest wins; an id with an escape is not mistaken for another', () => {
    const a = sessionLines('a\\', daysAgo(3), [4], 'finished', [], true);
    const b = sessionLines('a"b', daysAgo(2), [5], 'finished', [], true);
    const checkin = (sessionId: string, pain: number, felt: string | null) => ({ v: 1 as const, type: 'checkin' as const, sessionId, at: daysAgo(1, 7).toISOString(), pain, felt: felt as 'same' | null });
    const c = sessionLines('c', daysAgo(2, 18), [3], 'finished', [], true);
    const text = toText([...a, ...b, ...c, checkin('a\\', 2, null), checkin('a\\', 1, 'same'), checkin('c', 4, 'worse'), checkin('a"b', 6, 'worse')]) + JSON.stringify(checkin('a"b', 3, 'better'), null, 1).replace(/\n/g, ' ') + '\n';
    const parse = vi.spyOn(JSON, 'parse');
    const fast = parseOverviews(text, () => {});
    const parsedLines = parse.mock.calls.length;
    parse.mockRestore();
    const full = parseHistory(text, () => {});
    for (const sessions of [fast, full]) {
      expect(sessions.find((s) => s.sessionId === 'a\\')?.checkin).toMatchObject({ pain: 1, felt: 'same' });
      expect(sessions.find((s) => s.sessionId === 'a"b')?.checkin).toMatchObject({ pain: 3, felt: 'better' });
      expect(sessions.find((s) => s.sessionId === 'c')?.checkin).toMatchObject({ pain: 4, felt: 'worse' });
    }
    // The three end lines, every other line of the two sessions whose ids have an escape (4 + 3), and the spaced check-in: session c's start, exercise and check-in lines were only matched.
    expect(parsedLines).toBe(3 + 4 + 3 + 1);
  });

  it('history --json carries the note and the check-in; the table shows the next-morning pain', async () => {
    const home = homeWith(mixed());
    const real = JSON.parse((await runBackexInProcess(['history', '--json'], { home })).stdout).find((s: { sessionId: string }) => s.sessionId === 'real');
    expect(real).toMatchObject({ note: 'easier today, "knee" ok', checkin: { pain: 2, felt: 'better' }, painEnd: 3 });
    const table = (await runBackexInProcess(['history'], { home })).stdout;
    expect(table).toMatch(/4 -> 3 -> 2/);
    expect(table).toMatch(/at the end -> the next morning/);
  });

  it('the export has the end pain, the next-morning pain and the note on every row of the session, with local times', () => {
    const rows = exportRows(parseHistory(mixed(), () => {}));
    const real = rows.filter((r) => r.session === 'real');
    expect(real).toHaveLength(2);
    for (const r of real) expect(r).toMatchObject({ pain_end: 3, pain_next_morning: 2, note: 'easier today, "knee" ok', demo: null });
    expect(rows.find((r) => r.session === 'old')).toMatchObject({ pain_next_morning: null, note: null });
    expect(real[0]!.date).toBe(localIso(daysAgo(3).toISOString()));
  });

  it('localIso: local time and the offset that held at that moment', () => {
    const instant = '2026-11-24T07:02:00.000Z';
    const text = localIso(instant);
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect(Date.parse(text)).toBe(Date.parse(instant));
  });

  it('localIso in zones east and west of UTC, summer and winter', () => {
    const old = process.env.TZ;
    // Node applies a change of TZ at once.
    const zone = (tz: string) => {
      process.env.TZ = tz;
      return ['2026-11-24T07:02:00.000Z', '2026-07-01T12:00:00.000Z'].map(localIso).join(' ');
    };
    try {
      expect(zone('Europe/Paris')).toBe('2026-11-24T08:02:00+01:00 2026-07-01T14:00:00+02:00');
      expect(zone('America/New_York')).toBe('2026-11-24T02:02:00-05:00 2026-07-01T08:00:00-04:00');
      expect(zone('Asia/Kolkata')).toBe('2026-11-24T12:32:00+05:30 2026-07-01T17:30:00+05:30');
      expect(zone('UTC')).toBe('2026-11-24T07:02:00+00:00 2026-07-01T12:00:00+00:00');
    } finally {
      if (old === undefined) delete process.env.TZ;
      else process.env.TZ = old;
    }
  });
});

describe('backex checkin', () => {
  it('--pain and --felt record a check-in against the session of yesterday, which history then shows', async () => {
    const home = homeWith(toText([...sessionLines('older', daysAgo(3), [4], 'finished', [], true), ...sessionLines('yesterday', daysAgo(1), [5, 4], 'finished', [], true), ...sessionLines('today', daysAgo(0, 0), [3], 'finished', [], true)]));
    const r = await runBackexInProcess(['checkin', '--pain', '2', '--felt', 'same'], { home });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Noted for your session of .* \(core\): pain 2 the next morning; the exercises felt the same\.$/m);
    const last = JSON.parse(readFileSync(join(home, 'data', 'history.jsonl'), 'utf8').trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ v: 1, type: 'checkin', sessionId: 'yesterday', pain: 2, felt: 'same' });
    expect(Number.isFinite(Date.parse(last.at))).toBe(true);
    const sessions = JSON.parse((await runBackexInProcess(['history', '--json'], { home })).stdout);
    expect(sessions.find((s: { sessionId: string }) => s.sessionId === 'yesterday').checkin).toMatchObject({ pain: 2, felt: 'same' });
    expect(sessions.find((s: { sessionId: string }) => s.sessionId === 'today').checkin).toBeUndefined();
  });

  it('--pain alone records "felt" as null; a second check-in replaces the first', async () => {
    const home = homeWith(toText(sessionLines('y', daysAgo(1), [5], 'finished', [], true)));
    expect((await runBackexInProcess(['checkin', '--pain', '4'], { home })).status).toBe(0);
    const again = await runBackexInProcess(['checkin', '--pain', '1', '--felt', 'better'], { home });
    expect(again.stdout.replace(/\n/g, " ")).toMatch(/replaces the earlier check-in/);
    expect(JSON.parse((await runBackexInProcess(['history', '--json'], { home })).stdout)[0].checkin).toMatchObject({ pain: 1, felt: 'better' });
    const lines = readFileSync(join(home, 'data', 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === 'checkin').map((l) => l.felt)).toEqual([null, 'better']);
  });

  it.each([
    [['--pain', '11'], /--pain takes a whole number from 0 \(no pain\) to 10 \(the worst\), like --pain 3; got "11"/],
    [['--pain', '-1'], /--pain takes a whole number/],
    [['--pain', '3.5'], /--pain takes a whole number/],
    [['--pain', 'bad'], /--pain takes a whole number/],
    [['--pain', '3', '--felt', 'meh'], /argument 'meh' is invalid\. Allowed choices are better, same, worse/],
  ])('refuses %j with a hint (exit 2), writing nothing', async (args, message) => {
    const text = toText(sessionLines('y', daysAgo(1), [5], 'finished', [], true));
    const home = homeWith(text);
    const r = await runBackexInProcess(['checkin', ...args], { home });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(readFileSync(join(home, 'data', 'history.jsonl'), 'utf8')).toBe(text);
  });

  it('without a terminal and without --pain: a polite refusal saying how (exit 2)', async () => {
    const r = await runBackexInProcess(['checkin'], { home: homeWith(toText(sessionLines('y', daysAgo(1), [5], 'finished', [], true))) });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/backex checkin asks in a terminal; without one, give the answer: --pain N/);
  });

  it('with no session from yesterday: says so (exit 2); demo sessions are not checked in about', async () => {
    const demo = sessionLines('demo', daysAgo(1), [5], 'finished', [], true);
    (demo[0] as { timeScale?: number }).timeScale = 10;
    const r = await runBackexInProcess(['checkin', '--pain', '2'], { home: homeWith(toText([...demo, ...sessionLines('today', daysAgo(0, 0), [3])])) });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/there is no session from yesterday to check in about \(your last session was today\)/);
  });

  it('a session older than yesterday is not checked in about: its "next morning" is long past (exit 2, nothing written)', async () => {
    // The user's case: the last session 8 days ago; pain today is not that session's next morning, and would feed the programme's step-back rules.
    const text = toText([...sessionLines('older', daysAgo(9), [4], 'finished', [], true), ...sessionLines('stale', daysAgo(8), [5, 4], 'finished', [], true)]);
    const home = homeWith(text);
    const r = await runBackexInProcess(['checkin', '--pain', '2'], { home });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toMatch(/^backex: there is no session from yesterday to check in about \(your last session was on \w+ \d+ \w+\)\. A check-in is the morning after a session: run backex checkin the day after your next one$/);
    expect(readFileSync(join(home, 'data', 'history.jsonl'), 'utf8')).toBe(text);
    // Two days ago is no different.
    expect((await runBackexInProcess(['checkin', '--pain', '2'], { home: homeWith(toText(sessionLines('two', daysAgo(2), [3], 'finished', [], true))) })).status).toBe(2);
  });

  it('checkinDue: the last real session, when it started yesterday and has no check-in', () => {
    const s = (id: string, day: number, extra: Partial<SessionOverview> = {}) => ({ sessionId: id, startedAt: daysAgo(day).toISOString(), demo: false, ...extra });
    expect(checkinDue([s('a', 1), s('b', 3)], now)?.sessionId).toBe('a');
    expect(checkinDue([s('b', 3), s('a', 1)], now)?.sessionId).toBe('a');
    expect(checkinDue([s('a', 1, { checkin: { at: '', pain: 1, felt: null } })], now)).toBeNull();
    expect(checkinDue([s('t', 0), s('a', 1)], now)).toBeNull();
    expect(checkinDue([s('d', 0, { demo: true }), s('a', 1)], now)?.sessionId).toBe('a');
    expect(checkinDue([], now)).toBeNull();
    expect(checkinTarget([s('t', 0), s('a', 1, { checkin: { at: '', pain: 1, felt: null } })], now)?.sessionId).toBe('a');
  });

  it('checkinDue and checkinTarget: nothing older than yesterday, by the calendar, not by 24 hours', () => {
    const s = (id: string, at: Date) => ({ sessionId: id, startedAt: at.toISOString(), demo: false });
    const day = (n: number, h: number, m = 0) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - n, h, m);
    // Eight days ago, two days ago: the next session asks nothing, and a check-in has nothing to attach to.
    for (const n of [8, 2]) {
      expect(checkinDue([s('old', day(n, 9))], day(0, 8))).toBeNull();
      expect(checkinTarget([s('old', day(n, 9))], day(0, 8))).toBeNull();
    }
    // Late yesterday, asked just after midnight; early yesterday, asked late today: both are yesterday.
    expect(checkinDue([s('late', day(1, 23, 50))], day(0, 0, 10))?.sessionId).toBe('late');
    expect(checkinTarget([s('early', day(1, 0, 10))], day(0, 23, 50))?.sessionId).toBe('early');
    // Yesterday's session is the one, even with an older one after it in the file; today's is not a morning after.
    expect(checkinTarget([s('y', day(1, 9)), s('old', day(5, 9)), s('t', day(0, 7))], day(0, 8))?.sessionId).toBe('y');
    expect(checkinTarget([s('t', day(0, 7))], day(0, 8))).toBeNull();
  });
});

describe('an export that fails loudly', () => {
  const home = () => homeWith(mixed());

  it.skipIf(!existsSync('/dev/full'))('to /dev/full: a clear message and exit 1', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" export > /dev/full`], { env: { ...process.env, BACKEX_HOME: home() }, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^backex: cannot write the export to standard output: the disk is full, so the export was not written/m);
    expect(r.stderr).not.toMatch(/ENOSPC|at .*\.js/);
  });

  it('| head -1: the reader leaving is not an error (exit 0)', () => {
    const lines = [...Array(1500)].flatMap((_, i) => sessionLines(`s${i}`, daysAgo(1500 - i), [3, 3, 3], 'finished', [], true));
    // Far more than a pipe holds, so backex is still writing when head leaves.
    const piped = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" export | head -1; echo \${PIPESTATUS[0]}`], { env: { ...process.env, BACKEX_HOME: homeWith(toText(lines)) }, encoding: 'utf8' });
    expect(piped.stdout.split('\n')[0]).toMatch(/^date,session,/);
    expect(piped.stdout.trim().split('\n').at(-1)).toBe('0');
    expect(piped.stderr).toBe('');
  }, 120_000);

  it.skipIf(!existsSync('/sys'))('--output into a folder it may not write to: a clear message naming the file, exit 1, nothing left behind', async () => {
    // A read-only folder, or (as root, who may write anywhere else) sysfs.
    let dir = '/sys';
    if (process.getuid?.() !== 0) {
      dir = mkdtempSync(join(tmpdir(), 'backex-ro-'));
      chmodSync(dir, 0o500);
    }
    const before = readdirSync(dir);
    const out = join(dir, 'physio.csv');
    const r = await runBackexInProcess(['export', '--output', out], { home: home() });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^backex: cannot write ${out}: no permission; the export was not written\\.$`, 'm'));
    expect(readdirSync(dir)).toEqual(before);
  });
});
