// The runner as pure functions: a Run and the time in, the cues due out. Timers
// firing late or early are tested through the session loop (test/session/).
import { describe, expect, it } from 'vitest';
import { advanceRun, endRange, endRun, outcomeOf, pauseRun, positionOf, restartRun, resumePosition, resumeRun, startRun, wakeAt, type Run, type RunEvent } from '../../src/engine/runner.js';
import { buildExercise } from '../../src/engine/timeline.js';
import { planned } from './fixtures.js';

function setup(dose = { reps: 2, holdSeconds: 3, sides: 'none' as const }, options: { scale?: number; leadMs?: number } = {}) {
  const timeline = buildExercise(planned('brace', dose), 0, 1);
  let run = startRun(timeline, options, 0);
  const events: RunEvent[] = [];
  /** Advances to `now`, waking at every due time on the way, as the loop does. */
  const to = (now: number) => {
    for (let at = wakeAt(run); at !== null && at <= now; at = wakeAt(run)) {
      const step = advanceRun(run, at);
      run = step.run;
      events.push(...step.events);
    }
    const step = advanceRun(run, now);
    run = step.run;
    events.push(...step.events);
  };
  const cues = () => events.filter((e): e is Extract<RunEvent, { type: 'cue' }> => e.type === 'cue');
  return { timeline, get run() { return run; }, set run(r: Run) { run = r; }, events, cues, to };
}

