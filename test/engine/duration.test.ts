// The length `list` and `show` print (src/engine/duration.ts, worked out without
// building the timeline) is the session timeline's own length, exactly: for
// every exercise and routine in the catalogue, and for generated exercises and doses.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOverride, exerciseSeconds } from '../../src/catalogue/dose.js';
import type { DataFile, Dose, Exercise } from '../../src/catalogue/schema.js';
import { exerciseDurationMs } from '../../src/engine/duration.js';
import { buildExercise, buildSession, sessionDurationMs } from '../../src/engine/timeline.js';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8')) as DataFile;
const catalogue = read('exercises.json').exercises!;
const routines = read('routines.json').routines!;
const timelineMs = (exercise: Exercise, dose: Dose) => buildExercise({ exercise, dose }, 0, 1).durationMs;

describe("an exercise's length without its timeline", () => {
  it.each(catalogue.map((e) => [e.id, e] as const))('%s, with its own dose', (_id, e) => {
    expect(exerciseDurationMs(e, e.dose)).toBe(timelineMs(e, e.dose));
    expect(exerciseSeconds(e.dose, e) * 1000).toBe(timelineMs(e, e.dose));
  });

  it.each(routines.map((r) => [r.id, r] as const))('routine %s: each exercise with the routine\'s dose, and the whole session', (_id, routine) => {
    const plan = routine.exercises.map((entry) => {
      const e = catalogue.find((x) => x.id === (typeof entry === 'string' ? entry : entry.exercise))!;
      return { exercise: e, dose: applyOverride(e.dose, typeof entry === 'string' ? undefined : entry.dose) };
    });
    for (const p of plan) expect(exerciseDurationMs(p.exercise, p.dose), p.exercise.id).toBe(timelineMs(p.exercise, p.dose));
    expect(plan.reduce((sum, p) => sum + exerciseDurationMs(p.exercise, p.dose), 0)).toBe(sessionDurationMs(buildSession(plan)));
  });

  // Words that matter to the length: digits (said as numbers), commas, sentence marks,
  // bracketed asides, repeated spaces, letters beyond ASCII, and nothing at all.
  const piece = fc.constantFrom('Lift', 'your', 'hips', 'breathe', '90', '3rd', ',', '.', '. ', '!', '?', ':', ';', ' ', '  ', '(quadruped)', '(navel, #9)', '(élan)', 'Œuf', '-', "'", 'Hold', 'Rep', 'Relax', 'left', 'knee', 'the');
  const words = fc.array(piece, { minLength: 1, maxLength: 12 }).map((p) => p.join(''));
  // As the schema takes text: trimmed, and not blank.
  const someText = fc
    .oneof(words, fc.string({ minLength: 1, maxLength: 40 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }))
    .map((s) => s.trim())
    .filter((s) => s.replace(/[\s\p{Cf}]+/gu, '') !== '');
  const exercise = fc.record(
    {
      name: someText,
      position: someText,
      steps: fc.array(fc.oneof(words.map((w) => `${w}. Then ${w}.`), someText), { minLength: 1, maxLength: 4 }),
      moveWords: fc.array(someText, { minLength: 1, maxLength: 2 }),
      releaseWords: fc.array(someText, { minLength: 1, maxLength: 2 }),
      cautions: fc.array(someText, { maxLength: 2 }),
    },
    { requiredKeys: ['name', 'steps'] },
  ).map((fields): Exercise => ({ id: 'generated', category: 'core', dose: { reps: 1, holdSeconds: 0, sides: 'none' }, ...fields }));
  const reps = fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 19 }).chain((min) => fc.record({ min: fc.constant(min), max: fc.integer({ min: min + 1, max: 20 }) })));
  const dose = fc.record(
    {
      reps,
      holdSeconds: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 40 })),
      sides: fc.constantFrom('none', 'each', 'alternate'),
      sideNames: fc.tuple(someText, someText),
      tempoSeconds: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.double({ min: 1, max: 60, noNaN: true })),
      restSeconds: fc.integer({ min: 0, max: 30 }),
    },
    { requiredKeys: ['reps', 'holdSeconds', 'sides'] },
  ) as fc.Arbitrary<Dose>;
  const runs = { numRuns: Number(process.env.BACKEX_PROPERTY_RUNS) || 300 };

  /** FNV-1a: a phrase's own number. */
  const hash = (text: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return h | 0;
  };
  // Other voices (the session measures the one in use): with the estimate a long hold's "halfway" never outlasts the hold, with these it can.
  const voice = fc
    .record({ base: fc.integer({ min: 0, max: 1500 }), perChar: fc.double({ min: 0, max: 300, noNaN: true }), noise: fc.integer({ min: 0, max: 6000 }), seed: fc.integer() })
    .map(({ base, perChar, noise, seed }) => (s: string) => base + perChar * s.length + (Math.abs(hash(s) ^ seed) % (noise + 1)));

  it('generated doses of the catalogue\'s exercises', () => {
    fc.assert(
      fc.property(fc.constantFrom(...catalogue), dose, (e, d) => {
        expect(exerciseDurationMs(e, d)).toBe(timelineMs(e, d));
      }),
      runs,
    );
  });

  it('generated exercises (any words) with generated doses', () => {
    fc.assert(
      fc.property(exercise, dose, (e, d) => {
        expect(exerciseDurationMs(e, d)).toBe(timelineMs(e, d));
      }),
      runs,
    );
  });

  it('with other paces of speech too', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...catalogue), exercise), dose, voice, (e, d, speechMs) => {
        expect(exerciseDurationMs(e, d, speechMs)).toBe(buildExercise({ exercise: e, dose: d }, 0, 1, { speechMs }).durationMs);
      }),
      runs,
    );
  });

  it('long holds and many reps, as the schema allows them', () => {
    const big = fc.record({ reps: fc.integer({ min: 1, max: 100 }), holdSeconds: fc.integer({ min: 0, max: 300 }), sides: fc.constantFrom('none', 'each', 'alternate'), restSeconds: fc.integer({ min: 0, max: 300 }) }) as fc.Arbitrary<Dose>;
    fc.assert(
      fc.property(fc.constantFrom(...catalogue), big, (e, d) => {
        expect(exerciseDurationMs(e, d)).toBe(timelineMs(e, d));
      }),
      { numRuns: 20 },
    );
  });
});
