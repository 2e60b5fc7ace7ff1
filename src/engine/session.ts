// One session from first pain check to summary: asks, applies the pain rules,
// plays each exercise with the runner and records what happened. Everything it
// touches (prompts, keys, screen, voice, history, trace) is a port, so the whole
// flow runs in tests with fakes and a fake clock.
import { SEE_A_PROFESSIONAL } from '../catalogue/safety.js';
import type { Clock } from './clock.js';
import { afterExercise, initialPainState, judgePain, PAIN_KEY_MESSAGE, PAIN_QUESTION, PAIN_QUESTION_END, type PainState } from './pain.js';
import { briefOf, type ExerciseRecord, type PainDecision, type SessionEnd, type SessionStart, type SessionStatus } from './record.js';
import { ExerciseRunner, type ExerciseOutcome, type RunnerEvent } from './runner.js';
import { sessionDoneCue, type ExerciseTimeline } from './timeline.js';

export interface SessionPorts {
  clock: Clock;
  scale: number;
  /** Speech: handed over early by leadMs; never blocks. */
  voice: { leadMs: number; say(text: string, options: { due: number; kind: 'count' | 'sentence' }): void; hush(): void };
  /** Asks pain 0-10 (typed; Enter alone keeps `last`) before `next`, or at the end. Resolves null if the user ended the session at the prompt. */
  askPain(question: string, last: number | null, next?: ExerciseTimeline): Promise<number | null>;
  /** Pain above the baseline: skip (default), do it anyway, or end. */
  askDecision(message: string): Promise<PainDecision | null>;
  /** Shows (and the caller speaks) a message between exercises; resolves when it has been read out. */
  announce(message: string, kind: 'info' | 'warning'): Promise<void>;
  /** Plays an exercise on screen with the keys live; the runner is already started. */
  play(runner: ExerciseRunner): Promise<void>;
  onRunnerEvent(event: RunnerEvent, runner: ExerciseRunner): void;
  history: { start(s: SessionStart): void; exercise(sessionId: string, r: ExerciseRecord): void; end(e: SessionEnd): void };
  trace(event: string, fields?: Record<string, unknown>): void;
  now(): Date;
}

export interface SessionResult {
  sessionId: string;
  startedAt: string; // ISO 8601
  status: SessionStatus;
  records: ExerciseRecord[];
  painStart: number | null;
  painEnd: number | null;
  durationMs: number;
  /** Why a pain rule ended it, to repeat in the summary. */
  stopMessage?: string;
}

/** Set by the command when the user ends the session (q, Ctrl-C, a signal). */
export interface SessionControl {
  endRequested: SessionStatus | null;
  runner: ExerciseRunner | null;
}

