// The catalogue against the physiotherapist's page (../shared/seed/back-pain-exercises.txt).
// The table below was copied by hand from the page, not from data/exercises.json,
// so a wrong number in the data file fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInDataDir, loadCatalogue } from '../../src/catalogue/load.js';
import { SAFETY_RULES } from '../../src/catalogue/safety.js';
import type { Exercise } from '../../src/catalogue/schema.js';
import { validateDataFile } from '../../src/catalogue/validate.js';
import { tempHome } from '../support/backex.js';

type Sides = 'none' | 'each' | 'alternate';
interface PageFacts {
  number: number;
  letter?: string;
  id: string;
  category: 'basics' | 'stretch' | 'core' | 'ball';
  reps: number | { min: number; max: number };
  holdSeconds: number;
  sides: Sides;
  equipment: string[];
  /** Words the steps must carry: the page's movement, in our wording. */
  steps: RegExp[];
}

const BALL = ['stability ball'];

// One row per exercise on the page; the quote above each row is the page's dose sentence.
const PAGE: PageFacts[] = [
  // "Hold this position with your belly button for 5 seconds. Relax and repeat ... for a total of 15 repetitions."
  { number: 1, id: 'neutral-spine-brace', category: 'basics', reps: 15, holdSeconds: 5, sides: 'none', equipment: [], steps: [/arch/i, /round/i, /belly button/i] },
  // "Hold ... for 15 seconds for a total of 5 repetitions. Repeat for opposite leg."
  { number: 2, letter: 'A', id: 'single-knee-to-chest', category: 'stretch', reps: 5, holdSeconds: 15, sides: 'each', equipment: [], steps: [/left knee/i, /head.*optional|optional.*head/i] },
  // "Hold ... 15 seconds for a total of 5 repetitions."
  { number: 3, letter: 'B', id: 'double-knee-to-chest', category: 'stretch', reps: 5, holdSeconds: 15, sides: 'none', equipment: [], steps: [/both knees/i, /head.*optional|optional.*head/i] },
  // "Hold ... for a 15 seconds count and repeat 5 times. Perform on opposite side."
  { number: 4, letter: 'C', id: 'kneeling-back-stretch', category: 'stretch', reps: 5, holdSeconds: 15, sides: 'each', equipment: [], steps: [/hands and knees/i, /to the right/i, /secure/i, /to the left/i] },
  { number: 5, letter: 'D', id: 'piriformis-stretch', category: 'stretch', reps: 5, holdSeconds: 15, sides: 'each', equipment: [], steps: [/left ankle over (your )?right knee/i, /left hip/i] },
  { number: 6, letter: 'E', id: 'hamstring-stretch', category: 'stretch', reps: 5, holdSeconds: 15, sides: 'each', equipment: [], steps: [/right knee/i, /straighten/i, /ceiling/i] },
  // "Hold ... for 5 seconds and repeat 10 times."
  { number: 7, letter: 'F', id: 'backward-rock', category: 'core', reps: 10, holdSeconds: 5, sides: 'none', equipment: [], steps: [/neutral spine/i, /transverse abdominis/i, /backwards?/i, /hips?/i] },
  { number: 8, letter: 'G', id: 'forward-rock', category: 'core', reps: 10, holdSeconds: 5, sides: 'none', equipment: [], steps: [/neutral spine/i, /transverse abdominis/i, /forwards?/i, /hips?/i] },
  // "Hold ... for 5 seconds and repeat 10 times on each side." (left arm + right leg, then right arm + left leg)
  { number: 9, letter: 'H', id: 'bird-dog', category: 'core', reps: 10, holdSeconds: 5, sides: 'alternate', equipment: [], steps: [/twist/i, /left arm and (your )?right leg/i, /right arm and (your )?left leg/i] },
  // "Hold each foot up for 2 seconds and repeat ... 15 times." (one foot, then the opposite foot)
  { number: 10, letter: 'I', id: 'bridge', category: 'core', reps: 15, holdSeconds: 2, sides: 'alternate', equipment: [], steps: [/hips/i, /one foot/i, /opposite foot/i, /slowly/i] },
  // "Hold for 2 seconds and repeat on opposite sides. Perform ... 15 times on each side."
  { number: 11, letter: 'J', id: 'superman', category: 'core', reps: 15, holdSeconds: 2, sides: 'alternate', equipment: [], steps: [/face down/i, /overhead/i, /right arm and (your )?left leg/i] },
  // "Perform ... between 10 to 15 times." (no hold)
  { number: 12, letter: 'K', id: 'prone-press-up', category: 'core', reps: { min: 10, max: 15 }, holdSeconds: 0, sides: 'none', equipment: [], steps: [/elbows/i, /hips on the floor/i, /force/i, /breathe out|exhale/i] },
  // "Hold ... for 5 seconds and repeat 10 times on each side."
  { number: 13, letter: 'L', id: 'ball-marching', category: 'ball', reps: 10, holdSeconds: 5, sides: 'alternate', equipment: BALL, steps: [/sit/i, /90 degrees/i, /one leg/i, /other leg/i] },
  { number: 14, letter: 'M', id: 'ball-bird-dog', category: 'ball', reps: 10, holdSeconds: 5, sides: 'alternate', equipment: BALL, steps: [/hips over/i, /left arm and (your )?right leg/i, /right arm and (your )?left leg/i] },
  // "Hold for 5 seconds. ... Repeat ... for a total of 10 times."
  { number: 15, letter: 'N', id: 'ball-prone-walk-out', category: 'ball', reps: 10, holdSeconds: 5, sides: 'none', equipment: BALL, steps: [/shoulder.width/i, /walk/i, /front of (your )?thighs|front thighs/i] },
  // "Hold ... for 5 seconds and repeat 15 times."
  { number: 16, letter: 'O', id: 'ball-back-extension', category: 'ball', reps: 15, holdSeconds: 5, sides: 'none', equipment: BALL, steps: [/hips and knees straight/i, /trunk/i] },
  // "Repeat ... for a total of 20 times." (no hold)
  { number: 17, letter: 'P', id: 'ball-crunch', category: 'ball', reps: 20, holdSeconds: 0, sides: 'none', equipment: BALL, steps: [/back of (your )?shoulders/i, /chin/i, /shoulders off/i] },
];

