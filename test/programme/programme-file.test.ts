// A programme file: the issue's example shape loads as it stands, and every rule
// that makes no sense is refused when loaded, naming file, routine, field and problem.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.js';
import { DataError } from '../../src/errors.js';
import { runBackexInProcess, tempHome } from '../support/backex.js';
import { ISSUE_EXAMPLE } from './fixtures.js';
import fc from 'fast-check';

// Each test runs the built command several times: on a loaded two-core machine that can take a while.
vi.setConfig({ testTimeout: 120_000 });

function file(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'backex-programme-'));
  const path = join(dir, 'physio.json');
  writeFileSync(path, JSON.stringify(content, null, 2));
  return path;
}

async function problems(content: unknown): Promise<string[]> {
  try {
    await loadCatalogue({ data: [file(content)], env: { BACKEX_HOME: tempHome() } });
  } catch (error) {
    if (error instanceof DataError) return error.problems;
    throw error;
  }
  return [];
}

const base = ISSUE_EXAMPLE.routines[0]!;
const withRoutine = (changes: Record<string, unknown>) => ({ routines: [{ ...base, ...changes }] });
const withProgression = (changes: Record<string, unknown>) => withRoutine({ progression: [{ ...base.progression[0], ...changes }] });

const BROKEN: [name: string, content: unknown, message: RegExp][] = [
  ['a pain level over 10', withRoutine({ painRules: { stopAt: 11 } }), /physio\.json: routines\[0\] "my-programme": painRules\.stopAt must be a pain level, a whole number from 1 to 10, got 11/],
  ['a negative pain level', withRoutine({ painRules: { acceptableDuring: -1 } }), /painRules\.acceptableDuring must be a pain level, a whole number from 0 to 10, got -1/],
  ['acceptable pain at the stop', withRoutine({ painRules: { stopAt: 5, acceptableDuring: 5 } }), /"my-programme": painRules\.acceptableDuring must be below stopAt \(5\)/],
  ['an unknown pain rule', withRoutine({ painRules: { stopAbove: 6 } }), /painRules has unknown field "stopAbove"/],
  ['a date that does not exist', withRoutine({ review: '2027-02-30' }), /"my-programme": review must be a date that exists, written YYYY-MM-DD, got "2027-02-30"/],
  ['a date in another format', withRoutine({ review: '15/01/2027' }), /review must be a date written YYYY-MM-DD, like "2027-01-15", got "15\/01\/2027"/],
  ['too many sessions a week', withRoutine({ sessionsPerWeek: 21 }), /sessionsPerWeek must be a whole number from 1 to 14, got 21/],
  ['an unknown day', withRoutine({ sessionsPerWeek: undefined, days: ['mon', 'funday'] }), /days\[1\] must be one of "mon", "tue"/],
  ['days and a frequency that disagree', withRoutine({ days: ['mon', 'fri'] }), /sessionsPerWeek must match days \(2 of them\), or be left out/],
  ['a cap below the start', withProgression({ cap: { holdSeconds: 4 } }), /physio\.json: routine "my-programme": progression\[0\]\.cap\.holdSeconds is 4, below the 5 s the routine starts "bird-dog" at/],
  ['a reps cap below the start', withProgression({ step: { reps: 1 }, cap: { reps: 6 } }), /progression\[0\]\.cap\.reps is 6, below the 8 reps the routine starts "bird-dog" at/],
  ['a progression for an exercise not in the routine', withProgression({ exercise: 'superman' }), /routine "my-programme": progression\[0\]\.exercise names "superman", which is not in this routine's exercises \(neutral-spine-brace, bird-dog\)/],
  ['a progression for no exercise at all', withProgression({ exercise: 'flying' }), /progression\[0\]\.exercise names "flying", which is not in this routine's exercises/],
  ['two progressions for one exercise', withRoutine({ progression: [base.progression[0], { ...base.progression[0], exercise: '9' }] }), /progression\[1\]\.exercise: "bird-dog" already has a progression/],
  ['a step of nothing', withProgression({ step: {} }), /progression\[0\]\.step must give reps or holdSeconds/],
  ['a negative step', withProgression({ step: { holdSeconds: -1 } }), /progression\[0\]\.step\.holdSeconds must be a positive whole number, got -1/],
  ['no when', withProgression({ afterSessions: undefined }), /progression\[0\]\.afterSessions is needed \(or everyWeeks\)/],
  ['a cap on a field that does not step', withProgression({ cap: { reps: 12 } }), /progression\[0\]\.cap\.reps caps a field the step does not change/],
  ['a hold for an exercise with none', withRoutine({ exercises: ['prone-press-up'], progression: [{ exercise: 'prone-press-up', step: { holdSeconds: 1 }, afterSessions: 2 }] }), /progression\[0\]\.step\.holdSeconds: "prone-press-up" has no hold/],
  ['a pain condition over 10', withProgression({ ifPainAtMost: 12 }), /progression\[0\]\.ifPainAtMost must be a pain level, a whole number from 0 to 10, got 12/],
];

describe('a programme file', () => {
  it('the issue\'s example loads as it stands, its fields kept', async () => {
    const catalogue = await loadCatalogue({ data: [file(ISSUE_EXAMPLE)], env: { BACKEX_HOME: tempHome() } });
    const routine = catalogue.routines.find((r) => r.id === 'my-programme')!;
    expect(routine).toEqual(ISSUE_EXAMPLE.routines[0]);
  });

  it('a progression may name its exercise any way `show` accepts: it is resolved to the id', async () => {
    const catalogue = await loadCatalogue({ data: [file(withProgression({ exercise: 'Bird Dog' }))], env: { BACKEX_HOME: tempHome() } });
    expect(catalogue.routines.find((r) => r.id === 'my-programme')!.progression![0]!.exercise).toBe('bird-dog');
  });

  it.each(BROKEN)('refuses %s, saying where and why', async (_name, content, message) => {
    const found = await problems(content);
    expect(found.join('\n')).toMatch(message);
  });

  it.each(BROKEN.filter(([name]) => ['a pain level over 10', 'a cap below the start', 'a date that does not exist', 'a progression for an exercise not in the routine'].includes(name)))('the built command refuses %s: exit 2, the message, no stack trace', async (_name, content, message) => {
    const r = await runBackexInProcess(['plan', '--data', file(content)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^backex: .*physio\.json: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^ {4}at /m);
  });
});


describe('any programme fields a person or a script may write', () => {
  it('load, or are refused with messages naming the file and the routine: never another error', async () => {
    const anyValue = fc.oneof(fc.integer({ min: -5, max: 20 }), fc.double({ noNaN: false }), fc.string({ maxLength: 12 }), fc.boolean(), fc.constant(null), fc.constantFrom('2027-01-15', '2027-02-29', '2028-02-29', 'bird-dog', 'superman', '9', 'mon', 'funday'));
    const dose = fc.dictionary(fc.constantFrom('reps', 'holdSeconds', 'sets'), anyValue, { maxKeys: 2 });
    const progression = fc.record(
      {
        exercise: fc.oneof(fc.constantFrom('bird-dog', 'Bird Dog', '9', 'neutral-spine-brace', 'superman', 'nope'), anyValue),
        step: fc.oneof(dose, anyValue),
        afterSessions: anyValue,
        everyWeeks: anyValue,
        ifPainAtMost: anyValue,
        cap: fc.oneof(dose, anyValue),
        stepBackAfterPainStop: anyValue,
        stepBackAfterWorseMorning: anyValue,
      },
      { requiredKeys: [] },
    );
    const fields = fc.record(
      {
        sessionsPerWeek: anyValue,
        days: fc.oneof(fc.array(fc.constantFrom('mon', 'wed', 'fri', 'sun', 'funday'), { maxLength: 4 }), anyValue),
        painRules: fc.oneof(fc.dictionary(fc.constantFrom('stopAt', 'skipAboveStartBy', 'painSkipsToEnd', 'acceptableDuring', 'other'), anyValue, { maxKeys: 4 }), anyValue),
        progression: fc.oneof(fc.array(progression, { maxLength: 3 }), anyValue),
        review: anyValue,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fields, async (more) => {
        try {
          const catalogue = await loadCatalogue({ data: [file({ routines: [{ id: 'my-programme', name: 'Mine', exercises: ['neutral-spine-brace', { exercise: 'bird-dog', dose: { reps: 8 } }], ...more }] })], env: { BACKEX_HOME: tempHome() } });
          // Loaded: then the plan can be made from it.
          const { planProgramme } = await import('../../src/programme/progression.js');
          const routine = catalogue.routines.find((r) => r.id === 'my-programme')!;
          expect(planProgramme(catalogue, routine, [], new Date()).length).toBe(2);
        } catch (error) {
          expect(error).toBeInstanceOf(DataError);
          for (const problem of (error as DataError).problems) expect(problem).toMatch(/^\S*physio\.json: (routines\[0\] |routine )"my-programme": /);
        }
      }),
      { numRuns: 150 },
    );
  });
});