export async function runSession(timelines: ExerciseTimeline[], routine: string, ports: SessionPorts, control: SessionControl): Promise<SessionResult> {
  const startedAt = ports.now();
  const startTime = ports.clock.now();
  const sessionId = `${startedAt.toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${Math.random().toString(36).slice(2, 8)}`;
  ports.history.start({
    sessionId,
    startedAt: startedAt.toISOString(),
    routine,
    planned: timelines.map((t) => ({ id: t.id, name: t.name, dose: t.dose })),
  });

  let pain: PainState = initialPainState;
  const records: ExerciseRecord[] = [];
  let status: SessionStatus | null = null;
  let stopMessage: string | undefined;
  /** Pain at the end: only an answer given as the session ended, never an older one carried over. */
  let painEnd: number | null = null;
  /** After `p` the last answer is out of date, so the next check takes no default. */
  let lastIsStale = false;

  const record = (timeline: ExerciseTimeline, fields: Partial<ExerciseRecord> & Pick<ExerciseRecord, 'status'>, began: Date) => {
    const entry: ExerciseRecord = {
      id: timeline.id,
      name: timeline.name,
      dose: timeline.dose,
      painBefore: null,
      repsPlanned: timeline.repsMax,
      repsMinimum: timeline.repsMin,
      repsDone: 0,
      sidesPlanned: timeline.sides,
      sidesDone: 0,
      restarts: 0,
      startedAt: began.toISOString(),
      endedAt: ports.now().toISOString(),
      ...fields,
    };
    records.push(entry);
    ports.history.exercise(sessionId, entry);
    ports.trace('exercise-end', { id: timeline.id, status: entry.status });
  };

  for (const timeline of timelines) {
    const began = ports.now();
    ports.trace('exercise-start', { id: timeline.id });
    const rating = await ports.askPain(PAIN_QUESTION, lastIsStale ? null : pain.last, timeline);
    lastIsStale = false;
    if (rating === null || control.endRequested) {
      status = control.endRequested ?? 'quit';
      record(timeline, { status: 'stopped', painBefore: rating }, began);
      break;
    }
    const judged = judgePain(pain, rating);
    pain = judged.state;
    const verdict = judged.verdict;
    if (verdict.action === 'stop') {
      record(timeline, { status: 'skipped-pain', painBefore: rating }, began);
      status = 'pain-stop';
      stopMessage = verdict.message;
      painEnd = rating;
      await ports.announce(verdict.message, 'warning');
      break;
    }
    let decision: PainDecision | undefined;
    let exerciseStatus: ExerciseRecord['status'];
    if (verdict.action === 'choose') {
      decision = (await ports.askDecision(verdict.message)) ?? 'end';
      if (control.endRequested) decision = 'end';
    }
    if (decision === 'skip' || decision === 'end') {
      exerciseStatus = decision === 'skip' ? 'skipped-pain' : 'stopped';
      record(timeline, { status: exerciseStatus, painBefore: rating, decision }, began);
      if (decision === 'end') {
        status = control.endRequested ?? 'pain-stop';
        painEnd = rating;
        // Ended for pain by the user's own choice: the same advice as when a rule ends it.
        if (!control.endRequested) {
          stopMessage = SEE_A_PROFESSIONAL;
          await ports.announce(SEE_A_PROFESSIONAL, 'warning');
        }
        break;
      }
    } else {
      const runner = new ExerciseRunner(timeline, {
        clock: ports.clock,
        scale: ports.scale,
        leadMs: ports.voice.leadMs,
        emit: (event) => ports.onRunnerEvent(event, runner),
      });
      control.runner = runner;
      runner.start();
      await ports.play(runner);
      const outcome: ExerciseOutcome = await runner.outcome;
      control.runner = null;
      exerciseStatus = outcome.reason === 'done' ? 'done' : outcome.reason === 'pain' ? 'skipped-pain' : outcome.reason === 'skipped' ? 'skipped' : 'stopped';
      record(timeline, {
        status: exerciseStatus,
        painBefore: rating,
        ...(decision && { decision }),
        repsDone: outcome.repsDone,
        sidesDone: outcome.sidesDone,
        restarts: outcome.restarts,
      }, began);
      if (outcome.reason === 'ended' || control.endRequested) {
        status = control.endRequested ?? 'quit';
        break;
      }
      if (outcome.reason === 'pain') {
        lastIsStale = true;
        // Said now, unless two skips in a row end the session just below (its message says it all).
        if (!afterExercise(pain, true).stop) await ports.announce(PAIN_KEY_MESSAGE, 'warning');
      }
    }
    // Two exercises in a row skipped for pain (by rating or by `p`) end the session.
    const after = afterExercise(pain, exerciseStatus === 'skipped-pain');
    pain = after.state;
    if (after.stop) {
      status = 'pain-stop';
      stopMessage = after.stop;
      if (!lastIsStale) painEnd = rating;
      await ports.announce(after.stop, 'warning');
      break;
    }
  }

  if (status === null) {
    status = 'finished';
    // One more rating, so the history shows how the back felt after the session.
    painEnd = await ports.askPain(PAIN_QUESTION_END, lastIsStale ? null : pain.last);
    if (!control.endRequested) {
      const closing = sessionDoneCue(0);
      ports.trace('cue', { text: closing.text });
      ports.voice.say(closing.say!, { due: ports.clock.now(), kind: 'sentence' });
    }
  }
  const durationMs = Math.round(ports.clock.now() - startTime);
  ports.history.end({
    sessionId,
    endedAt: ports.now().toISOString(),
    status,
    painEnd,
    durationMs,
    summary: { startedAt: startedAt.toISOString(), routine, planned: timelines.length, exercises: records.map(briefOf) },
  });
  ports.trace('session-end', { status });
  return { sessionId, startedAt: startedAt.toISOString(), status, records, painStart: pain.baseline, painEnd, durationMs, ...(stopMessage && { stopMessage }) };
}
