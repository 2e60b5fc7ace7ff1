import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DataFile } from '../../src/catalogue/schema.js';
import { cutsIn, END_OF_EXERCISE } from '../../src/engine/cuts.js';
import { buildExercise } from '../../src/engine/timeline.js';
import { exercise } from './fixtures.js';

const catalogue = (JSON.parse(readFileSync(new URL('../../data/exercises.json', import.meta.url), 'utf8')) as DataFile).exercises!;
/** A phrase's own length, 0.3-6 s, as a voice might take. */
const lengthOf = (text: string) => 300 + ((text.length * 977) % 5700);

describe('cutsIn', () => {
  it('finds nothing in a timeline built from the same lengths, for every exercise, with the runner handing speech over early', () => {
    for (const e of catalogue) {
      const t = buildExercise({ exercise: e, dose: e.dose }, 0, 1, { speechMs: lengthOf });
      expect(cutsIn(t, lengthOf, 10), e.id).toEqual([]);
      expect(cutsIn(t), e.id).toEqual([]);
    }
  });

  it('names the phrase cut, its slot, its length and what cut it', () => {
    const dose = { reps: 1, holdSeconds: 2, sides: 'none' } as const;
    const t = buildExercise({ exercise: exercise('x', dose), dose }, 0, 1, { speechMs: () => 500 });
    const hold = t.cues.find((c) => c.kind === 'hold')!;
    const cuts = cutsIn(t, (text) => (text === hold.say ? 1600 : undefined), 10);
    expect(cuts).toEqual([{ text: 'Hold for two.', by: 'one', at: hold.at - 10, slotMs: 1000, spokenMs: 1600 }]);
  });

  it('counts the last phrase as cut when it runs past the end of the exercise', () => {
    const dose = { reps: 1, holdSeconds: 2, sides: 'none' } as const;
    const t = buildExercise({ exercise: exercise('x', dose), dose }, 0, 1, { speechMs: () => 500 });
    const done = t.cues.at(-1)!;
    const cuts = cutsIn(t, (text) => (text === done.say ? 60_000 : undefined));
    expect(cuts).toEqual([{ text: done.say, by: END_OF_EXERCISE, at: done.at, slotMs: t.durationMs - done.at, spokenMs: 60_000 }]);
  });
});
