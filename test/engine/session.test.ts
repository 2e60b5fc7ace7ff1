// The whole session flow with fake ports and a fake clock: pain checks, the
// pain rules' effects, `p` during an exercise, and what is recorded.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/engine/clock.js';
import { PAIN_KEY_MESSAGE } from '../../src/engine/pain.js';
import type { ExerciseRecord, SessionEnd } from '../../src/engine/record.js';
import type { ExerciseRunner } from '../../src/engine/runner.js';
import { runSession, type SessionControl, type SessionPorts } from '../../src/engine/session.js';
import { buildSession } from '../../src/engine/timeline.js';
import { planned } from './fixtures.js';

type Play = (runner: ExerciseRunner, clock: FakeClock) => void;

/** A session of `n` short exercises; `answers` are the pain ratings typed in turn (null: Enter alone), `plays` what the user does in each exercise (default: all of it). */
function setup(n: number, answers: (number | null)[], plays: Play[] = [], decisions: ('skip' | 'do-anyway' | 'end')[] = []) {
  const clock = new FakeClock();
  const timelines = buildSession(Array.from({ length: n }, (_, i) => planned(`ex-${i + 1}`, { reps: 2, holdSeconds: 2, sides: 'none' })));
  const asked: { question: string; offered: number | null; next?: string }[] = [];
  const announced: string[] = [];
  const exercises: ExerciseRecord[] = [];
  let end: SessionEnd | undefined;
  let played = 0;
  const ports: SessionPorts = {
    clock,
    scale: 1,
    voice: { leadMs: 0, say() {}, hush() {} },
    async askPain(question, last, next) {
      asked.push({ question, offered: last, ...(next && { next: next.id }) });
      // null in `answers` is Enter alone (keeps the last answer); running out of answers is Ctrl-C (null).
      if (answers.length === 0) return null;
      return answers.shift() ?? last;
    },
    async askDecision() {
      return decisions.shift() ?? 'skip';
    },
    async announce(message) {
      announced.push(message);
    },
    async play(runner) {
      const act = plays[played++];
      if (act) act(runner, clock);
      else clock.advance(runner.timeline.durationMs + 1);
    },
    onRunnerEvent() {},
    history: {
      start() {},
      exercise: (_id, record) => exercises.push(record),
      end: (e) => (end = e),
    },
    trace() {},
    now: () => new Date(Date.UTC(2026, 10, 25, 8, 0, 0) + clock.now()),
  };
  const control: SessionControl = { endRequested: null, runner: null };
  return { run: () => runSession(timelines, 'test', ports, control), asked, announced, exercises, end: () => end, control };
}

/** In an exercise, after `afterMs`, the user presses p ("it hurts"). */
const pressP = (afterMs: number): Play => (runner, clock) => {
  clock.advance(afterMs);
  runner.painStop();
};

describe('runSession', () => {
  it('a finished session asks before every exercise and once at the end, and records pain at both ends', async () => {
    const s = setup(2, [3, 3, 2]);
    const result = await s.run();
    expect(s.asked.map((a) => a.next ?? 'end')).toEqual(['ex-1', 'ex-2', 'end']);
    expect(result).toMatchObject({ status: 'finished', painStart: 3, painEnd: 2 });
    expect(s.exercises.map((e) => e.status)).toEqual(['done', 'done']);
    expect(s.end()).toMatchObject({ status: 'finished', painEnd: 2 });
  });

  it('Enter alone keeps the last answer: the last answer is offered as the default', async () => {
    const s = setup(2, [4, null, null]);
    await s.run();
    expect(s.asked.map((a) => a.offered)).toEqual([null, 4, 4]);
    expect(s.exercises.map((e) => e.painBefore)).toEqual([4, 4]);
  });

  it('p during an exercise: stopped at once, recorded as skipped for pain, explained, and the next check wants a fresh answer', async () => {
    const s = setup(3, [3, 3, 3, 3], [pressP(9_000)]);
    const result = await s.run();
    expect(s.exercises[0]).toMatchObject({ status: 'skipped-pain', painBefore: 3 });
    expect(s.exercises[0]!.repsDone).toBeLessThan(2);
    expect(s.announced).toEqual([PAIN_KEY_MESSAGE]);
    // No default after p: the answer from before the pain is out of date.
    expect(s.asked.map((a) => a.offered)).toEqual([null, null, 3, 3]);
    expect(result.status).toBe('finished');
  });

  it('p twice in a row ends the session with the advice to see a professional, said once', async () => {
    const s = setup(3, [3, 3], [pressP(9_000), pressP(9_000)]);
    const result = await s.run();
    expect(result.status).toBe('pain-stop');
    expect(s.exercises.map((e) => e.status)).toEqual(['skipped-pain', 'skipped-pain']);
    expect(s.announced).toHaveLength(2);
    expect(s.announced[0]).toBe(PAIN_KEY_MESSAGE);
    expect(s.announced[1]).toMatch(/2 exercises in a row.*physician or physiotherapist/);
    // The pain after the last p was never asked: no end rating is made up.
    expect(result.painEnd).toBeNull();
  });

  it('pain of 7 or more ends the session there, and that answer is the pain at the end', async () => {
    const s = setup(3, [2, 8]);
    const result = await s.run();
    expect(result).toMatchObject({ status: 'pain-stop', painStart: 2, painEnd: 8 });
    expect(s.exercises.map((e) => e.status)).toEqual(['done', 'skipped-pain']);
    expect(s.announced[0]).toMatch(/8 out of 10.*physician or physiotherapist/);
  });

  it('above the baseline, the choice is asked; skip is recorded as skipped for pain', async () => {
    const s = setup(2, [2, 4, 2], [], ['skip']);
    const result = await s.run();
    expect(s.exercises.map((e) => [e.status, e.decision])).toEqual([['done', undefined], ['skipped-pain', 'skip']]);
    expect(result.status).toBe('finished');
  });

  it('quitting mid-session records the exercise as stopped and does not invent a pain at the end', async () => {
    const s = setup(3, [2], [(runner, clock) => {
      clock.advance(5_000);
      s.control.endRequested = 'quit';
      runner.end();
    }]);
    const result = await s.run();
    expect(s.exercises.map((e) => e.status)).toEqual(['stopped']);
    expect(result).toMatchObject({ status: 'quit', painStart: 2, painEnd: null });
    expect(s.end()).toMatchObject({ status: 'quit', painEnd: null });
  });
});