async function builtIn(): Promise<Exercise[]> {
  // An empty BACKEX_HOME, so no user file on this machine can change what is tested.
  return (await loadCatalogue({ env: { BACKEX_HOME: tempHome() } })).exercises;
}

describe('the catalogue holds the page\'s 17 exercises exactly', () => {
  it('has the 17 exercises in page order and nothing else', async () => {
    const exercises = await builtIn();
    expect(exercises.map((e) => [e.number, e.id])).toEqual(PAGE.map((p) => [p.number, p.id]));
  });

  it.each(PAGE)('#$number $id: hold, reps, sides, equipment, category and letter as on the page', async (page) => {
    const exercise = (await builtIn()).find((e) => e.id === page.id);
    expect(exercise, `no exercise ${page.id}`).toBeDefined();
    const e = exercise!;
    expect(e.number).toBe(page.number);
    expect(e.letter).toBe(page.letter);
    expect(e.category).toBe(page.category);
    expect(e.dose.reps).toEqual(page.reps);
    expect(e.dose.holdSeconds).toBe(page.holdSeconds);
    expect(e.dose.sides).toBe(page.sides);
    expect(e.equipment ?? []).toEqual(page.equipment);
    // A side needs two names to be announced; no side, no names.
    if (page.sides === 'none') expect(e.dose.sideNames).toBeUndefined();
    else expect(e.dose.sideNames).toHaveLength(2);
    // Reps without a hold need a tempo, so they can be counted.
    if (page.holdSeconds === 0) expect(e.dose.tempoSeconds).toBeGreaterThan(0);
    const steps = e.steps.join(' ');
    for (const words of page.steps) expect(steps).toMatch(words);
    expect(e.purpose, 'every page exercise states its purpose').toBeTruthy();
    expect(e.position, 'every page exercise states its starting position').toBeTruthy();
  });

  it('keeps the page\'s own spellings as aliases, so they still find the exercise', async () => {
    const exercises = await builtIn();
    const aliases = (id: string) => exercises.find((e) => e.id === id)!.aliases!.map((a) => a.toLowerCase());
    expect(aliases('backward-rock').join(' ')).toContain('quadraped');
    expect(aliases('prone-press-up').join(' ')).toContain('upward dog');
  });

  it('fixes the page\'s spelling mistakes in what it shows', () => {
    const text = readFileSync(join(builtInDataDir(), 'exercises.json'), 'utf8');
    const shown = JSON.parse(text) as { exercises: Exercise[] };
    const visible = shown.exercises.map((e) => [e.name, e.position, e.purpose, ...e.steps, ...(e.cautions ?? [])].join(' ')).join(' ');
    for (const typo of ['excercise', 'Ajustment', 'back back', 'along side', 'accustom ', 'out load']) expect(visible).not.toContain(typo);
    // "quadraped" is kept only as an alias, never in the text a user reads.
    expect(visible.toLowerCase()).not.toContain('quadraped');
  });

  it('the built-in files pass the same schema a user\'s file must pass', () => {
    for (const name of ['exercises.json', 'routines.json']) {
      const result = validateDataFile(JSON.parse(readFileSync(join(builtInDataDir(), name), 'utf8')), name);
      expect(result.ok ? [] : result.problems).toEqual([]);
    }
  });

  it('routines: core is #1 then #7-#12, stretch #2-#6, ball #13-#17, all #1-#17', async () => {
    const catalogue = await loadCatalogue({ env: { BACKEX_HOME: tempHome() } });
    const numberOf = new Map(catalogue.exercises.map((e) => [e.id, e.number]));
    const members = (id: string) => catalogue.routines.find((r) => r.id === id)!.exercises.map((m) => numberOf.get(typeof m === 'string' ? m : m.exercise));
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    expect(members('stretch')).toEqual(range(2, 6));
    expect(members('core')).toEqual([1, ...range(7, 12)]);
    expect(members('ball')).toEqual(range(13, 17));
    expect(members('all')).toEqual(range(1, 17));
  });

  it('the general safety rules keep every rule on the page', () => {
    const rules = SAFETY_RULES.join(' ');
    for (const fact of [/never feel pain or discomfort/i, /professional help/i, /hold your breath/i, /faint or dizzy/i, /counting out loud/i, /sub-maximal/i, /no pain, no gain/i, /when in doubt, skip it/i, /soreness/i, /one or two days/i, /consult a physician/i])
      expect(rules).toMatch(fact);
  });
});
