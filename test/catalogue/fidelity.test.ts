// The catalogue against the physiotherapist's page (../shared/seed/back-pain-exercises.txt).
// The table below was copied by hand from the page, not from data/exercises.json,
// so a wrong number in the data file fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { doseInSentences } from '../../src/catalogue/dose.js';
import { findExercise } from '../../src/catalogue/find.js';
import { builtInDataDir, loadCatalogue } from '../../src/catalogue/load.js';
import { SAFETY_RULES, SESSION_SAFETY } from '../../src/catalogue/safety.js';
import type { Exercise } from '../../src/catalogue/schema.js';
import { validateDataFile } from '../../src/catalogue/validate.js';
import { buildExercise } from '../../src/engine/timeline.js';
import { contentWords, sameWord, sentences } from '../../src/engine/words.js';
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
  /** The page's two sides, in the page's order; absent where there are none. */
  sideNames?: [string, string];
  /** Care points the page gives in the steps, which `show` lists under "Take care". */
  cautions?: RegExp[];
  /** What is said as each hold ends, where the page says more than "relax". */
  releaseWords?: RegExp[];
  /** Words the steps must carry: the page's movement, in our wording. */
  steps: RegExp[];
  /** What is said with each rep's number: the page's movement in a few words, one for both sides or one per side. */
  moveWords: RegExp[];
}

const BALL = ['stability ball'];

