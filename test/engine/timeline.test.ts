import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOverride, exerciseSeconds, PACE } from '../../src/catalogue/dose.js';
import type { DataFile, Dose, Exercise } from '../../src/catalogue/schema.js';
import { buildExercise, buildSession, sessionDoneCue, sessionDurationMs, type Cue, type ExerciseTimeline, type TimelineOptions } from '../../src/engine/timeline.js';
import { estimateSpeechMs } from '../../src/engine/words.js';
import { exercise, planned } from './fixtures.js';

const at = (cues: Cue[], kind: Cue['kind']) => cues.filter((c) => c.kind === kind);
const said = (cues: Cue[], kind: Cue['kind']) => at(cues, kind).map((c) => c.say);
/** Every phrase takes half a second: timings below come from the pace alone. */
const quick: TimelineOptions = { speechMs: () => 500 };
const build = (dose: Dose, extra: Partial<Exercise> = {}, options: TimelineOptions = quick) => buildExercise({ exercise: exercise('x', dose, extra), dose }, 0, 1, options);
const read = (name: string) => JSON.parse(readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8')) as DataFile;
const catalogue = read('exercises.json').exercises!;

/** FNV-1a: a phrase's own number. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** No phrase is still being said when the next one starts, nor when the exercise ends. */
function overlaps(t: ExerciseTimeline, speechMs: (text: string) => number): string[] {
  const spoken = t.cues.filter((c) => c.say !== undefined);
  const problems: string[] = [];
  spoken.forEach((cue, i) => {
    const end = cue.at + speechMs(cue.say!);
    const next = spoken[i + 1]?.at ?? t.durationMs;
    if (end > next) problems.push(`${t.id}: "${cue.say}" at ${cue.at} ends at ${end}, after the next phrase at ${next}`);
    if (cue.sayMs !== Math.ceil(speechMs(cue.say!))) problems.push(`${t.id}: "${cue.say}" has sayMs ${cue.sayMs}`);
  });
  return problems;
}

describe('timeline for each sides mode', () => {
  it('none: every rep announced, the hold announced with its length, each second counted, relax after', () => {
    const t = build({ reps: 2, holdSeconds: 3, sides: 'none' });
    const counts = at(t.cues, 'count').map((c) => [c.rep, c.count, c.say, c.speech, c.phase]);
    expect(counts).toEqual([[1, 1, 'one', 'count', 'hold'], [1, 2, 'two', 'count', 'hold'], [1, 3, 'three', 'count', 'hold'], [2, 1, 'one', 'count', 'hold'], [2, 2, 'two', 'count', 'hold'], [2, 3, 'three', 'count', 'hold']]);
    expect(at(t.cues, 'relax').map((c) => c.completes)).toEqual([{ rep: 1, side: 0 }, { rep: 2, side: 0 }]);
    expect(said(t.cues, 'rep')).toEqual(['Rep one of two.', 'Last one. Rep two of two.']);
    // A rep starts moving; a pause mid-hold goes back to it.
    expect(at(t.cues, 'rep').map((c) => [c.phase, c.repStart, c.speech, c.count])).toEqual([['move', true, 'sentence', undefined], ['move', true, 'sentence', undefined]]);
    expect(t.cues.filter((c) => c.repStart).map((c) => c.kind)).toEqual(['rep', 'rep']);
    expect(at(t.cues, 'hold').map((c) => [c.say, c.text, c.phase, c.rep, c.speech])).toEqual([
      ['Hold for three.', 'Hold for 3 seconds.', 'hold', 1, 'sentence'],
      ['Hold for three.', 'Hold for 3 seconds.', 'hold', 2, 'sentence'],
    ]);
    // The rep's movement has its time, then "hold", then the seconds one apart.
    const [rep1] = at(t.cues, 'rep');
    const [hold1] = at(t.cues, 'hold');
    const [first, second] = at(t.cues, 'count');
    expect(hold1!.at - rep1!.at).toBe(PACE.announceSeconds * 1000);
    expect(first!.at - hold1!.at).toBe(PACE.holdSeconds * 1000);
    expect(second!.at - first!.at).toBe(1000);
    expect(at(t.cues, 'relax')[0]!.at - at(t.cues, 'count')[2]!.at).toBe(1000);
    expect(at(t.cues, 'rep')[1]!.at - at(t.cues, 'relax')[0]!.at).toBe(PACE.restSeconds * 1000);
    expect(t.sides).toBe(1);
    expect(t.sideNames).toBeUndefined();
  });

  it('a one-second hold says "second"', () => {
    expect(at(build({ reps: 1, holdSeconds: 1, sides: 'none' }).cues, 'hold')[0]!.text).toBe('Hold for 1 second.');
  });

  it('each: all reps on the first side, a switch, then the second side', () => {
    const t = build({ reps: 2, holdSeconds: 1, sides: 'each', sideNames: ['left knee', 'right knee'] });
    const reps = at(t.cues, 'rep').map((c) => [c.side, c.rep]);
    expect(reps).toEqual([[0, 1], [0, 2], [1, 1], [1, 2]]);
    const sw = at(t.cues, 'switch');
    expect(sw).toHaveLength(1);
    expect(sw[0]).toMatchObject({ say: 'Switch sides. Now the right knee.', text: 'Switch sides: now the right knee.', side: 1, phase: 'switch', speech: 'sentence' });
    expect(sw[0]!.at).toBeGreaterThan(at(t.cues, 'relax')[1]!.at);
    expect(at(t.cues, 'rep')[2]!.at - sw[0]!.at).toBe(PACE.switchSeconds * 1000);
    // The side is named with the first rep of each side (and at the switch), not every rep.
    expect(said(t.cues, 'rep')).toEqual(['Rep one of two, left knee.', 'Last one. Rep two of two.', 'Rep one of two, right knee.', 'Last one. Rep two of two.']);
    // The screen names it on every rep.
    expect(at(t.cues, 'rep').map((c) => c.text)).toEqual(['Rep 1 of 2: left knee.', 'Last one. Rep 2 of 2: left knee.', 'Rep 1 of 2: right knee.', 'Last one. Rep 2 of 2: right knee.']);
    expect(t.sides).toBe(2);
    expect(t.sideNames).toEqual(['left knee', 'right knee']);
  });

  it('sides without names are the first and second side', () => {
    const t = build({ reps: 1, holdSeconds: 1, sides: 'each' });
    expect(said(t.cues, 'rep')).toEqual(['Last one. Rep one of one, first side.', 'Last one. Rep one of one, second side.']);
    expect(t.sideNames).toEqual(['first side', 'second side']);
  });

  it('alternate: sides switch every rep, reps are per side, and the last of the last round is the last one', () => {
    const t = build({ reps: 2, holdSeconds: 1, sides: 'alternate', sideNames: ['left arm and right leg', 'right arm and left leg'] });
    const reps = at(t.cues, 'rep').map((c) => [c.rep, c.side]);
    expect(reps).toEqual([[1, 0], [1, 1], [2, 0], [2, 1]]);
    expect(at(t.cues, 'switch')).toHaveLength(0);
    expect(said(t.cues, 'rep')).toEqual(['Rep one of two, left arm and right leg.', 'Rep one of two, right arm and left leg.', 'Rep two of two, left arm and right leg.', 'Last one. Rep two of two, right arm and left leg.']);
    // The rest before the last round says so, on screen and aloud.
    expect(said(t.cues, 'relax')).toEqual(['Relax.', 'Relax. Last round next.', 'Relax.', 'Relax.']);
    expect(at(t.cues, 'relax').map((c) => c.text)).toEqual(said(t.cues, 'relax'));
    expect(at(t.cues, 'relax').map((c) => c.completes)).toEqual([{ rep: 1, side: 0 }, { rep: 1, side: 1 }, { rep: 2, side: 0 }, { rep: 2, side: 1 }]);
    expect(at(t.cues, 'rep').map((c) => c.text)).toEqual(['Rep 1 of 2: left arm and right leg.', 'Rep 1 of 2: right arm and left leg.', 'Last round. Rep 2 of 2: left arm and right leg.', 'Last one. Rep 2 of 2: right arm and left leg.']);
  });

  it('alternate, one round: nothing to warn of', () => {
    const t = build({ reps: 1, holdSeconds: 1, sides: 'alternate' });
    expect(said(t.cues, 'relax')).toEqual(['Relax.', 'Relax.']);
  });

  it('no hold: reps counted at the tempo', () => {
    const t = build({ reps: 3, holdSeconds: 0, sides: 'none', tempoSeconds: 4 });
    const reps = at(t.cues, 'rep');
    expect(reps.map((c) => c.count)).toEqual([1, 2, 3]);
    expect(reps[1]!.at - reps[0]!.at).toBe(4000);
    expect(at(t.cues, 'done')[0]!.at - reps[2]!.at).toBe(4000);
    expect(at(t.cues, 'count')).toHaveLength(0);
    expect(at(t.cues, 'hold')).toHaveLength(0);
    expect(reps.map((c) => c.say)).toEqual(['Rep one of three.', 'Rep two of three.', 'Last one. Rep three of three.']);
    expect(reps.every((c) => c.repStart && c.phase === 'move' && c.speech === 'sentence')).toBe(true);
    // The next rep (or the end) completes the one before.
    expect(reps.map((c) => c.completes)).toEqual([undefined, { rep: 1, side: 0 }, { rep: 2, side: 0 }]);
    expect(at(t.cues, 'done')[0]!.completes).toEqual({ rep: 3, side: 0 });
  });

  it('no hold and no tempo: four seconds a rep', () => {
    const reps = at(build({ reps: 2, holdSeconds: 0, sides: 'none' }).cues, 'rep');
    expect(reps[1]!.at - reps[0]!.at).toBe(PACE.tempoSeconds * 1000);
  });

  it('a rest of its own', () => {
    const t = build({ reps: 2, holdSeconds: 1, sides: 'none', restSeconds: 7 });
    expect(at(t.cues, 'rep')[1]!.at - at(t.cues, 'relax')[0]!.at).toBe(7000);
  });

  it('a range counts to the minimum, then opens the rest for Enter', () => {
    const t = build({ reps: { min: 2, max: 4 }, holdSeconds: 0, sides: 'none', tempoSeconds: 5 });
    const reps = at(t.cues, 'rep');
    expect(reps.map((c) => Boolean(c.open))).toEqual([false, false, true, true]);
    // "of two to four" until the minimum, so "two of two" never sounds like the end.
    expect(reps.map((c) => c.say)).toEqual(['Rep one of two to four.', 'Rep two of two to four.', 'Rep three. Carry on up to four if it feels good, or press Enter to finish.', 'Last one. Rep four.']);
    expect(reps.map((c) => c.text)).toEqual(['Rep 1 of 2-4.', 'Rep 2 of 2-4.', 'Rep 3 of 2-4. Go on to 4 if it feels good; press Enter when you have had enough.', 'Last one. Rep 4 of 2-4.']);
    expect(t.repsMin).toBe(2);
    expect(t.repsMax).toBe(4);
  });

  it('a range with holds: the hold and its counts are open too', () => {
    const t = build({ reps: { min: 1, max: 2 }, holdSeconds: 1, sides: 'alternate' });
    const open = t.cues.filter((c) => c.rep !== undefined).map((c) => [c.kind, c.rep, c.side, Boolean(c.open)]);
    expect(open).toEqual([
      ['rep', 1, 0, false], ['hold', 1, 0, false], ['count', 1, 0, false], ['relax', 1, 0, false],
      ['rep', 1, 1, false], ['hold', 1, 1, false], ['count', 1, 1, false], ['relax', 1, 1, false],
      ['rep', 2, 0, true], ['hold', 2, 0, true], ['count', 2, 0, true], ['relax', 2, 0, true],
      ['rep', 2, 1, true], ['hold', 2, 1, true], ['count', 2, 1, true], ['relax', 2, 1, true],
    ]);
    // The range opens once, on the first side of the round.
    expect(said(t.cues, 'rep').filter((s) => s!.includes('press Enter'))).toHaveLength(1);
    expect(said(t.cues, 'rep')[2]).toBe('Rep two, first side. Carry on up to two if it feels good, or press Enter to finish.');
  });

  it('an exercise\'s own words for the end of a hold replace "Relax.", per side', () => {
    const t = build({ reps: 2, holdSeconds: 1, sides: 'alternate', sideNames: ['first foot', 'opposite foot'] }, { releaseWords: ['Foot down, and keep your hips up.', 'Foot down, and lower your hips slowly to the floor.'] });
    expect(said(t.cues, 'relax')).toEqual([
      'Foot down, and keep your hips up.',
      'Foot down, and lower your hips slowly to the floor. Last round next.',
      'Foot down, and keep your hips up.',
      'Foot down, and lower your hips slowly to the floor.',
    ]);
    expect(at(t.cues, 'relax').every((c) => c.speech === 'count' && c.phase === 'rest')).toBe(true);
    // One sentence serves both sides.
    expect(said(build({ reps: 1, holdSeconds: 1, sides: 'each' }, { releaseWords: ['Lower it.'] }).cues, 'relax')).toEqual(['Lower it.', 'Lower it.']);
  });

  it('a routine dose override changes the timeline', () => {
    const base = { reps: 15, holdSeconds: 2, sides: 'alternate' as const, sideNames: ['left foot', 'right foot'] as [string, string] };
    const dose = applyOverride(base, { reps: 10, holdSeconds: 3 });
    const t = buildExercise({ ...planned('bridge', base), dose }, 0, 1);
    expect(at(t.cues, 'rep')).toHaveLength(20);
    expect(Math.max(...at(t.cues, 'count').map((c) => c.count!))).toBe(3);
    expect(t.dose).toBe(dose);
  });
});

describe('what is said with each rep', () => {
  it('the movement, from the exercise, after the number; one per side where it has two', () => {
    const t = build({ reps: 1, holdSeconds: 1, sides: 'alternate', sideNames: ['first foot', 'opposite foot'] }, { moveWords: ['Lift your hips, then one foot.', 'Lift the opposite foot.'] });
    expect(said(t.cues, 'rep')).toEqual(['Rep one of one, first foot. Lift your hips, then one foot.', 'Last one. Rep one of one, opposite foot. Lift the opposite foot.']);
    expect(at(t.cues, 'rep').map((c) => c.text)).toEqual(['Last round. Rep 1 of 1: first foot. Lift your hips, then one foot.', 'Last one. Rep 1 of 1: opposite foot. Lift the opposite foot.']);
    const one = build({ reps: 1, holdSeconds: 0, sides: 'each' }, { moveWords: ['Rock back (slowly).'] });
    // Said as it is best said: a bracket is a pause.
    expect(said(one.cues, 'rep')).toEqual(['Last one. Rep one of one, first side. Rock back, slowly.', 'Last one. Rep one of one, second side. Rock back, slowly.']);
  });

  it('how many are left, near the end of five or more', () => {
    const t = build({ reps: 10, holdSeconds: 1, sides: 'none' }, { moveWords: ['Rock back.'] });
    expect(said(t.cues, 'rep').slice(5)).toEqual([
      'Rep six of ten. Rock back.',
      'Rep seven of ten, three more. Rock back.',
      'Rep eight of ten, two more. Rock back.',
      'Rep nine of ten, one more. Rock back.',
      'Last one. Rep ten of ten. Rock back.',
    ]);
    expect(at(t.cues, 'rep')[6]!.text).toBe('Rep 7 of 10. Three more. Rock back.');
    expect(said(build({ reps: 5, holdSeconds: 1, sides: 'none' }).cues, 'rep')[1]).toBe('Rep two of five, three more.');
    // With fewer, the number says it all.
    expect(said(build({ reps: 4, holdSeconds: 1, sides: 'none' }).cues, 'rep')).toEqual(['Rep one of four.', 'Rep two of four.', 'Rep three of four.', 'Last one. Rep four of four.']);
    // Each side counts its own.
    expect(said(build({ reps: 5, holdSeconds: 1, sides: 'each' }).cues, 'rep').slice(5, 7)).toEqual(['Rep one of five, second side.', 'Rep two of five, three more.']);
    // Not in a range (Enter may end it), nor where sides alternate (the rest says "last round next").
    expect(said(build({ reps: { min: 5, max: 8 }, holdSeconds: 0, sides: 'none' }).cues, 'rep').filter((s) => s!.includes('more'))).toEqual([]);
    expect(said(build({ reps: 6, holdSeconds: 1, sides: 'alternate' }).cues, 'rep').filter((s) => s!.includes('more'))).toEqual([]);
  });
});

describe('holds', () => {
  it('long holds (10 s or more) say halfway and remind to keep breathing, and keep their seconds', () => {
    const t = build({ reps: 1, holdSeconds: 10, sides: 'none' });
    const counts = at(t.cues, 'count');
    expect(counts.map((c) => c.count)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(counts.slice(1).map((c, i) => c.at - counts[i]!.at)).toEqual(Array(9).fill(1000));
    expect(counts[5]).toMatchObject({ say: 'Halfway. Keep breathing.', speech: 'sentence', text: 'Hold 6 of 10: halfway. Keep breathing.', phase: 'hold' });
    expect(counts.filter((c) => c.say?.includes('Halfway'))).toHaveLength(1);
    expect(at(t.cues, 'relax')[0]!.at - counts[9]!.at).toBe(1000);
    // Fifteen: the middle of the hold.
    expect(at(build({ reps: 1, holdSeconds: 15, sides: 'none' }).cues, 'count').findIndex((c) => c.say?.startsWith('Halfway'))).toBe(7);
    // Nine: none.
    expect(at(build({ reps: 1, holdSeconds: 9, sides: 'none' }).cues, 'count').some((c) => c.say?.startsWith('Halfway'))).toBe(false);
  });

  it('counts wait for "halfway" to be said: shown, not said, until the voice is free', () => {
    const speechMs = (s: string) => (s.startsWith('Halfway') ? 2100 : 400);
    const counts = at(build({ reps: 1, holdSeconds: 10, sides: 'none' }, {}, { speechMs }).cues, 'count');
    expect(counts.map((c) => c.say)).toEqual(['one', 'two', 'three', 'four', 'five', 'Halfway. Keep breathing.', undefined, undefined, 'nine', 'ten']);
    expect(counts[6]!.speech).toBeUndefined();
    expect(counts[6]!.sayMs).toBeUndefined();
    expect(counts[6]!.text).toBe('Hold 7 of 10');
  });

  it('a number that takes longer than its second to say is shown, not said; the hold keeps its length', () => {
    const speechMs = (s: string) => (s === 'three' ? 1001 : s === 'two' ? 1000 : 300);
    const t = build({ reps: 1, holdSeconds: 4, sides: 'none' }, {}, { speechMs });
    expect(at(t.cues, 'count').map((c) => c.say)).toEqual(['one', 'two', undefined, 'four']);
    expect(at(t.cues, 'countdown').map((c) => c.say)).toEqual([undefined, 'two', 'one']);
    expect(at(t.cues, 'countdown').map((c) => c.count)).toEqual([3, 2, 1]);
    expect(at(t.cues, 'relax')[0]!.at - at(t.cues, 'count')[0]!.at).toBe(4000);
  });
});

describe('the start: name, position, how to do it, get ready', () => {
  it('in the catalogue, no exercise says its starting position twice: the first sentence taught is never the position again, in more words', () => {
    const words = (t: string) => new Set(t.toLowerCase().match(/[a-z]+/g) ?? []);
    for (const e of catalogue) {
      if (!e.position) continue;
      const [t] = buildSession([{ exercise: e, dose: e.dose }], quick);
      const first = at(t!.cues, 'teach')[0]!.text;
      const position = words(e.position);
      const inFirst = [...position].filter((w) => words(first).has(w)).length;
      // (Prone press-up's position was its first step less "on your stomach": both were said, one after the other.)
      expect(inFirst / position.size, `${e.id}: "${e.position}" then "${first}"`).toBeLessThan(0.8);
    }
  });

  const teachable = { position: 'Lie on your back.', steps: ['Lie on your back.', 'Lift your hips. Keep them level.', 'Lower slowly.'], moveWords: ['Lift your hips.'], cautions: ['Keep them level.'] };

  it('says the name and position, then the steps sentence by sentence, then gets ready', () => {
    const [a, b] = buildSession([{ exercise: exercise('one', { reps: 1, holdSeconds: 1, sides: 'none' }, teachable), dose: { reps: 1, holdSeconds: 1, sides: 'none' } }, planned('two', { reps: 1, holdSeconds: 1, sides: 'none' })], quick);
    expect(a!.cues[0]).toMatchObject({ at: 0, kind: 'intro', phase: 'intro', say: 'one. Lie on your back.', text: 'Exercise 1 of 2: one. Lie on your back.', speech: 'sentence' });
    expect(b!.cues[0]!.text).toBe('Exercise 2 of 2: two. Lie on your back.');
    expect([a!.index, a!.of, b!.index, b!.of]).toEqual([0, 2, 1, 2]);
    // The first step only repeats the position: not said twice.
    expect(at(a!.cues, 'teach').map((c) => [c.text, c.phase, c.speech])).toEqual([
      ['Lift your hips.', 'intro', 'sentence'],
      ['Keep them level.', 'intro', 'sentence'],
      ['Lower slowly.', 'intro', 'sentence'],
    ]);
    expect(a!.teach).toEqual({ full: ['Lift your hips.', 'Keep them level.', 'Lower slowly.'], brief: ['Lift your hips.', 'Keep them level.'] });
    expect(a!.taught).toBe('full');
    expect(a!.cues.slice(0, 5).map((c) => c.kind)).toEqual(['intro', 'teach', 'teach', 'teach', 'get-ready']);
    const ready = at(a!.cues, 'get-ready')[0]!;
    expect(ready).toMatchObject({ say: 'Get ready. Keep breathing, and count out loud with me.', phase: 'ready', speech: 'sentence' });
    // Name, position and teaching leave time to get into position.
    expect(ready.at).toBe(PACE.introSeconds * 1000);
    expect(at(a!.cues, 'countdown').map((c) => [c.say, c.text, c.at - ready.at, c.speech, c.phase])).toEqual([
      ['three', 'Starting in 3', 5000, 'count', 'ready'],
      ['two', 'Starting in 2', 6000, 'count', 'ready'],
      ['one', 'Starting in 1', 7000, 'count', 'ready'],
    ]);
    expect(at(a!.cues, 'rep')[0]!.at - ready.at).toBe(PACE.getReadySeconds * 1000);
    expect(at(a!.cues, 'done')[0]).toMatchObject({ say: 'Well done: one is finished.', text: 'Well done: one is finished.', phase: 'done' });
  });

  it('an exercise without a position says its name', () => {
    const t = build({ reps: 1, holdSeconds: 1, sides: 'none' }, { position: undefined });
    expect(t.cues[0]).toMatchObject({ say: 'x.', text: 'Exercise 1 of 1: x' });
    expect(t.position).toBeUndefined();
    expect(Object.keys(t)).not.toContain('position');
    expect(Object.keys(t)).not.toContain('sideNames');
    expect(build({ reps: 1, holdSeconds: 1, sides: 'none' }).position).toBe('Lie on your back.');
  });

  it('brief: for everyone, or for the exercises the session chooses', () => {
    const dose = { reps: 1, holdSeconds: 1, sides: 'none' } as const;
    const p = [{ exercise: exercise('one', dose, teachable), dose }, { exercise: exercise('two', dose, teachable), dose }];
    const all = buildSession(p, { ...quick, brief: true });
    expect(all.map((t) => at(t.cues, 'teach').map((c) => c.say))).toEqual([['Lift your hips.', 'Keep them level.'], ['Lift your hips.', 'Keep them level.']]);
    expect(all.map((t) => t.taught)).toEqual(['brief', 'brief']);
    const asked: [string, number][] = [];
    const some = buildSession(p, { ...quick, brief: (id, index) => (asked.push([id, index]), id === 'two') });
    expect(asked).toEqual([['one', 0], ['two', 1]]);
    expect(some.map((t) => at(t.cues, 'teach').length)).toEqual([3, 2]);
    expect(some.map((t) => t.taught)).toEqual(['full', 'brief']);
    // Both versions stay on the timeline, for `?`.
    expect(some[1]!.teach.full).toHaveLength(3);
    expect(buildSession(p, { ...quick, brief: false }).map((t) => t.taught)).toEqual(['full', 'full']);
  });

  it('a long teaching takes as long as it takes to say', () => {
    const speechMs = (s: string) => s.length * 300;
    const t = buildExercise({ exercise: exercise('x', { reps: 1, holdSeconds: 1, sides: 'none' }, teachable), dose: { reps: 1, holdSeconds: 1, sides: 'none' } }, 0, 1, { speechMs });
    const last = at(t.cues, 'teach').at(-1)!;
    expect(at(t.cues, 'get-ready')[0]!.at).toBe(last.at + 'Lower slowly.'.length * 300 + PACE.gapMs);
  });

  it('the session ends with its own cue; what comes next is not part of an exercise (the pain check before it says it)', () => {
    const timelines = buildSession([planned('one', { reps: 1, holdSeconds: 1, sides: 'none' })]);
    const end = sessionDoneCue(sessionDurationMs(timelines));
    expect(end).toEqual({ kind: 'session-done', phase: 'done', at: timelines[0]!.durationMs, text: 'That is the session finished. Well done.', say: 'That is the session finished. Well done.', speech: 'sentence' });
    expect(sessionDurationMs([])).toBe(0);
    const [first] = buildSession([planned('one', { reps: 1, holdSeconds: 1, sides: 'none' }), planned('two', { reps: 1, holdSeconds: 1, sides: 'none' })]);
    expect(first!.cues.filter((c) => /two/.test(c.text) && c.kind !== 'rep')).toEqual([]);
    expect(at(first!.cues, 'done')[0]!.say).toBe('Well done: one is finished.');
  });

  it('cues are in time order and end before the exercise does', () => {
    const t = buildExercise(planned('x', { reps: 3, holdSeconds: 2, sides: 'each' }), 0, 1);
    const times = t.cues.map((c) => c.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
    expect(times.at(-1)!).toBeLessThan(t.durationMs);
  });
});

describe('every slot is as long as what is said in it', () => {
  it('a slow voice makes the slots longer, never a sentence shorter', () => {
    const slow = (s: string) => 100 * s.length;
    const fast = build({ reps: 3, holdSeconds: 2, sides: 'alternate' }, { moveWords: ['Lift your arm and your leg.'], releaseWords: ['Lower your arm and your leg slowly.'] }, { speechMs: () => 100 });
    const long = build({ reps: 3, holdSeconds: 2, sides: 'alternate' }, { moveWords: ['Lift your arm and your leg.'], releaseWords: ['Lower your arm and your leg slowly.'] }, { speechMs: slow });
    expect(long.durationMs).toBeGreaterThan(fast.durationMs);
    expect(overlaps(long, slow)).toEqual([]);
    expect(long.cues.map((c) => c.kind)).toEqual(fast.cues.map((c) => c.kind));
    // A sentence's slot is its speech and a short gap, when that is longer than the pace's.
    const rep = at(long.cues, 'rep')[0]!;
    expect(at(long.cues, 'hold')[0]!.at - rep.at).toBe(slow(rep.say!) + PACE.gapMs);
    const relax = at(long.cues, 'relax')[0]!;
    expect(at(long.cues, 'rep')[1]!.at - relax.at).toBe(slow(relax.say!) + PACE.gapMs);
    // A tempo rep too.
    const tempo = build({ reps: 2, holdSeconds: 0, sides: 'none' }, { moveWords: ['Push up onto your elbows.'] }, { speechMs: slow });
    const reps = at(tempo.cues, 'rep');
    expect(reps[1]!.at - reps[0]!.at).toBe(slow(reps[0]!.say!) + PACE.gapMs);
    expect(overlaps(tempo, slow)).toEqual([]);
  });

  it('each cue says how long its words take (whole milliseconds), and a silent cue has none', () => {
    const t = build({ reps: 1, holdSeconds: 2, sides: 'none' }, {}, { speechMs: (s) => s.length * 10.5 });
    for (const c of t.cues) expect(c.sayMs).toBe(c.say === undefined ? undefined : Math.ceil(c.say.length * 10.5));
    // A voice that reports nonsense cannot move a cue back.
    const odd = build({ reps: 1, holdSeconds: 2, sides: 'none' }, {}, { speechMs: () => -50 });
    expect(odd.cues.every((c) => c.sayMs === 0)).toBe(true);
  });

  it('each phrase is measured once (a voice may have to look its length up)', () => {
    const asked: string[] = [];
    build({ reps: 3, holdSeconds: 2, sides: 'each' }, {}, { speechMs: (s) => (asked.push(s), 300) });
    expect(asked.length).toBeGreaterThan(5);
    expect(new Set(asked).size).toBe(asked.length);
  });

  it('the first count waits for "hold for ..." to be said, and is said the moment the voice is free', () => {
    const speechMs = (s: string) => (s.startsWith('Hold for') ? 2000 : 300);
    const t = build({ reps: 1, holdSeconds: 2, sides: 'none' }, {}, { speechMs });
    const [hold] = at(t.cues, 'hold');
    const [first] = at(t.cues, 'count');
    expect(first!.at - hold!.at).toBe(2000 + PACE.gapMs);
    expect(first!.say).toBe('one');
  });

  it('after "halfway", a short pause before the next count is said', () => {
    // Said in 1.8 s: with the pause the voice is free only after the next second has begun.
    const counts = at(build({ reps: 1, holdSeconds: 10, sides: 'none' }, {}, { speechMs: (s) => (s.startsWith('Halfway') ? 1800 : 300) }).cues, 'count');
    expect(counts.slice(5, 9).map((c) => c.say)).toEqual(['Halfway. Keep breathing.', undefined, undefined, 'nine']);
    const counts2 = at(build({ reps: 1, holdSeconds: 10, sides: 'none' }, {}, { speechMs: (s) => (s.startsWith('Halfway') ? 1750 - PACE.gapMs : 300) }).cues, 'count');
    expect(counts2.slice(5, 9).map((c) => c.say)).toEqual(['Halfway. Keep breathing.', undefined, 'eight', 'nine']);
  });

  it('a count takes no pause after it: one nearly a second long leaves the next its beat', () => {
    const counts = at(build({ reps: 1, holdSeconds: 3, sides: 'none' }, {}, { speechMs: () => 999 }).cues, 'count');
    expect(counts.map((c) => c.say)).toEqual(['one', 'two', 'three']);
  });

  it('the end has its own time, at least', () => {
    const t = build({ reps: 1, holdSeconds: 1, sides: 'none' });
    expect(t.durationMs - at(t.cues, 'done')[0]!.at).toBe(PACE.doneSeconds * 1000);
    expect(t).toMatchObject({ id: 'x', name: 'x', index: 0, of: 1 });
    const slow = build({ reps: 1, holdSeconds: 1, sides: 'none' }, {}, { speechMs: () => 6000 });
    expect(slow.durationMs - at(slow.cues, 'done')[0]!.at).toBe(6000 + PACE.gapMs);
  });

  it('the estimate is the default', () => {
    const t = build({ reps: 2, holdSeconds: 1, sides: 'none' }, {}, {});
    for (const c of t.cues.filter((c) => c.say)) expect(c.sayMs).toBe(estimateSpeechMs(c.say!));
  });

  it('for every exercise and dose in the catalogue, no phrase overlaps the next, whatever the voice\'s pace', () => {
    const routines = read('routines.json').routines!;
    const plans = [
      ...catalogue.map((e) => ({ exercise: e, dose: e.dose })),
      ...routines.flatMap((r) =>
        r.exercises.filter((entry) => typeof entry !== 'string').map((entry) => {
          const e = catalogue.find((x) => x.id === entry.exercise)!;
          return { exercise: e, dose: applyOverride(e.dose, entry.dose) };
        }),
      ),
    ];
    // A voice: each phrase's length from a random base, a random pace per character, and noise per phrase.
    const voice = fc.record({ base: fc.integer({ min: 0, max: 1500 }), perChar: fc.double({ min: 0, max: 200, noNaN: true }), noise: fc.integer({ min: 0, max: 3000 }), seed: fc.integer() });
    fc.assert(
      fc.property(voice, ({ base, perChar, noise, seed }) => {
        // The noise is a hash of the phrase: the same phrase always takes as long.
        const speechMs = (s: string) => base + perChar * s.length + (Math.abs(hash(s) ^ seed) % (noise + 1));
        for (const p of plans) {
          for (const brief of [false, true]) {
            const t = buildExercise(p, 0, 1, { speechMs, brief });
            const problems = overlaps(t, speechMs);
            if (problems.length) throw new Error(problems.slice(0, 3).join('\n'));
            // Holds keep their seconds.
            const counts = t.cues.filter((c) => c.kind === 'count');
            for (let i = 1; i < counts.length; i++) {
              const [a, b] = [counts[i - 1]!, counts[i]!];
              if (a.rep === b.rep && a.side === b.side && b.at - a.at !== 1000) throw new Error(`${t.id}: "${b.text}" ${b.at - a.at} ms after "${a.text}"`);
            }
          }
        }
      }),
      // Fewer under mutation testing (test/engine/vitest.timeline.config.ts), where every run is instrumented.
      { numRuns: Number(process.env.BACKEX_PROPERTY_RUNS) || 40 },
    );
    // And with the estimate itself.
    for (const p of plans) expect(overlaps(buildExercise(p, 0, 1), estimateSpeechMs)).toEqual([]);
  });

  it('with the estimated pace, every second of every hold in the catalogue is counted aloud, but for "halfway"', () => {
    for (const e of catalogue) {
      const t = buildExercise({ exercise: e, dose: e.dose }, 0, 1);
      const silent = t.cues.filter((c) => (c.kind === 'count' || c.kind === 'countdown') && c.say === undefined);
      const afterHalfway = silent.filter((c) => t.cues.some((h) => h.say?.startsWith('Halfway') && h.rep === c.rep && h.side === c.side && h.at < c.at));
      expect(silent, e.id).toEqual(afterHalfway);
    }
  });
});

describe('timeline totals equal the estimates that list shows', () => {
  it.each(catalogue.map((e) => [e.id, e] as const))('%s', (_id, e) => {
    const t = buildExercise({ exercise: e, dose: e.dose }, 0, 1);
    expect(t.durationMs).toBe(exerciseSeconds(e.dose, e) * 1000);
    // What follows does not change an exercise's length.
    expect(buildSession([{ exercise: e, dose: e.dose }, { exercise: catalogue[0]!, dose: catalogue[0]!.dose }])[0]!.durationMs).toBe(t.durationMs);
  });

  it('whole routines too', () => {
    for (const routine of read('routines.json').routines!) {
      const plan = routine.exercises.map((entry) => {
        const id = typeof entry === 'string' ? entry : entry.exercise;
        const e = catalogue.find((x) => x.id === id)!;
        return { exercise: e, dose: applyOverride(e.dose, typeof entry === 'string' ? undefined : entry.dose) };
      });
      const estimate = plan.reduce((sum, p) => sum + exerciseSeconds(p.dose, p.exercise), 0);
      expect(sessionDurationMs(buildSession(plan)) / 1000).toBeCloseTo(estimate, 9);
    }
  });
});
