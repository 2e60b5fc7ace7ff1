import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverride, exerciseSeconds, PACE } from '../../src/catalogue/dose.js';
import type { DataFile } from '../../src/catalogue/schema.js';
import { buildExercise, buildSession, sessionDoneCue, sessionDurationMs, type Cue } from '../../src/engine/timeline.js';
import { planned } from './fixtures.js';

const spoken = (cues: Cue[]) => cues.filter((c) => c.say).map((c) => c.say);
const at = (cues: Cue[], kind: Cue['kind']) => cues.filter((c) => c.kind === kind);

describe('timeline for each sides mode', () => {
  it('none: every rep announced, each hold second counted, relax after', () => {
    const t = buildExercise(planned('brace', { reps: 2, holdSeconds: 3, sides: 'none' }), 0, 1);
    const counts = at(t.cues, 'count').map((c) => [c.rep, c.count]);
    expect(counts).toEqual([[1, 1], [1, 2], [1, 3], [2, 1], [2, 2], [2, 3]]);
    expect(at(t.cues, 'relax').map((c) => c.completes)).toEqual([{ rep: 1, side: 0 }, { rep: 2, side: 0 }]);
    expect(at(t.cues, 'rep').map((c) => c.say)).toEqual(['Rep one of two.', 'Last one. Rep two of two.']);
    // Counts are one second apart, after the announcement.
    const first = at(t.cues, 'count')[0]!;
    const rep1 = at(t.cues, 'rep')[0]!;
    expect(first.at - rep1.at).toBe(PACE.announceSeconds * 1000);
    expect(at(t.cues, 'count')[1]!.at - first.at).toBe(1000);
    expect(t.sides).toBe(1);
  });

  it('each: all reps on the first side, a switch, then the second side', () => {
    const t = buildExercise(planned('knee', { reps: 2, holdSeconds: 1, sides: 'each', sideNames: ['left knee', 'right knee'] }), 0, 1);
    const reps = at(t.cues, 'rep').map((c) => [c.side, c.rep]);
    expect(reps).toEqual([[0, 1], [0, 2], [1, 1], [1, 2]]);
    const sw = at(t.cues, 'switch');
    expect(sw).toHaveLength(1);
    expect(sw[0]!.say).toContain('right knee');
    expect(sw[0]!.at).toBeGreaterThan(at(t.cues, 'rep')[1]!.at);
    expect(sw[0]!.at).toBeLessThan(at(t.cues, 'rep')[2]!.at);
    // The side is named with the first rep of each side (and at the switch), not every rep.
    expect(at(t.cues, 'rep').map((c) => c.say)).toEqual(['Rep one of two, left knee.', 'Last one. Rep two of two.', 'Rep one of two, right knee.', 'Last one. Rep two of two.']);
    // Naming the side takes a second more.
    const repCues = at(t.cues, 'rep');
    expect(repCues[1]!.at - repCues[0]!.at).toBe((PACE.announceSideSeconds + 1 + PACE.restSeconds) * 1000);
    expect(repCues[3]!.at - repCues[2]!.at).toBe((PACE.announceSideSeconds + 1 + PACE.restSeconds) * 1000);
  });

  it('alternate: sides switch every rep, and reps are per side', () => {
    const t = buildExercise(planned('bird', { reps: 2, holdSeconds: 1, sides: 'alternate', sideNames: ['left arm and right leg', 'right arm and left leg'] }), 0, 1);
    const reps = at(t.cues, 'rep').map((c) => [c.rep, c.side]);
    expect(reps).toEqual([[1, 0], [1, 1], [2, 0], [2, 1]]);
    expect(at(t.cues, 'switch')).toHaveLength(0);
    expect(at(t.cues, 'rep')[1]!.text).toContain('right arm and left leg');
    // Every rep says its number and side; the rest before the last round (two reps) says it is the last.
    expect(at(t.cues, 'rep').map((c) => c.say)).toEqual(['Rep one of two, left arm and right leg.', 'Rep one of two, right arm and left leg.', 'Rep two of two, left arm and right leg.', 'Rep two of two, right arm and left leg.']);
    expect(at(t.cues, 'relax').map((c) => c.say)).toEqual(['Relax.', 'Relax. Last round next.', 'Relax.', 'Relax.']);
    // Shown as said.
    expect(at(t.cues, 'relax').map((c) => c.text)).toEqual(at(t.cues, 'relax').map((c) => c.say));
    expect(at(t.cues, 'rep')[2]!.text).toBe('Last round. Rep 2 of 2: left arm and right leg.');
  });

  it('no hold: reps counted at the tempo', () => {
    const t = buildExercise(planned('crunch', { reps: 3, holdSeconds: 0, sides: 'none', tempoSeconds: 4 }), 0, 1);
    const reps = at(t.cues, 'rep');
    expect(reps.map((c) => c.count)).toEqual([1, 2, 3]);
    expect(reps[1]!.at - reps[0]!.at).toBe(4000);
    expect(at(t.cues, 'count')).toHaveLength(0);
    expect(reps.map((c) => c.say)).toEqual(['Rep one of three.', 'Rep two of three.', 'Last one. Rep three of three.']);
    // The next rep (or the end) completes the one before.
    expect(reps[1]!.completes).toEqual({ rep: 1, side: 0 });
    expect(at(t.cues, 'done')[0]!.completes).toEqual({ rep: 3, side: 0 });
  });

  it('a range counts to the minimum, then opens the rest for Enter', () => {
    const t = buildExercise(planned('press', { reps: { min: 2, max: 4 }, holdSeconds: 0, sides: 'none', tempoSeconds: 5 }), 0, 1);
    const reps = at(t.cues, 'rep');
    expect(reps.map((c) => Boolean(c.open))).toEqual([false, false, true, true]);
    // "of two to four" until the minimum, so "two of two" never sounds like the end.
    expect(reps.map((c) => c.say)).toEqual(['Rep one of two to four.', 'Rep two of two to four.', 'Rep three. Carry on up to four if it feels good, or press Enter to finish.', 'Last one. Rep four.']);
    expect(t.repsMin).toBe(2);
    expect(t.repsMax).toBe(4);
  });

  it('an exercise\'s own words for the end of a hold replace "Relax.", per side', () => {
    const p = planned('bridge', { reps: 2, holdSeconds: 1, sides: 'alternate', sideNames: ['first foot', 'opposite foot'] });
    p.exercise.releaseWords = ['Foot down, and keep your hips up.', 'Foot down, and lower your hips slowly to the floor.'];
    const t = buildExercise(p, 0, 1);
    expect(at(t.cues, 'relax').map((c) => c.say)).toEqual([
      'Foot down, and keep your hips up.',
      'Foot down, and lower your hips slowly to the floor. Last round next.',
      'Foot down, and keep your hips up.',
      'Foot down, and lower your hips slowly to the floor.',
    ]);
  });

  it('a routine dose override changes the timeline', () => {
    const base = { reps: 15, holdSeconds: 2, sides: 'alternate' as const, sideNames: ['left foot', 'right foot'] as [string, string] };
    const dose = applyOverride(base, { reps: 10, holdSeconds: 3 });
    const t = buildExercise({ ...planned('bridge', base), dose }, 0, 1);
    expect(at(t.cues, 'rep')).toHaveLength(20);
    expect(Math.max(...at(t.cues, 'count').map((c) => c.count!))).toBe(3);
  });

  it('starts with the name and position, reminds to breathe, counts down, ends with what is next', () => {
    const [a] = buildSession([planned('one', { reps: 1, holdSeconds: 1, sides: 'none' }), planned('two', { reps: 1, holdSeconds: 1, sides: 'none' })]);
    expect(a!.cues[0]!.say).toBe('one. Lie on your back.');
    expect(spoken(a!.cues).join(' ')).toMatch(/Keep breathing/);
    expect(at(a!.cues, 'countdown').map((c) => c.say)).toEqual(['three', 'two', 'one']);
    expect(at(a!.cues, 'done')[0]!.say).toContain('Next up: two');
  });

  it('the session ends with its own cue, after the last exercise', () => {
    const timelines = buildSession([planned('one', { reps: 1, holdSeconds: 1, sides: 'none' })]);
    const end = sessionDoneCue(sessionDurationMs(timelines));
    expect(end).toMatchObject({ kind: 'session-done', at: timelines[0]!.durationMs, say: 'That is the session finished. Well done.' });
  });

  it('cues are in time order and end before the exercise does', () => {
    const t = buildExercise(planned('x', { reps: 3, holdSeconds: 2, sides: 'each' }), 0, 1);
    const times = t.cues.map((c) => c.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times.at(-1)!).toBeLessThan(t.durationMs);
  });
});

describe('timeline totals equal the estimates that list shows', () => {
  const read = (name: string) => JSON.parse(readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8')) as DataFile;
  const exercises = read('exercises.json').exercises!;

  it.each(exercises.map((e) => [e.id, e] as const))('%s', (_id, e) => {
    const t = buildExercise({ exercise: e, dose: e.dose }, 0, 1);
    expect(t.durationMs).toBe(exerciseSeconds(e.dose) * 1000);
  });

  it('whole routines too', () => {
    for (const routine of read('routines.json').routines!) {
      const plan = routine.exercises.map((entry) => {
        const id = typeof entry === 'string' ? entry : entry.exercise;
        const e = exercises.find((x) => x.id === id)!;
        return { exercise: e, dose: applyOverride(e.dose, typeof entry === 'string' ? undefined : entry.dose) };
      });
      const estimate = plan.reduce((sum, p) => sum + exerciseSeconds(p.dose), 0);
      expect(sessionDurationMs(buildSession(plan))).toBe(estimate * 1000);
    }
  });
});