// One row per exercise on the page; the quote above each row is the page's dose sentence.
const PAGE: PageFacts[] = [
  // "Hold this position with your belly button for 5 seconds. Relax and repeat ... for a total of 15 repetitions."
  { number: 1, id: 'neutral-spine-brace', category: 'basics', reps: 15, holdSeconds: 5, sides: 'none', equipment: [], steps: [/arch/i, /round/i, /belly button/i], moveWords: [/belly button in/i] },
  // "Hold ... for 15 seconds for a total of 5 repetitions. Repeat for opposite leg."
  { number: 2, letter: 'A', id: 'single-knee-to-chest', category: 'stretch', reps: 5, holdSeconds: 15, sides: 'each', equipment: [], sideNames: ['left knee', 'right knee'], steps: [/left knee/i, /head.*optional|optional.*head/i], moveWords: [/knee up towards your chest/i] },
  // "Hold ... 15 seconds for a total of 5 repetitions."
  { number: 3, letter: 'B', id: 'double-knee-to-chest', category: 'stretch', reps: 5, holdSeconds: 15, sides: 'none', equipment: [], steps: [/both knees/i, /head.*optional|optional.*head/i], moveWords: [/both knees up towards your chest/i] },
  // "Hold ... for a 15 seconds count and repeat 5 times. Perform on opposite side."
  { number: 4, letter: 'C', id: 'kneeling-back-stretch', category: 'stretch', reps: 5, holdSeconds: 15, sides: 'each', equipment: [], sideNames: ['hands to the right', 'hands to the left'], cautions: [/secure object if one is available/i], steps: [/hands and knees/i, /to the right/i, /secure/i, /to the left/i], moveWords: [/sit back.*hips to the left/i, /sit back.*hips to the right/i] },
  { number: 5, letter: 'D', id: 'piriformis-stretch', category: 'stretch', reps: 5, holdSeconds: 15, sides: 'each', equipment: [], sideNames: ['left ankle over right knee', 'right ankle over left knee'], steps: [/left ankle over (your )?right knee/i, /left hip/i], moveWords: [/right knee up towards your chest/i, /left knee up towards your chest/i] },
  { number: 6, letter: 'E', id: 'hamstring-stretch', category: 'stretch', reps: 5, holdSeconds: 15, sides: 'each', equipment: [], sideNames: ['right leg', 'left leg'], cautions: [/gently/i], steps: [/right knee/i, /straighten/i, /ceiling/i], moveWords: [/knee towards your chest.*gently straighten/i] },
  // "Hold ... for 5 seconds and repeat 10 times."
  { number: 7, letter: 'F', id: 'backward-rock', category: 'core', reps: 10, holdSeconds: 5, sides: 'none', equipment: [], steps: [/neutral spine/i, /transverse abdominis/i, /backwards?/i, /hips?/i], moveWords: [/^rock back\.$/i] },
  { number: 8, letter: 'G', id: 'forward-rock', category: 'core', reps: 10, holdSeconds: 5, sides: 'none', equipment: [], steps: [/neutral spine/i, /transverse abdominis/i, /forwards?/i, /hips?/i], moveWords: [/^rock forwards\.$/i] },
  // "Hold ... for 5 seconds and repeat 10 times on each side." (left arm + right leg, then right arm + left leg)
  { number: 9, letter: 'H', id: 'bird-dog', category: 'core', reps: 10, holdSeconds: 5, sides: 'alternate', equipment: [], sideNames: ['left arm and right leg', 'right arm and left leg'], cautions: [/avoid twisting/i], steps: [/twist/i, /left arm and (your )?right leg/i, /right arm and (your )?left leg/i], moveWords: [/arm and leg out/i] },
  // "Hold each foot up for 2 seconds and repeat ... 15 times." ("pick one foot off the floor ... Repeat with opposite foot": no left or right)
  // The hips stay up while one foot, then the other, is lifted; only then are they lowered slowly.
  { number: 10, letter: 'I', id: 'bridge', category: 'core', reps: 15, holdSeconds: 2, sides: 'alternate', equipment: [], sideNames: ['first foot', 'opposite foot'], steps: [/hips/i, /one foot/i, /opposite foot/i, /slowly/i], releaseWords: [/keep your hips up/i, /lower your hips slowly/i], moveWords: [/lift your hips.*one foot/i, /opposite foot/i] },
  // "Hold for 2 seconds and repeat on opposite sides. Perform ... 15 times on each side."
  { number: 11, letter: 'J', id: 'superman', category: 'core', reps: 15, holdSeconds: 2, sides: 'alternate', equipment: [], sideNames: ['right arm and left leg', 'left arm and right leg'], steps: [/face down/i, /overhead/i, /right arm and (your )?left leg/i], moveWords: [/lift your arm and leg/i] },
  // "Perform ... between 10 to 15 times." (no hold)
  { number: 12, letter: 'K', id: 'prone-press-up', category: 'core', reps: { min: 10, max: 15 }, holdSeconds: 0, sides: 'none', equipment: [], cautions: [/do not force the movement or go into pain/i], steps: [/elbows/i, /hips on the floor/i, /force/i, /breathe out|exhale/i], moveWords: [/push up onto your elbows.*breathe out/i] },
  // "Hold ... for 5 seconds and repeat 10 times on each side." ("Lift one leg up and lower. Repeat with other leg.")
  { number: 13, letter: 'L', id: 'ball-marching', category: 'ball', reps: 10, holdSeconds: 5, sides: 'alternate', equipment: BALL, sideNames: ['first leg', 'other leg'], steps: [/sit/i, /90 degrees/i, /one leg/i, /other leg/i], moveWords: [/lift your leg/i] },
  { number: 14, letter: 'M', id: 'ball-bird-dog', category: 'ball', reps: 10, holdSeconds: 5, sides: 'alternate', equipment: BALL, sideNames: ['left arm and right leg', 'right arm and left leg'], cautions: [/avoid any other movement/i], steps: [/hips over/i, /left arm and (your )?right leg/i, /right arm and (your )?left leg/i], moveWords: [/arm and leg out/i] },
  // "Hold for 5 seconds. ... Repeat ... for a total of 10 times."
  { number: 15, letter: 'N', id: 'ball-prone-walk-out', category: 'ball', reps: 10, holdSeconds: 5, sides: 'none', equipment: BALL, steps: [/shoulder.width/i, /walk/i, /front of (your )?thighs|front thighs/i], moveWords: [/slowly walk out on your hands/i] },
  // "Hold ... for 5 seconds and repeat 15 times."
  { number: 16, letter: 'O', id: 'ball-back-extension', category: 'ball', reps: 15, holdSeconds: 5, sides: 'none', equipment: BALL, steps: [/hips and knees straight/i, /trunk/i], moveWords: [/lift your trunk off the ball/i] },
  // "Repeat ... for a total of 20 times." (no hold)
  { number: 17, letter: 'P', id: 'ball-crunch', category: 'ball', reps: 20, holdSeconds: 0, sides: 'none', equipment: BALL, steps: [/back of (your )?shoulders/i, /chin/i, /shoulders off/i], moveWords: [/chin.*shoulders/i] },
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
    // The page's sides, named as the page names them and in its order ("one foot", not an invented "left foot first").
    expect(e.dose.sideNames).toEqual(page.sideNames);
    // Every care point the page gives, and nothing more.
    expect(e.cautions ?? []).toHaveLength(page.cautions?.length ?? 0);
    for (const [i, caution] of (page.cautions ?? []).entries()) expect(e.cautions![i]).toMatch(caution);
    // Reps without a hold need a tempo, so they can be counted.
    if (page.holdSeconds === 0) expect(e.dose.tempoSeconds).toBeGreaterThan(0);
    const steps = e.steps.join(' ');
    for (const words of page.steps) expect(steps).toMatch(words);
    expect(e.purpose, 'every page exercise states its purpose').toBeTruthy();
    expect(e.position, 'every page exercise states its starting position').toBeTruthy();
    // Each rep's movement in a few words, as the page gives it: one for both sides, or one per side.
    expect(e.moveWords).toHaveLength(page.moveWords.length);
    for (const [i, words] of page.moveWords.entries()) expect(e.moveWords![i]).toMatch(words);
    // The end of each hold is "Relax." unless the page says what happens between the holds.
    if (page.releaseWords) for (const [i, words] of page.releaseWords.entries()) expect(e.releaseWords?.[i]).toMatch(words);
    else expect(e.releaseWords).toBeUndefined();
  });

  it('every title the page gives an exercise finds it, spelling mistakes and all', async () => {
    const exercises = await builtIn();
    // The master list (A-P) and the headings (#1-#17), copied from the page.
    const titles: [string, string][] = [
      ['Back Pain Excercise Single Knee to Chest.', 'single-knee-to-chest'],
      ['Back Pain Excercise Double Knee to Chest.', 'double-knee-to-chest'],
      ['Kneeling Back Stretch.', 'kneeling-back-stretch'],
      ['Stretch Lower Back Using Hip and Knee.', 'piriformis-stretch'],
      ['Active Stretch of the Hamstrings.', 'hamstring-stretch'],
      ['Backward Rock in Quadraped.', 'backward-rock'],
      ['Forward Rock in Quadraped.', 'forward-rock'],
      ['Back pain exercise "Bird Dog".', 'bird-dog'],
      ['Bridging with leg raise.', 'bridge'],
      ['Back pain exercise "Superman".', 'superman'],
      ['Prone press up back pain exercise.', 'prone-press-up'],
      ['Marching on stability Ball.', 'ball-marching'],
      ['"Bird Dog" using stability ball.', 'ball-bird-dog'],
      ['Back Pain Exercise "Prone walk-out".', 'ball-prone-walk-out'],
      ['Back extension using stability ball.', 'ball-back-extension'],
      ['Crunches on stability ball.', 'ball-crunch'],
      ['Back Pain Exercise #1', 'neutral-spine-brace'],
      ['Back Pain Exercise # 5', 'piriformis-stretch'],
      ['Upward Dog', 'prone-press-up'],
      ['Backward rock in quadruped', 'backward-rock'],
      ['BACK-PAIN EXERCISE Bird Dog', 'bird-dog'],
    ];
    for (const [title, id] of titles) expect(findExercise(exercises, title)?.id, title).toBe(id);
  });

  it('says only what the page says: no claims of its own, no "the page" a user has not seen', async () => {
    const exercises = await builtIn();
    const byId = (id: string) => exercises.find((e) => e.id === id)!;
    for (const e of exercises) expect(`${e.purpose} ${e.steps.join(' ')}`).not.toMatch(/the page|build on/i);
    expect(byId('neutral-spine-brace').steps.join(' ')).toMatch(/sort of suck your stomach in/);
    expect(byId('neutral-spine-brace').steps.join(' ')).toMatch(/round \(flex\) it/);
    expect(byId('ball-bird-dog').purpose).toBe('The same as bird dog (#9), but more advanced.');
    // #14's muscles are #9's: the page names none for it.
    expect(byId('ball-bird-dog').targets).toBeUndefined();
    const routines = readFileSync(join(builtInDataDir(), 'routines.json'), 'utf8');
    expect(routines).not.toMatch(/build on|teaches|the page/i);
  });

  it('what a session says to teach each exercise is its own words: every step in full, and each rep\'s movement in words from them', async () => {
    for (const e of await builtIn()) {
      // No word of a rep's movement that the exercise's name, position and steps do not have (in some form).
      const own = contentWords([e.name, e.position, ...e.steps].join(' '));
      for (const words of e.moveWords ?? []) for (const w of contentWords(words)) expect(own.some((o) => sameWord(w, o)), `${e.id}: "${w}" in "${words}"`).toBe(true);
      // Taught in full, every sentence of the steps is said, as it is written (but for a first step that is the starting position again).
      const t = buildExercise({ exercise: e, dose: e.dose }, 0, 1);
      const taught = t.cues.filter((c) => c.kind === 'teach').map((c) => c.text);
      const steps = e.steps.flatMap(sentences);
      expect(taught, e.id).toEqual(steps.slice(steps.length - taught.length));
      expect(steps.length - taught.length, e.id).toBeLessThanOrEqual(1);
      if (taught.length < steps.length) expect(contentWords(e.position!).join(' '), e.id).toContain(contentWords(steps[0]!).slice(0, 2).join(' '));
      // Briefly: sentences of the steps and the care points, nothing else.
      const brief = buildExercise({ exercise: e, dose: e.dose }, 0, 1, { brief: true }).cues.filter((c) => c.kind === 'teach').map((c) => c.text);
      expect(brief.length, e.id).toBeGreaterThan(0);
      for (const sentence of brief) expect([...steps, ...(e.cautions ?? [])], e.id).toContain(sentence);
      // Every care point is in it, in a sentence of its own or in a step that says all its words.
      for (const caution of e.cautions ?? []) expect(brief.some((sentence) => contentWords(caution).every((w) => contentWords(sentence).includes(w))), `${e.id}: ${caution}`).toBe(true);
    }
  });

  it('the pace of reps without a hold is shown as backex\'s count, not as the page\'s dose', async () => {
    const press = (await builtIn()).find((e) => e.id === 'prone-press-up')!;
    expect(doseInSentences(press.dose)).toBe('Repeat 10 to 15 times (stop between 10 and 15 when you have had enough). backex counts them at about one every 5 seconds.');
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
    for (const fact of [/never feel pain or discomfort/i, /professional help/i, /hold your breath/i, /faint or dizzy/i, /counting out loud/i, /sub-maximal/i, /no pain, no gain/i, /when in doubt, skip it/i, /soreness/i, /one to two days/i, /not used to/i, /conditioning improves/i, /never be aggressive/i, /consult a physician/i, /above all, use common sense/i])
      expect(rules).toMatch(fact);
  });

  it('the safety lines before every session say stop, breathe, and consult a physician, in at most three lines', () => {
    expect(SESSION_SAFETY.length).toBeLessThanOrEqual(3);
    const rules = SESSION_SAFETY.join(' ');
    for (const fact of [/pain or discomfort/i, /professional help/i, /breathing/i, /never be aggressive/i, /consult a physician before beginning/i]) expect(rules).toMatch(fact);
  });
});
