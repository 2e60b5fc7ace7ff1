// Issue 15, item 6: hand-edited history lines that are JSON, but whose fields
// have the wrong type or an impossible value. Each must be reported by its
// number and skipped (never half used: no crash, no NaN, no 1e+308, no
// negative time), by both readers alike, and by every reading command; the
// warning says what is wrong: the field, what it holds, what was expected.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHistory, parseOverviews, whyDamaged } from '../../src/history/read.js';
import { isSoundLine } from '../../src/history/line-shape.js';
import { CONTROL_CHARACTERS } from '../../src/terminal/visible.js';
import { ISO_PATTERN, isValidLine, whyInvalid } from '../../src/history/valid.js';
import { runBackexInProcess, tempHome } from '../support/backex.js';
import { sessionLines } from './fixtures.js';

type Line = Record<string, any>;
type Target = 'start' | 'exercise' | 'end' | 'checkin';

/** [what, which line, the edit]. The nine kinds found in the issue first, then more. */
const CASES: [string, Target, (l: Line) => void][] = [
  ['"exercises":[null] in the summary', 'end', (l) => (l.summary.exercises = [null])],
  ['a string where a pain goes', 'exercise', (l) => (l.exercise.painBefore = '3')],
  ['a string where the duration goes', 'end', (l) => (l.durationMs = '600000')],
  ['a pain of 1e308 before an exercise', 'exercise', (l) => (l.exercise.painBefore = 1e308)],
  ['a pain of 1e308 at the end', 'end', (l) => (l.painEnd = 1e308)],
  ['a pain of 1e308 in the summary', 'end', (l) => (l.summary.exercises[0].painBefore = 1e308)],
  ['a negative duration', 'end', (l) => (l.durationMs = -600000)],
  ['"planned":[null] in a start line', 'start', (l) => (l.planned = [null])],
  ['"exercise":null', 'exercise', (l) => (l.exercise = null)],
  // More.
  ['a start time that is not a time', 'start', (l) => (l.startedAt = 'yesterday')],
  ['an end time that is a number', 'end', (l) => (l.endedAt = 12345)],
  ['an impossible date (month 13)', 'exercise', (l) => (l.exercise.startedAt = '2026-13-01T09:00:00.000Z')],
  ['an unknown exercise status', 'exercise', (l) => (l.exercise.status = 'done!')],
  ['an unknown session status', 'end', (l) => (l.status = 'great')],
  ['a status in the summary that is a number', 'end', (l) => (l.summary.exercises[0].status = 5)],
  ['negative reps done', 'exercise', (l) => (l.exercise.repsDone = -1)],
  ['half a rep', 'exercise', (l) => (l.exercise.repsDone = 1.5)],
  ['sides done null', 'exercise', (l) => (l.exercise.sidesDone = null)],
  ['a pain of 11', 'exercise', (l) => (l.exercise.painBefore = 11)],
  ['a pain of 3.5 at the end', 'end', (l) => (l.painEnd = 3.5)],
  ['a pain of -1 in the summary', 'end', (l) => (l.summary.exercises[1].painBefore = -1)],
  ['a routine that is a number', 'start', (l) => (l.routine = 123)],
  ['a routine of 130,000 characters', 'start', (l) => (l.routine = 'r'.repeat(130_000))],
  ['an exercise name of 200,000 characters', 'exercise', (l) => (l.exercise.name = 'n'.repeat(200_000))],
  ['a summary with exercises that are not a list', 'end', (l) => (l.summary.exercises = 'many')],
  ['a summary with a negative planned count', 'end', (l) => (l.summary.planned = -3)],
  ['a summary whose start is not a time', 'end', (l) => (l.summary.startedAt = 'soon')],
  ['an exercise id that is empty', 'exercise', (l) => (l.exercise.id = '')],
  ['a dose that is null', 'exercise', (l) => (l.exercise.dose = null)],
  ['a dose of 1e308 reps', 'start', (l) => (l.planned[0].dose.reps = 1e308)],
  ['a duration of a century', 'end', (l) => (l.durationMs = 100 * 365 * 86_400_000)],
  ['a time scale of 0', 'start', (l) => (l.timeScale = 0)],
  ['a time scale that is text', 'start', (l) => (l.timeScale = '20')],
  ['pain rules with a text stop', 'start', (l) => (l.painRules = { stopAt: '7', skipAboveStartBy: 1, painSkipsToEnd: 2 })],
  ['a note that is a number', 'end', (l) => (l.note = 5)],
  ['a check-in pain of 99', 'checkin', (l) => (l.pain = 99)],
  ['a check-in pain that is text', 'checkin', (l) => (l.pain = '2')],
  ['a check-in "felt" not known', 'checkin', (l) => (l.felt = 'meh')],
  ['a check-in time that is not a time', 'checkin', (l) => (l.at = 'this morning')],
  ['a session id that is a number', 'exercise', (l) => (l.sessionId = 7)],
];

