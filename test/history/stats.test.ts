import { describe, expect, it } from 'vitest';
import { exportRows, toCsv, EXPORT_COLUMNS } from '../../src/history/export.js';
import { parseHistory } from '../../src/history/read.js';
import { exerciseCompletion, painTrend, parseSince, streakDays, summaryLine, trendInWords, weeklyCounts } from '../../src/history/stats.js';
import { historyRow } from '../../src/commands/history.js';
import { exerciseRecord, session, sessionLines, toText } from './fixtures.js';

const at = (y: number, m: number, d: number, h = 9) => new Date(y, m - 1, d, h);

describe('streak of days in a row', () => {
  it.each([
    ['across a month end, through today', [at(2026, 1, 30), at(2026, 1, 31), at(2026, 2, 1), at(2026, 2, 2)], at(2026, 2, 2, 20), 4],
    ['ending yesterday still counts', [at(2026, 1, 30), at(2026, 1, 31)], at(2026, 2, 1, 20), 2],
    ['a gap breaks it', [at(2026, 1, 28), at(2026, 1, 30), at(2026, 1, 31)], at(2026, 1, 31, 20), 2],
    ['two sessions on one day count once', [at(2026, 3, 1, 8), at(2026, 3, 1, 18)], at(2026, 3, 1, 20), 1],
    ['nothing today or yesterday', [at(2026, 1, 1)], at(2026, 1, 5), 0],
    ['empty', [], at(2026, 1, 5), 0],
  ])('%s', (_name, days, now, expected) => {
    expect(streakDays(days.map((d, i) => session(`s${i}`, d, 3)), now)).toBe(expected);
  });

  it('a day whose only session ended before any exercise was done does not count', () => {
    const sessions = [session('a', at(2026, 1, 30), 3), session('b', at(2026, 1, 31), 8, 'pain-stop', true), session('c', at(2026, 2, 1), 3, 'quit', true)];
    expect(streakDays(sessions, at(2026, 2, 1, 20))).toBe(0);
    expect(streakDays([...sessions, session('d', at(2026, 2, 1, 12), 3)], at(2026, 2, 1, 20))).toBe(1);
  });
});

