import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/engine/clock.js';
import { ExerciseRunner, type RunnerEvent } from '../../src/engine/runner.js';
import { buildExercise } from '../../src/engine/timeline.js';
import { planned } from './fixtures.js';

function setup(dose = { reps: 2, holdSeconds: 3, sides: 'none' as const }, options: { scale?: number; leadMs?: number } = {}) {
  const clock = new FakeClock();
  const timeline = buildExercise(planned('brace', dose), 0, 1);
  const events: RunnerEvent[] = [];
  const runner = new ExerciseRunner(timeline, { clock, emit: (e) => events.push(e), ...options });
  const cues = () => events.filter((e): e is Extract<RunnerEvent, { type: 'cue' }> => e.type === 'cue');
  return { clock, timeline, runner, events, cues };
}

describe('ExerciseRunner', () => {
  it('plays every cue at its time and finishes done', async () => {
    const { clock, timeline, runner, cues } = setup();
    runner.start();
    clock.advance(timeline.durationMs + 1);
    const outcome = await runner.outcome;
    expect(outcome).toEqual({ reason: 'done', repsDone: 2, sidesDone: 1, restarts: 0 });
    expect(cues().map((e) => e.cue)).toEqual(timeline.cues);
    for (const e of cues()) {
      expect(e.due).toBe(e.cue.at);
      expect(e.t).toBe(e.due);
    }
  });

  it('has no drift: late timers are caught up, and the schedule stays anchored to the start', async () => {
    const { clock, timeline, runner, cues } = setup();
    runner.start();
    // Every timer fires 40 ms late; if delays were chained, lateness would add up.
    clock.advance(timeline.durationMs + 1000, 40);
    await runner.outcome;
    const lateness = cues().map((e) => e.t - e.due);
    expect(Math.max(...lateness)).toBeLessThanOrEqual(40);
    expect(cues().map((e) => e.due)).toEqual(timeline.cues.map((c) => c.at));
  });

  it('after a stall, delivers every missed cue at once and carries on on schedule', () => {
    const { clock, timeline, runner, cues } = setup();
    runner.start();
    clock.advance(9_000);
    const before = cues().length;
    clock.stall(6_000); // the process was stopped for 6 s
    clock.advance(1);
    const caughtUp = cues().slice(before);
    expect(caughtUp.length).toBeGreaterThan(1);
    // All delivered in the one timer callback, each late by the stall, none dropped.
    expect(new Set(caughtUp.map((e) => e.t)).size).toBe(1);
    expect(caughtUp.every((e) => e.t >= e.due)).toBe(true);
    expect(caughtUp[0]!.t - caughtUp[0]!.due).toBeGreaterThan(1000);
    expect(caughtUp.map((e) => e.cue)).toEqual(timeline.cues.filter((c) => c.at > 9_000 && c.at <= 15_000));
    clock.advance(3_000);
    const next = cues().at(-1)!;
    expect(next.t).toBe(next.due);
    expect(next.due).toBe(next.cue.at);
    expect(timeline.durationMs).toBeGreaterThan(18_000);
  });

  it('never delivers a cue early, even when a timer fires early', () => {
    const { timeline, runner, cues } = setup();
    const clock = (runner as unknown as { clock: FakeClock }).clock;
    runner.start();
    // Fire the pending timer 1 ms before its time, as setTimeout may.
    clock.advance(timeline.cues[1]!.at - 1);
    expect(cues().map((e) => e.cue.kind)).toEqual(['intro']);
    clock.advance(1);
    expect(cues().map((e) => e.cue.kind)).toEqual(['intro', 'get-ready']);
  });

  it('hands speech over early by the engine lead time', () => {
    const { clock, runner, events, timeline } = setup(undefined, { leadMs: 30 });
    runner.start();
    clock.advance(timeline.durationMs);
    const says = events.filter((e) => e.type === 'say');
    const counts = says.filter((e) => e.type === 'say' && e.cue.kind === 'count');
    expect(counts.length).toBeGreaterThan(0);
    for (const e of counts) if (e.type === 'say') expect(e.due).toBe(e.cue.at - 30);
  });

  it('pause stops the clock; resume mid-hold goes back to the start of that rep', async () => {
    const { clock, timeline, runner, cues } = setup();
    runner.start();
    const secondCount = timeline.cues.find((c) => c.kind === 'count' && c.count === 2)!;
    clock.advance(secondCount.at);
    runner.pause();
    expect(runner.paused).toBe(true);
    const shown = cues().length;
    clock.advance(60_000);
    expect(cues().length).toBe(shown);
    runner.resume();
    clock.advance(1);
    const last = cues().at(-1)!;
    expect(last.cue.kind).toBe('rep');
    expect(last.cue.rep).toBe(1);
    clock.advance(timeline.durationMs);
    expect((await runner.outcome).reason).toBe('done');
  });

  it('resume in a rest carries on from where it paused', () => {
    const { clock, timeline, runner, events } = setup();
    runner.start();
    const relax = timeline.cues.find((c) => c.kind === 'relax')!;
    clock.advance(relax.at + 1000);
    runner.pause();
    clock.advance(5000);
    runner.resume();
    const resume = events.find((e) => e.type === 'resume');
    expect(resume && resume.type === 'resume' && resume.position).toBe(relax.at + 1000);
  });

  it('skip ends the exercise as skipped with the reps done so far', async () => {
    const { clock, timeline, runner } = setup();
    runner.start();
    clock.advance(timeline.cues.find((c) => c.kind === 'relax')!.at + 10);
    runner.skip();
    expect(await runner.outcome).toEqual({ reason: 'skipped', repsDone: 1, sidesDone: 0, restarts: 0 });
    expect(clock.pending).toBe(0);
  });

  it('restart goes back to get ready and counts reps from zero', async () => {
    const { clock, timeline, runner, cues } = setup();
    runner.start();
    clock.advance(timeline.cues.find((c) => c.kind === 'relax')!.at + 10);
    runner.restart();
    clock.advance(1);
    expect(cues().at(-1)!.cue.kind).toBe('get-ready');
    runner.painStop();
    expect(await runner.outcome).toEqual({ reason: 'pain', repsDone: 0, sidesDone: 0, restarts: 1 });
  });

  it('Enter ends an open range after the minimum, and not before', async () => {
    const { clock, timeline, runner } = setup({ reps: { min: 2, max: 5 }, holdSeconds: 0, sides: 'none' } as never);
    runner.start();
    const rep2 = timeline.cues.find((c) => c.kind === 'rep' && c.rep === 2)!;
    clock.advance(rep2.at);
    expect(runner.endRange()).toBe(false);
    const rep3 = timeline.cues.find((c) => c.kind === 'rep' && c.rep === 3)!;
    clock.advance(rep3.at - rep2.at);
    expect(runner.endRange()).toBe(true);
    clock.advance(timeline.durationMs);
    expect(await runner.outcome).toEqual({ reason: 'done', repsDone: 3, sidesDone: 1, restarts: 0 });
  });

  it('a time scale plays everything faster', async () => {
    const { clock, timeline, runner } = setup(undefined, { scale: 10 });
    runner.start();
    clock.advance(timeline.durationMs / 10 + 1);
    expect((await runner.outcome).reason).toBe('done');
  });

  it('counts sides: each needs both sides for a full record', async () => {
    const { clock, timeline, runner } = setup({ reps: 2, holdSeconds: 1, sides: 'each', sideNames: ['left', 'right'] } as never);
    runner.start();
    clock.advance(timeline.cues.find((c) => c.kind === 'switch')!.at + 1);
    runner.skip();
    expect(await runner.outcome).toMatchObject({ repsDone: 0, sidesDone: 1 });
  });
});
