// Plays one exercise's timeline against time, as pure functions of a Run state
// and the time now: the session's controller holds the Run, and its driver only
// wakes it at `wakeAt(run)`. Every cue's real time is computed from one anchor
// (the real time of the timeline's start), never by chaining delays, so there
// is no drift; a wake-up that comes late delivers everything now due at once
// (caught up), one that comes early delivers nothing before its time.
// Speech is handed over `leadMs` before its cue, so it sounds on the beat.
import type { Cue, ExerciseTimeline } from './timeline.js';

export type EndReason = 'done' | 'skipped' | 'pain' | 'ended';

export interface ExerciseOutcome {
  reason: EndReason;
  /** Reps completed on the side that did fewest (all of a side's reps count on "each"). */
  repsDone: number;
  /** Sides on which at least the minimum reps were completed. */
  sidesDone: number;
  restarts: number;
}

export type RunEvent =
  /** A cue is now current: show it. `due` is when it was meant to be (real ms). */
  | { type: 'cue'; cue: Cue; due: number }
  /** Hand this cue's speech to the voice now (due early by leadMs). */
  | { type: 'say'; cue: Cue; due: number };

interface Scheduled {
  /** Timeline position (unscaled ms) at which this is due. */
  pos: number;
  kind: 'cue' | 'say' | 'end';
  cue?: Cue;
}

export interface Run {
  readonly timeline: ExerciseTimeline;
  /** BACKEX_TIME_SCALE: 2 plays twice as fast. */
  readonly scale: number;
  /** Real milliseconds the voice needs before sound starts. */
  readonly leadMs: number;
  /** Real time of timeline position 0. */
  readonly anchor: number;
  /** What is still to come, in order. */
  readonly queue: readonly Scheduled[];
  /** Timeline position where it was paused, or null while playing. */
  readonly pausedAt: number | null;
  readonly repsDone: readonly [number, number];
  readonly restarts: number;
  /** After Enter ends a range, no later cue may count more reps than were done. */
  readonly repCap: number;
  /** The cue on screen now. */
  readonly current?: Cue;
  /** Set once the exercise is over. */
  readonly ended?: EndReason;
}

export function startRun(timeline: ExerciseTimeline, options: { scale?: number; leadMs?: number }, now: number): Run {
  const run: Run = { timeline, scale: options.scale ?? 1, leadMs: options.leadMs ?? 0, anchor: now, queue: [], pausedAt: null, repsDone: [0, 0], restarts: 0, repCap: Infinity };
  return jump(run, 0, now);
}

/** Where the timeline is at `now`, in unscaled ms. */
export function positionOf(run: Run, now: number): number {
  if (run.pausedAt !== null) return run.pausedAt;
  return Math.max(0, Math.min(run.timeline.durationMs, (now - run.anchor) * run.scale));
}

const dueOf = (run: Run, item: Scheduled) => run.anchor + item.pos / run.scale;

/** When the next thing is due (real ms), or null when nothing is (paused, or over). */
export function wakeAt(run: Run): number | null {
  if (run.ended || run.pausedAt !== null || run.queue.length === 0) return null;
  return dueOf(run, run.queue[0]!);
}

/** True while the extra reps of a range are being counted (Enter may end it). */
export const rangeOpen = (run: Run): boolean => Boolean(run.current?.open);

/** Delivers everything due by `now`, nothing before it. */
export function advanceRun(run: Run, now: number): { run: Run; events: RunEvent[] } {
  const events: RunEvent[] = [];
  if (run.ended || run.pausedAt !== null) return { run, events };
  let next = run;
  let i = 0;
  while (i < run.queue.length && dueOf(run, run.queue[i]!) <= now) {
    const item = run.queue[i++]!;
    const due = dueOf(run, item);
    if (item.kind === 'end') {
      next = { ...next, queue: run.queue.slice(i), ended: 'done' };
      return { run: next, events };
    }
    if (item.kind === 'say') {
      events.push({ type: 'say', cue: item.cue!, due });
      continue;
    }
    const cue = item.cue!;
    if (cue.completes) next = markDone(next, cue.completes.rep, cue.completes.side);
    next = { ...next, current: cue };
    events.push({ type: 'cue', cue, due });
  }
  return { run: { ...next, queue: run.queue.slice(i) }, events };
}

