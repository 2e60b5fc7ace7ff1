// The lines printed when a session is over: plain words for what was done.
import { describe, expect, it } from 'vitest';
import { repsInWords, summaryLines } from '../../src/session/words.js';
import type { Dose } from '../../src/catalogue/schema.js';
import type { ExerciseRecord } from '../../src/engine/record.js';
import { PAIN_ROSE_MESSAGE } from '../../src/engine/pain.js';

function record(dose: Dose, fields: Partial<ExerciseRecord>): ExerciseRecord {
  const max = typeof dose.reps === 'number' ? dose.reps : dose.reps.max;
  const min = typeof dose.reps === 'number' ? dose.reps : dose.reps.min;
  return { id: 'x', name: 'X', dose, painBefore: 2, repsPlanned: max, repsMinimum: min, repsDone: 0, sidesPlanned: dose.sides === 'none' ? 1 : 2, sidesDone: 0, status: 'done', restarts: 0, startedAt: '', endedAt: '', ...fields };
}

describe('reps in words', () => {
  it.each([
    [{ reps: 15, holdSeconds: 5, sides: 'none' }, { repsDone: 15, sidesDone: 1 }, '15 of 15 reps'],
    [{ reps: { min: 10, max: 15 }, holdSeconds: 0, sides: 'none' }, { repsDone: 12, sidesDone: 1 }, '12 of 10-15 reps'],
    [{ reps: 10, holdSeconds: 5, sides: 'alternate' }, { repsDone: 1, sidesDone: 0 }, '1 of 10 reps on each side'],
    [{ reps: 5, holdSeconds: 15, sides: 'each' }, { repsDone: 2, sidesDone: 1 }, 'first side done; 2 of 5 reps on the second'],
    [{ reps: 5, holdSeconds: 15, sides: 'each' }, { repsDone: 5, sidesDone: 2 }, '5 of 5 reps on each side'],
    [{ reps: 1, holdSeconds: 1, sides: 'none' }, { repsDone: 1, sidesDone: 1 }, '1 of 1 rep'],
    [{ reps: 1, holdSeconds: 1, sides: 'each' }, { repsDone: 0, sidesDone: 0 }, '0 of 1 rep on each side'],
  ] as [Dose, Partial<ExerciseRecord>, string][])('%j %j -> %s', (dose, fields, words) => {
    expect(repsInWords(record(dose, fields))).toBe(words);
  });
});

describe('summary', () => {
  const base = { sessionId: 's1', startedAt: '2026-11-25T08:00:00.000Z', records: [], durationMs: 40_000 };
  it('pain at the end only when it was asked', () => {
    expect(summaryLines({ ...base, status: 'finished', painStart: 3, painEnd: 2 }, undefined)).toContain('  Pain: 3 at the start, 2 at the end (0 none, 10 worst).');
    expect(summaryLines({ ...base, status: 'quit', painStart: 3, painEnd: null }, undefined)).toContain('  Pain: 3 at the start (0 none, 10 worst).');
  });

  it('pain higher at the end than at the start: the summary says so, with the advice (not only "well done")', () => {
    expect(summaryLines({ ...base, status: 'finished', painStart: 3, painEnd: 5 }, undefined)).toContain(`  ${PAIN_ROSE_MESSAGE}`);
    expect(summaryLines({ ...base, status: 'finished', painStart: 3, painEnd: 3 }, undefined).join('\n')).not.toContain(PAIN_ROSE_MESSAGE);
  });

  it('names the exercises the session ended before, after those it reached', () => {
    const lines = summaryLines({ ...base, status: 'pain-stop', painStart: 8, painEnd: null }, undefined, 1, null, undefined, ['Bridge with leg raise', 'Superman']);
    expect(lines).toContain('  not reached    Bridge with leg raise, Superman');
    expect(summaryLines({ ...base, status: 'finished', painStart: 3, painEnd: 2 }, undefined).join('\n')).not.toContain('not reached');
  });

  it('says when the time was run faster', () => {
    expect(summaryLines({ ...base, status: 'finished', painStart: 3, painEnd: 2 }, undefined, 4)).toContain('  Time: 40 s (at 4 times the speed: BACKEX_TIME_SCALE).');
    expect(summaryLines({ ...base, status: 'finished', painStart: 3, painEnd: 2 }, undefined)).toContain('  Time: 40 s.');
  });

  it('lines the exercise names up, and says "not started" for one the session ended before', () => {
    const dose: Dose = { reps: 2, holdSeconds: 2, sides: 'none' };
    const lines = summaryLines({ ...base, status: 'quit', painStart: 3, painEnd: null, records: [record(dose, { name: 'One', status: 'done', repsDone: 2, sidesDone: 1 }), record(dose, { name: 'Two', status: 'skipped-pain', painBefore: 5 }), record(dose, { name: 'Three', status: 'stopped', painBefore: null })] }, undefined);
    expect(lines).toContain('  done           One  2 of 2 reps · pain before 2');
    expect(lines).toContain('  skipped: pain  Two  0 of 2 reps · pain before 5');
    expect(lines).toContain('  not started    Three');
  });

  it('says when the session could not be saved, and why', () => {
    expect(summaryLines({ ...base, status: 'finished', painStart: 3, painEnd: 2 }, undefined, 1, 'cannot write h.jsonl: the disk is full')).toContain('  This session was not saved (cannot write h.jsonl: the disk is full). Your earlier history is untouched.');
    expect(summaryLines({ ...base, status: 'finished', painStart: 3, painEnd: 2 }, undefined).join('\n')).not.toMatch(/not saved/);
  });
});