describe('sessions per week', () => {
  it('counts each Monday-to-Sunday week, empty weeks included, oldest first', () => {
    // Thursday 2026-11-19 is "now"; weeks start on Mondays 11-16, 11-09, 11-02, 10-26.
    const sessions = [at(2026, 11, 16), at(2026, 11, 18), at(2026, 11, 2), at(2026, 11, 8, 23)].map((d, i) => session(`s${i}`, d, 2));
    const weeks = weeklyCounts(sessions, at(2026, 11, 19), 4);
    expect(weeks.map((w) => [w.weekStart, w.sessions])).toEqual([
      ['2026-10-26', 0],
      ['2026-11-02', 2],
      ['2026-11-09', 0],
      ['2026-11-16', 2],
    ]);
  });

  it('counts only sessions in which an exercise was done', () => {
    const sessions = [session('a', at(2026, 11, 16), 2), session('b', at(2026, 11, 17), 8, 'pain-stop', true), session('c', at(2026, 11, 18), 2, 'interrupted', true)];
    expect(weeklyCounts(sessions, at(2026, 11, 19), 2).map((w) => [w.weekStart, w.sessions, w.finished])).toEqual([
      ['2026-11-09', 0, 0],
      ['2026-11-16', 1, 1],
    ]);
  });

  it('with --since, starts at the week holding that date (at most the usual number of weeks), and has none for a date to come', () => {
    const now = at(2026, 11, 19);
    expect(weeklyCounts([], now, 8, at(2026, 11, 4)).map((w) => w.weekStart)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
    expect(weeklyCounts([], now, 8, at(2026, 11, 17)).map((w) => w.weekStart)).toEqual(['2026-11-16']);
    expect(weeklyCounts([], now, 8, at(2025, 1, 1))).toHaveLength(8);
    expect(weeklyCounts([], now, 8, at(2099, 1, 1))).toEqual([]);
  });
});

describe('pain trend', () => {
  const weekly = (pains: number[]) => pains.map((p, i) => session(`s${i}`, at(2026, 1, 5 + 7 * i), p));

  it.each([
    ['down', [6, 5, 4, 3, 2], 'down', -1],
    ['up', [2, 3, 4, 5], 'up', 1],
    ['flat', [4, 4, 4, 4], 'flat', 0],
  ] as const)('%s', (_name, pains, direction, perWeek) => {
    const trend = painTrend(weekly([...pains]));
    expect(trend.direction).toBe(direction);
    expect(trend.perWeek).toBeCloseTo(perWeek, 5);
    expect(trend.points).toHaveLength(pains.length);
  });

  it('says it in words, and points to a professional when pain rises', () => {
    expect(trendInWords(painTrend(weekly([6, 5, 4, 3, 2])))).toBe('Pain at the start of a session has gone down by about 1 point a week over 4 weeks.');
    expect(trendInWords(painTrend(weekly([2, 3, 4, 5])))).toMatch(/gone up by about 1 point a week over 3 weeks\. If your pain is rising, speak to your physician or physiotherapist\./);
    expect(trendInWords(painTrend(weekly([3])))).toMatch(/One session so far, starting at pain 3/);
    expect(trendInWords(painTrend([]))).toMatch(/No pain ratings yet/);
  });

  it.each([
    ['minutes apart', [at(2026, 1, 5, 9), at(2026, 1, 5, 9.1), at(2026, 1, 5, 9.2), at(2026, 1, 5, 10)], 'Too early to see a trend: 4 sessions on the same day so far'],
    ['a day apart', [at(2026, 1, 5, 9), at(2026, 1, 6, 8)], 'Too early to see a trend: 2 sessions over 1 day so far'],
    ['13 days', [at(2026, 1, 1), at(2026, 1, 5), at(2026, 1, 9), at(2026, 1, 14)], 'Too early to see a trend: 4 sessions over 13 days so far'],
    ['3 sessions over 20 days', [at(2026, 1, 1), at(2026, 1, 10), at(2026, 1, 21)], 'Too early to see a trend: 3 sessions over 20 days so far'],
  ])('too early for a trend (%s): no change per week, the first and latest pain instead', (_name, dates, words) => {
    const pains = [2, 9, 3, 8];
    const trend = painTrend(dates.map((d, i) => session(`s${i}`, d, pains[i]!)));
    expect(trend.perWeek).toBeNull();
    expect(trend.direction).toBeNull();
    const text = trendInWords(trend);
    expect(text).toContain(`${words} (a trend needs at least 4 sessions over 2 weeks). Pain at the start: 2 at the first session, ${pains[dates.length - 1]} at the latest.`);
    expect(text).toMatch(/If your pain is rising, speak to your physician or physiotherapist\.$/);
    expect(text).not.toMatch(/\b1 days\b|points? a week/);
  });

  it('from 4 sessions over 14 days, a change per week', () => {
    const trend = painTrend([at(2026, 1, 1), at(2026, 1, 5), at(2026, 1, 10), at(2026, 1, 15)].map((d, i) => session(`s${i}`, d, 6 - i)));
    expect(trend.days).toBe(14);
    expect(trend.perWeek).toBeLessThan(0);
    expect(trendInWords(trend)).toMatch(/^Pain at the start of a session has gone down by about 1\.5 points a week over 2 weeks\.$/);
  });

  it('counts the starting pain of sessions in which nothing was done (a pain stop at 8 matters)', () => {
    const trend = painTrend([session('a', at(2026, 1, 1), 3), session('b', at(2026, 1, 2), 8, 'pain-stop', true)]);
    expect(trend.points.map((p) => p.pain)).toEqual([3, 8]);
  });

  it('ignores sessions with no rating', () => {
    expect(painTrend([session('a', at(2026, 1, 1), null), session('b', at(2026, 1, 8), 4)]).points).toEqual([{ date: at(2026, 1, 8).toISOString(), pain: 4, end: 4, nextMorning: null }]);
  });
});

describe('per-exercise completion', () => {
  it('counts done, skipped for pain and skipped per exercise', () => {
    const text = toText([
      ...sessionLines('a', at(2026, 1, 1), [2, 2], 'finished', ['done', 'skipped-pain']),
      ...sessionLines('b', at(2026, 1, 2), [2, 2], 'finished', ['done', 'skipped']),
    ]);
    const rows = exerciseCompletion(parseHistory(text, () => {}));
    expect(rows).toEqual([
      { id: 'ex-1', name: 'ex-1', attempted: 2, done: 2, skippedPain: 0, skipped: 0, stopped: 0 },
      { id: 'ex-2', name: 'ex-2', attempted: 2, done: 0, skippedPain: 1, skipped: 1, stopped: 0 },
    ]);
  });
});

describe('the line at the end of a session', () => {
  it('counts this week and compares pain with last week', () => {
    const sessions = [session('a', at(2026, 11, 10), 4), session('b', at(2026, 11, 12), 4), session('c', at(2026, 11, 16), 3), session('d', at(2026, 11, 17), 3), session('e', at(2026, 11, 18), 3)];
    expect(summaryLine(sessions, at(2026, 11, 18, 10))).toBe('3rd session this week; pain at start 4 -> 3 since last week');
  });
  it('with nothing last week, only the count', () => {
    expect(summaryLine([session('a', at(2026, 11, 16), 4)], at(2026, 11, 16, 10))).toBe('1st session this week');
  });

  it('counts only sessions in which an exercise was done; pain compares every session', () => {
    const lastWeek = [session('a', at(2026, 11, 10), 4)];
    const done = session('b', at(2026, 11, 16), 2);
    const stopped = session('c', at(2026, 11, 17), 8, 'pain-stop', true);
    expect(summaryLine([...lastWeek, done, stopped, session('d', at(2026, 11, 18), 2)], at(2026, 11, 18, 10))).toBe('2nd session this week; pain at start 4 -> 4 since last week');
    // Just ended with nothing done: not "the 2nd".
    expect(summaryLine([...lastWeek, done, stopped], at(2026, 11, 17, 10))).toBe('1 session with exercise done this week; pain at start 4 -> 5 since last week');
    expect(summaryLine([...lastWeek, stopped], at(2026, 11, 17, 10))).toBeUndefined();
  });

  it('handles a session with no pain at the end (ended before the last question)', () => {
    const ended = { ...session('a', at(2026, 11, 16), 4, 'quit'), painEnd: null };
    expect(summaryLine([ended], at(2026, 11, 16, 10))).toBe('1st session this week');
    expect(historyRow({ ...ended, planned: 1 })).toEqual([expect.any(String), 'core', '1/1', '4 -> -', '0 s', 'ended early']);
  });

  it('"last week" is the calendar week before, across a clock change', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Europe/London'; // clocks went forward on Sunday 29 March 2026
    try {
      const sessions = [session('a', at(2026, 3, 22, 23.5), 9), session('b', at(2026, 3, 24), 4), session('c', at(2026, 3, 31), 3)];
      expect(summaryLine(sessions, at(2026, 3, 31, 10))).toBe('1st session this week; pain at start 4 -> 3 since last week');
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});

describe('--since', () => {
  const now = at(2026, 11, 24, 15);
  it.each([
    ['7d', at(2026, 11, 18, 0)],
    ['1w', at(2026, 11, 18, 0)],
    ['2026-11-01', at(2026, 11, 1, 0)],
    ['1m', at(2026, 10, 25, 0)],
  ])('%s', (text, expected) => expect(parseSince(text, now).getTime()).toBe(expected.getTime()));
  it.each([
    ['1m on 31 March', at(2026, 3, 31, 15), '1m', at(2026, 3, 1)],
    ['1m on 31 March of a leap year', at(2024, 3, 31, 15), '1m', at(2024, 3, 1)],
    ['3m on 31 May', at(2026, 5, 31, 15), '3m', at(2026, 3, 1)],
    ['1m on 31 December', at(2026, 12, 31, 15), '1m', at(2026, 12, 1)],
    ['12m on 29 February', at(2024, 2, 29, 15), '12m', at(2023, 3, 1)],
  ])('%s: a shorter month is clamped to its last day, not rolled over', (_name, today, text, expected) => {
    expect(parseSince(text, today).getTime()).toBe(new Date(expected.getFullYear(), expected.getMonth(), expected.getDate()).getTime());
  });
  it.each(['yesterday', '2026-13-01', '7x', ''])('%j is refused with the forms it takes', (text) => {
    expect(() => parseSince(text, now)).toThrow(/--since takes a date like 2026-11-01, or a span like 7d, 4w or 3m/);
  });
});

describe('export', () => {
  it('has one CSV row per exercise record, with the right columns and RFC 4180 quoting', () => {
    const lines = sessionLines('a', at(2026, 1, 1), [3, 4]);
    const tricky = exerciseRecord('cat-camel', 'done', 2, at(2026, 1, 2).toISOString(), 'Cat, "camel"\nstretch');
    const text = toText([...lines, ...sessionLines('b', at(2026, 1, 2), [], 'quit'), { v: 1, type: 'exercise', sessionId: 'b', exercise: tricky }]);
    const rows = exportRows(parseHistory(text, () => {}));
    const csv = toCsv(rows);
    const parsed = parseCsv(csv);
    expect(parsed[0]).toEqual([...EXPORT_COLUMNS]);
    expect(parsed).toHaveLength(1 + 3);
    expect(parsed.slice(1).map((r) => r[3])).toEqual(['ex-1', 'ex-2', 'cat-camel']);
    // A line break kept in an old record is shown as an escape, like every control character (quoting still holds the comma and quotes).
    expect(parsed[3]![4]).toBe('Cat, "camel"\\u000astretch');
    expect(parsed[3]![5]).toBe('2');
    expect(parsed[3]![13]).toBe('quit');
    expect(parsed[1]!.slice(5, 13)).toEqual(['3', '10', '10', '5', '10', '1', '1', 'done']);
  });

  it('has the dose beside reps_planned: the least reps of a range, and the hold, so a physiotherapist sees the progression', () => {
    expect(EXPORT_COLUMNS.slice(5, 10)).toEqual(['pain_before', 'reps_minimum', 'reps_planned', 'hold_seconds', 'reps_done']);
    const ranged = { ...exerciseRecord('prone-press-up', 'done', 2, at(2026, 1, 1).toISOString()), dose: { reps: { min: 6, max: 10 }, holdSeconds: 8, sides: 'none' as const }, repsMinimum: 6, repsPlanned: 10, repsDone: 7 };
    const text = toText([...sessionLines('a', at(2026, 1, 1), [], 'finished'), { v: 1, type: 'exercise', sessionId: 'a', exercise: ranged }]);
    const [row] = exportRows(parseHistory(text, () => {}));
    expect(row).toMatchObject({ reps_minimum: 6, reps_planned: 10, hold_seconds: 8, reps_done: 7 });
    expect(parseCsv(toCsv([row!]))[1]!.slice(5, 10)).toEqual(['2', '6', '10', '8', '7']);
  });

  it('text that a spreadsheet would run as a formula gets a leading apostrophe; numbers are left alone', () => {
    const names = ['=HYPERLINK("http://x","y")', '+1 stretch', '-stretch', '@SUM(1)', '\tcat', 'Bird dog = fine'];
    const records = names.map((name, i) => exerciseRecord(`ex-${i}`, 'done', i, at(2026, 1, 1).toISOString(), name));
    const text = toText([...sessionLines('a', at(2026, 1, 1), [], 'finished'), ...records.map((exercise) => ({ v: 1 as const, type: 'exercise' as const, sessionId: 'a', exercise }))]);
    const parsed = parseCsv(toCsv(exportRows(parseHistory(text, () => {}))));
    // A tab is a control character: shown as its escape, so it can no longer start a formula.
    expect(parsed.slice(1).map((r) => r[4])).toEqual(['\'=HYPERLINK("http://x","y")', "'+1 stretch", "'-stretch", "'@SUM(1)", '\\u0009cat', 'Bird dog = fine']);
    expect(parsed.slice(1).map((r) => r[5])).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(toCsv([{ ...exportRows(parseHistory(text, () => {}))[0]!, pain_before: -1 }])).toMatch(/,-1,/);
  });
});

/** A small RFC 4180 reader, to read the export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}