export function pauseRun(run: Run, now: number): Run {
  if (run.ended || run.pausedAt !== null) return run;
  return { ...run, pausedAt: positionOf(run, now) };
}

/** Where a resume carries on from: a hold or movement that was interrupted starts again from its rep. */
export function resumePosition(run: Run): number {
  const position = run.pausedAt ?? 0;
  if (run.current && (run.current.phase === 'hold' || run.current.phase === 'move')) {
    const repStart = [...run.timeline.cues].reverse().find((c) => c.repStart && c.at <= position);
    if (repStart) return repStart.at;
  }
  return position;
}

export function resumeRun(run: Run, now: number): Run {
  if (run.ended || run.pausedAt === null) return run;
  return jump({ ...run, pausedAt: null }, resumePosition(run), now);
}

/** Back to "get ready", counting from the first rep again. */
export function restartRun(run: Run, now: number): Run {
  if (run.ended) return run;
  const getReady = run.timeline.cues.find((c) => c.kind === 'get-ready')?.at ?? 0;
  return jump({ ...run, restarts: run.restarts + 1, repsDone: [0, 0], repCap: Infinity, pausedAt: null }, getReady, now);
}

/** Enter during the open part of a range: go to the end of the exercise. Null when it does not apply. */
export function endRange(run: Run, now: number): Run | null {
  if (run.ended || run.pausedAt !== null || !rangeOpen(run)) return null;
  const done = run.timeline.cues.find((c) => c.kind === 'done');
  if (!done) return null;
  let next = run;
  // The rep under way counts as done: the user has had enough, not given up.
  if (run.current?.rep !== undefined) {
    next = markDone(next, run.current.rep, run.current.side ?? 0);
    next = { ...next, repCap: run.current.rep };
  }
  return jump(next, done.at, now);
}

/** Ends it now: skipped (s), for pain (p), or because the session is ending (q, Ctrl-C, a signal). */
export function endRun(run: Run, reason: Exclude<EndReason, 'done'>): Run {
  if (run.ended) return run;
  return { ...run, ended: reason, queue: [] };
}

export function outcomeOf(run: Run): ExerciseOutcome {
  const done = run.repsDone.slice(0, run.timeline.sides);
  return {
    reason: run.ended ?? 'ended',
    repsDone: Math.min(...done),
    sidesDone: done.filter((r) => r >= run.timeline.repsMin).length,
    restarts: run.restarts,
  };
}

function markDone(run: Run, rep: number, side: 0 | 1): Run {
  const repsDone: [number, number] = [...run.repsDone] as [number, number];
  repsDone[side] = Math.max(repsDone[side], Math.min(rep, run.repCap));
  return { ...run, repsDone };
}

function jump(run: Run, position: number, now: number): Run {
  const lead = run.leadMs * run.scale;
  const queue: Scheduled[] = [];
  for (const cue of run.timeline.cues) {
    if (cue.at < position) continue;
    queue.push({ pos: cue.at, kind: 'cue', cue });
    if (cue.say) queue.push({ pos: Math.max(position, cue.at - lead), kind: 'say', cue });
  }
  queue.push({ pos: run.timeline.durationMs, kind: 'end' });
  // Speech first at equal times: it is the part that takes time to start.
  const order = { say: 0, cue: 1, end: 2 } as const;
  queue.sort((a, b) => a.pos - b.pos || order[a.kind] - order[b.kind]);
  return { ...run, anchor: now - position / run.scale, queue };
}
