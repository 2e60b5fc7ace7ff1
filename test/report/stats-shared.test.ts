// stats and report take their figures from one function; stats shows the
// next-morning pain beside the session's when there is one.
import { describe, expect, it } from 'vitest';
import { nextMorningLines } from '../../src/commands/stats.js';
import { historyFigures, painTrend, selectSessions } from '../../src/history/stats.js';
import { reportSessions, sixWeeks } from './fixtures.js';

const now = new Date(2026, 10, 29, 10);

describe('the figures stats and report share', () => {
  const sessions = selectSessions(reportSessions(sixWeeks(now)), {});

  it('hold the next-morning pain beside the start and the end, null where there was no check-in', () => {
    const { points } = painTrend(sessions);
    expect(points.slice(0, 6).map((p) => [p.pain, p.end, p.nextMorning])).toEqual([
      [6, 5, 4],
      [7, 6, 5],
      [6, 5, 4],
      [5, 4, 3],
      [6, 5, 4],
      [6, 5, null],
    ]);
  });

  it('are what stats --json prints: the same keys as before, plus end and nextMorning on each point', () => {
    const figures = historyFigures(sessions, now);
    expect(Object.keys(figures)).toEqual(['sessions', 'sessionsWithExercise', 'streakDays', 'weeks', 'exercises', 'pain']);
    expect(Object.keys(figures.pain)).toEqual(['points', 'days', 'weeks', 'perWeek', 'direction', 'summary']);
    expect(figures.sessions).toBe(42);
    expect(figures.sessionsWithExercise).toBe(42);
    expect(figures.streakDays).toBe(42);
    expect(figures.pain.direction).toBe('down');
  });
});

describe('stats: next-morning pain beside the session', () => {
  const point = (d: number, pain: number, end: number | null, nextMorning: number | null) => ({ date: new Date(2026, 10, d, 8).toISOString(), pain, end, nextMorning });

  it('shows the latest sessions, "-" where a pain was not asked', () => {
    expect(nextMorningLines([point(23, 5, 4, 3), point(24, 4, null, null)])).toEqual(['  2026-11-23   5 ->  4   next morning 3', '  2026-11-24   4 ->  -   next morning -']);
  });

  it('says when older ones are left out, and where to see them all', () => {
    const lines = nextMorningLines(Array.from({ length: 10 }, (_, i) => point(i + 1, 5, 4, 3)), 7);
    expect(lines).toHaveLength(8);
    expect(lines[0]).toBe('  (the latest 7 of 10; backex report shows them all)');
    expect(lines[1]).toMatch(/^ {2}2026-11-04 /);
  });
});