const start = new Date(2026, 10, 2, 9);

/** One session's lines (with or without a summary, and a check-in), the target line edited; and that line's index. */
function session(id: string, day: number, target: Target, edit: (l: Line) => void, summary: boolean): { lines: string[]; bad: number } {
  // A deep copy: the fixtures share one dose object between lines.
  const objects: Line[] = JSON.parse(JSON.stringify(sessionLines(id, new Date(start.getTime() + day * 86_400_000), [3, 2], 'finished', [], summary)));
  objects.push({ v: 1, type: 'checkin', sessionId: id, at: new Date(start.getTime() + (day + 1) * 86_400_000).toISOString(), pain: 1, felt: 'same' });
  const index = { start: 0, exercise: 1, end: 3, checkin: 4 }[target];
  edit(objects[index]!);
  return { lines: objects.map((o) => JSON.stringify(o)), bad: index };
}

const sane = (text: string) => {
  expect(text).not.toMatch(/NaN|Infinity|e\+\d|undefined|\[object Object\]/);
  // A negative duration or pain would show as "-<digit>" after a space.
  expect(text).not.toMatch(/ -\d/);
};

describe('history lines with fields of the wrong type or out of range', () => {
  it.each(CASES)('%s: reported by number and skipped, by both readers alike', (what, target, edit) => {
    // Edits of the summary need one; every other edit is tried on sessions with and without.
    for (const summary of what.includes('summary') ? [true] : [true, false]) {
      const good = session('good', 0, 'start', () => {}, summary);
      const bad = session('bad', 1, target, edit, summary);
      const text = [...good.lines, ...bad.lines].join('\n') + '\n';
      const full: [number, string][] = [];
      const sessions = parseHistory(text, (n, why) => full.push([n, why]));
      const fast: [number, string][] = [];
      const overviews = parseOverviews(text, (n, why) => fast.push([n, why]));
      expect(full.map(([n]) => n)).toEqual([good.lines.length + bad.bad + 1]);
      // Both readers say the same of it: the field (by its path in the line), what it holds, what was expected.
      expect(fast).toEqual(full);
      expect(full[0]![1]).toMatch(/^[\w.[\]]+ (is .+|has \d+ items), expected .+$/);
      expect(full[0]![1]).not.toMatch(CONTROL_CHARACTERS);
      // The good session is whole; nothing read back is out of range.
      expect(sessions.find((s) => s.sessionId === 'good')).toMatchObject({ status: 'finished', painStart: 3, painEnd: 2, checkin: { pain: 1 } });
      for (const s of [...sessions, ...overviews]) {
        for (const pain of [s.painStart, s.painEnd, s.checkin?.pain, ...s.exercises.map((e) => e.painBefore)]) if (pain != null) expect(pain >= 0 && pain <= 10 && Number.isInteger(pain)).toBe(true);
        if (s.durationMs !== null) expect(s.durationMs).toBeGreaterThanOrEqual(0);
        expect(Number.isFinite(Date.parse(s.startedAt))).toBe(true);
        expect(s.timeScale).toBeGreaterThan(0);
      }
    }
  });

  it.each([
    ['exercise', (l: Line) => (l.exercise.painBefore = 'six'), 'exercise.painBefore is "six", expected a whole number from 0 to 10 or null'],
    ['exercise', (l: Line) => (l.exercise.repsDone = 1.5), 'exercise.repsDone is 1.5, expected a whole number from 0 to 9999'],
    ['exercise', (l: Line) => (l.exercise = null), 'exercise is null, expected an object { }'],
    ['exercise', (l: Line) => (l.exercise.dose.reps = -2), 'exercise.dose.reps is -2, expected a number from 0 to 1000000, text of at most 4000 characters, or a short list or object of them'],
    ['exercise', (l: Line) => (l.exercise.status = 'done!'), 'exercise.status is "done!", expected one of "done", "skipped-pain", "skipped", "stopped"'],
    ['exercise', (l: Line) => delete l.exercise.startedAt, 'exercise.startedAt is missing, expected a time like "2026-11-02T09:00:00.000Z"'],
    ['exercise', (l: Line) => (l.sessionId = 7), 'sessionId is 7, expected text of 1 to 4000 characters'],
    ['start', (l: Line) => (l.planned = [null]), 'planned[0] is null, expected an object { }'],
    ['start', (l: Line) => (l.routine = 'r'.repeat(130_000)), 'routine is "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr..." (130000 characters), expected text of at most 4000 characters'],
    ['start', (l: Line) => (l.painRules = { stopAt: '7', skipAboveStartBy: 1, painSkipsToEnd: 2 }), 'painRules.stopAt is "7", expected a whole number from 0 to 10'],
    ['end', (l: Line) => (l.summary.exercises = [null]), 'summary.exercises[0] is null, expected an object { }'],
    ['end', (l: Line) => (l.summary.exercises[1].painBefore = -1), 'summary.exercises[1].painBefore is -1, expected a whole number from 0 to 10 or null'],
    ['end', (l: Line) => (l.durationMs = '600000'), 'durationMs is "600000", expected a number of milliseconds from 0 to 2592000000 (30 days)'],
    ['end', (l: Line) => (l.status = { great: true }), 'status is an object, expected one of "finished", "quit", "pain-stop", "interrupted"'],
    ['end', (l: Line) => (l.note = 5), 'note is 5, expected text of at most 4000 characters'],
    ['checkin', (l: Line) => (l.felt = 'meh'), 'felt is "meh", expected one of "better", "same", "worse" or null'],
    ['checkin', (l: Line) => (l.type = 'check-in'), 'type is "check-in", expected one of "session-start", "exercise", "session-end", "checkin"'],
    ['checkin', (l: Line) => (l.v = 2), 'v is 2, expected 1 (a line from another version of backex?)'],
  ].map(([target, edit, expected]) => [target, expected, edit]) as [Target, string, (l: Line) => void][])('in a %s line: %s', (target, expected, edit) => {
    const { lines } = session('bad', 0, target, edit, true);
    const why: string[] = [];
    parseHistory(lines.join('\n'), (_n, w) => why.push(w));
    expect(why).toEqual([expected]);
  });

  it.each([
    ['{"v":1,"type":"exer', 'it ends part-way (a write cut short, or a line broken in two?)'],
    ['{"v":1,"type":"exercise","sessionId":"s","exercise":{"id":"a"', 'it ends part-way (a write cut short, or a line broken in two?)'],
    ['{"v":1}{"v":1}', 'more follows its JSON object, from character 8 (two lines run together?)'],
    ['{"v":1,}', 'it is not valid JSON at character 8'],
    ['{"status":done}', 'it is not valid JSON ("d" where it does not belong)'],
    ['\u001b[2J', 'it is not valid JSON ("\\u001b" where it does not belong)'],
    ['[1,2]', 'it is a list of 2 items, expected a JSON object { }'],
    ['"hello"', 'it is "hello", expected a JSON object { }'],
    ['   ', 'it is blank but for spaces'],
  ])('a line that is not a JSON object, %j: %s', (raw, expected) => {
    const why: string[] = [];
    parseHistory(raw, (_n, w) => why.push(w));
    expect(why).toEqual([expected]);
    expect(whyDamaged(undefined, raw)).toBe(expected);
  });

  it('a quoted value never carries a control character to the terminal', () => {
    const { lines, bad } = session('bad', 0, 'exercise', (l) => (l.exercise.painBefore = '\u001b]0;PWNED\u0007\u202e'), true);
    const line = JSON.parse(lines[bad]!);
    expect(isValidLine(line)).toBe(false);
    expect(whyInvalid(line)).toBe('exercise.painBefore is "\\u001b]0;PWNED\\u0007\\u202e", expected a whole number from 0 to 10 or null');
  });

  it('lines as the session writes them (status and decision spread last; a scale and pain rules on the start) pass the fast check unparsed', () => {
    const dose = { reps: { min: 8, max: 12 }, holdSeconds: 5, sides: 'each', sideNames: ['left', 'right'], restSeconds: 3 };
    const at = '2026-11-02T09:00:00.000Z';
    // As src/engine/session.ts builds a record: the base first, then the fields of the outcome.
    const base = { id: 'bird-dog', name: 'Bird dog', dose, painBefore: null, repsPlanned: 12, repsMinimum: 8, repsDone: 0, sidesPlanned: 2, sidesDone: 0, restarts: 0, startedAt: at, endedAt: at };
    const records = [
      { ...base, ...{ status: 'stopped', painBefore: 3 } },
      { ...base, ...{ status: 'skipped-pain', painBefore: 5, decision: 'skip' } },
      { ...base, ...{ status: 'done', painBefore: 2, decision: 'do-anyway', repsDone: 12, sidesDone: 2, restarts: 1 } },
    ];
    for (const exercise of records) expect(isSoundLine(JSON.stringify({ v: 1, type: 'exercise', sessionId: 's', exercise }), 0, 'exercise'), JSON.stringify(exercise)).toBe(true);
    const startLine = { v: 1, type: 'session-start', pid: 4242, sessionId: '20261102T090000-abc123', startedAt: at, routine: 'stretch+core', planned: [{ id: 'bird-dog', name: 'Bird dog', dose }] };
    for (const extra of [{}, { timeScale: 20 }, { painRules: { stopAt: 7, skipAboveStartBy: 1, painSkipsToEnd: 2 } }, { timeScale: 0.5, painRules: { stopAt: 6, skipAboveStartBy: 0, painSkipsToEnd: 1, acceptableDuring: 3 } }]) {
      expect(isSoundLine(JSON.stringify({ ...startLine, ...extra }), 0, 'start'), JSON.stringify(extra)).toBe(true);
    }
  });

  it('every date the ISO pattern admits is one Date.parse reads (so the check needs no parse)', () => {
    const iso = new RegExp(`^${ISO_PATTERN}$`);
    let checked = 0;
    for (const year of ['0000', '1970', '2024', '2026', '9999'])
      for (let month = 1; month <= 12; month++)
        for (let day = 1; day <= 31; day++)
          for (const time of ['00:00', '23:59:59', '12:30:05.1', '07:02:00.123456789'])
            for (const zone of ['Z', '+00:00', '-12:00', '+14:00', '+05:30', '-23:59']) {
              const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${time}${zone}`;
              expect(iso.test(text), text).toBe(true);
              expect(Number.isFinite(Date.parse(text)), text).toBe(true);
              checked++;
            }
    expect(checked).toBe(5 * 12 * 31 * 4 * 6);
    for (const bad of ['2026-13-01T00:00Z', '2026-00-10T00:00Z', '2026-01-32T00:00Z', '2026-01-01T24:00Z', '2026-01-01T00:60Z', '2026-01-01', '2026-01-01T00:00', '2026-01-01T00:00+24:00']) expect(iso.test(bad), bad).toBe(false);
  });

  it('an interrupted session whose exercise ended before it started: no negative duration', () => {
    const lines: Line[] = sessionLines('s', start, [3], null);
    lines[1]!.exercise.endedAt = new Date(start.getTime() - 3_600_000).toISOString();
    const [s] = parseHistory(lines.map((l) => JSON.stringify(l)).join('\n'), () => {});
    expect(s).toMatchObject({ status: 'interrupted', durationMs: null });
  });

  it('the fast check never accepts a line the full reader rejects (every case above, as the store writes it)', () => {
    for (const [, target, edit] of CASES) {
      if (target === 'end' || target === 'checkin') continue;
      const { lines, bad } = session('bad', 0, target, edit, true);
      expect(isSoundLine(lines[bad]!, 0, target === 'start' ? 'start' : 'exercise')).toBe(false);
      // And the same line unedited is accepted: the check is not simply refusing everything.
      const { lines: fine } = session('bad', 0, target, () => {}, true);
      expect(isSoundLine(fine[bad]!, 0, target === 'start' ? 'start' : 'exercise')).toBe(true);
    }
  });

  it('every reading command, on one history holding all of them: exit 0, each bad line named once, no NaN, 1e+308 or negative time', async () => {
    const all: string[] = [];
    const bad: number[] = [];
    CASES.forEach(([, target, edit], i) => {
      const s = session(`s${i}`, i, target, edit, i % 2 === 0 || CASES[i]![0].includes('summary'));
      bad.push(all.length + s.bad + 1);
      all.push(...s.lines);
    });
    const home = tempHome();
    mkdirSync(join(home, 'data'));
    writeFileSync(join(home, 'data', 'history.jsonl'), `${all.join('\n')}\n`);
    for (const args of [['history', '--limit', '100'], ['history', '--json'], ['stats'], ['stats', '--json'], ['export'], ['export', '--format', 'json']]) {
      const r = await runBackexInProcess(args, { home });
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      const reported = [...r.stderr.matchAll(/history line (\d+) is damaged and was skipped \(.*history\.jsonl\): [^\n]+, expected [^\n]+; the rest is read as usual\./g)].map((m) => Number(m[1]));
      expect(reported).toEqual(bad);
      sane(r.stdout);
      expect(r.stderr).not.toMatch(/something went wrong|at .*\.js:\d/);
    }
  }, 120_000);
});