describe('runner', () => {
  it('plays every cue at its time and finishes done', () => {
    const s = setup();
    s.to(s.timeline.durationMs + 1);
    expect(s.run.ended).toBe('done');
    expect(outcomeOf(s.run)).toEqual({ reason: 'done', repsDone: 2, sidesDone: 1, restarts: 0 });
    expect(s.cues().map((e) => e.cue)).toEqual(s.timeline.cues);
    for (const e of s.cues()) expect(e.due).toBe(e.cue.at);
    expect(wakeAt(s.run)).toBeNull();
  });

  it('a late wake-up delivers every cue then due at once, each with its own due time (no drift)', () => {
    const s = setup();
    // From the first count, woken 6 s late.
    const from = s.timeline.cues.find((c) => c.kind === 'count')!.at;
    const late = from + 6_000;
    s.to(from);
    const before = s.cues().length;
    const step = advanceRun(s.run, late);
    const caughtUp = step.events.filter((e) => e.type === 'cue');
    expect(caughtUp.length).toBeGreaterThan(1);
    expect(caughtUp.map((e) => e.cue)).toEqual(s.timeline.cues.filter((c) => c.at > from && c.at <= late));
    expect(caughtUp.map((e) => e.due)).toEqual(caughtUp.map((e) => e.cue.at));
    expect(before).toBeGreaterThan(0);
    // The schedule stays anchored to the start.
    expect(wakeAt(step.run)).toBe(s.timeline.cues.find((c) => c.at > late)!.at);
  });

  it('an early wake-up delivers nothing before its time', () => {
    const s = setup();
    const next = s.timeline.cues[1]!;
    const early = advanceRun(s.run, next.at - 1);
    expect(early.events.filter((e) => e.type === 'cue').map((e) => e.cue.kind)).toEqual(['intro']);
    expect(wakeAt(early.run)).toBe(next.at);
    const onTime = advanceRun(early.run, next.at);
    expect(onTime.events.map((e) => e.cue.kind)).toContain('get-ready');
  });

  it('hands speech over early by the voice lead time, counts as counts', () => {
    const s = setup(undefined, { leadMs: 30 });
    s.to(s.timeline.durationMs);
    const counts = s.events.filter((e) => e.type === 'say' && e.cue.kind === 'count');
    expect(counts.length).toBeGreaterThan(0);
    for (const e of counts) {
      expect(e.due).toBe(e.cue.at - 30);
      expect(e.cue.speech).toBe('count');
    }
  });

  it('pause stops the clock; resume mid-hold goes back to the start of that rep', () => {
    const s = setup();
    const secondCount = s.timeline.cues.find((c) => c.kind === 'count' && c.count === 2)!;
    s.to(secondCount.at);
    s.run = pauseRun(s.run, secondCount.at);
    expect(wakeAt(s.run)).toBeNull();
    expect(positionOf(s.run, secondCount.at + 60_000)).toBe(secondCount.at);
    const shown = s.cues().length;
    expect(advanceRun(s.run, secondCount.at + 60_000).events).toEqual([]);
    expect(s.cues().length).toBe(shown);
    const repStart = s.timeline.cues.filter((c) => c.repStart && c.at <= secondCount.at).at(-1)!;
    expect(resumePosition(s.run)).toBe(repStart.at);
    s.run = resumeRun(s.run, 100_000);
    const step = advanceRun(s.run, 100_000);
    expect(step.events.filter((e) => e.type === 'cue').at(-1)!.cue).toBe(repStart);
  });

  it('resume in a rest carries on from where it paused', () => {
    const s = setup();
    const relax = s.timeline.cues.find((c) => c.kind === 'relax')!;
    s.to(relax.at + 1000);
    s.run = pauseRun(s.run, relax.at + 1000);
    expect(resumePosition(s.run)).toBe(relax.at + 1000);
    s.run = resumeRun(s.run, 50_000);
    expect(positionOf(s.run, 50_000)).toBe(relax.at + 1000);
  });

  it('skip ends the exercise as skipped with the reps done so far', () => {
    const s = setup();
    s.to(s.timeline.cues.find((c) => c.kind === 'relax')!.at + 10);
    s.run = endRun(s.run, 'skipped');
    expect(outcomeOf(s.run)).toEqual({ reason: 'skipped', repsDone: 1, sidesDone: 0, restarts: 0 });
    expect(wakeAt(s.run)).toBeNull();
  });

  it('restart goes back to get ready and counts reps from zero', () => {
    const s = setup();
    const at = s.timeline.cues.find((c) => c.kind === 'relax')!.at + 10;
    s.to(at);
    s.run = restartRun(s.run, at);
    const step = advanceRun(s.run, at);
    expect(step.events.filter((e) => e.type === 'cue').at(-1)!.cue.kind).toBe('get-ready');
    expect(outcomeOf(endRun(step.run, 'pain'))).toEqual({ reason: 'pain', repsDone: 0, sidesDone: 0, restarts: 1 });
  });

  it('Enter ends an open range after the minimum, and not before', () => {
    const s = setup({ reps: { min: 2, max: 5 }, holdSeconds: 0, sides: 'none' } as never);
    const rep2 = s.timeline.cues.find((c) => c.kind === 'rep' && c.rep === 2)!;
    s.to(rep2.at);
    expect(endRange(s.run, rep2.at)).toBeNull();
    const rep3 = s.timeline.cues.find((c) => c.kind === 'rep' && c.rep === 3)!;
    s.to(rep3.at);
    const ended = endRange(s.run, rep3.at);
    expect(ended).not.toBeNull();
    s.run = ended!;
    s.to(rep3.at + s.timeline.durationMs);
    expect(outcomeOf(s.run)).toEqual({ reason: 'done', repsDone: 3, sidesDone: 1, restarts: 0 });
  });

  it('a time scale plays everything faster', () => {
    const s = setup(undefined, { scale: 10 });
    s.to(s.timeline.durationMs / 10 - 100);
    expect(s.run.ended).toBeUndefined();
    s.to(s.timeline.durationMs / 10 + 1);
    expect(s.run.ended).toBe('done');
  });

  it('counts sides: each needs both sides for a full record', () => {
    const s = setup({ reps: 2, holdSeconds: 1, sides: 'each', sideNames: ['left', 'right'] } as never);
    s.to(s.timeline.cues.find((c) => c.kind === 'switch')!.at + 1);
    expect(outcomeOf(endRun(s.run, 'skipped'))).toMatchObject({ repsDone: 0, sidesDone: 1 });
  });
});
