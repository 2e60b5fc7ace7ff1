// Plays one exercise's timeline against a clock. Every cue's real time is
// computed from one anchor (the real time of the timeline's start), never by
// chaining delays, so there is no drift; when the process was late, every cue
// now due is delivered at once (caught up) and the schedule stays where it was.
// Speech is handed over `leadMs` before its cue, so it sounds on the beat.
import type { Clock } from './clock.js';
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

export type RunnerEvent =
  | { type: 'cue'; cue: Cue; due: number; t: number }
  | { type: 'say'; cue: Cue; due: number; t: number }
  | { type: 'pause'; t: number; position: number }
  | { type: 'resume'; t: number; position: number }
  | { type: 'restart'; t: number }
  | { type: 'end'; t: number; reason: EndReason };

export interface RunnerOptions {
  clock: Clock;
  /** BACKEX_TIME_SCALE: 2 plays twice as fast. */
  scale?: number;
  /** Real milliseconds the speech engine needs before sound starts. */
  leadMs?: number;
  emit: (event: RunnerEvent) => void;
}

interface Scheduled {
  /** Timeline position (unscaled ms) at which this is due. */
  pos: number;
  kind: 'cue' | 'say' | 'end';
  cue?: Cue;
}

export class ExerciseRunner {
  private readonly clock: Clock;
  private readonly scale: number;
  private readonly leadMs: number;
  private readonly emit: (event: RunnerEvent) => void;
  private anchor = 0;
  private queue: Scheduled[] = [];
  private timer: unknown;
  private pausedAt: number | null = null;
  private finished = false;
  private repsDone: [number, number] = [0, 0];
  private restarts = 0;
  /** After Enter ends a range, no later cue may count more reps than were done. */
  private repCap = Infinity;
  private resolve!: (outcome: ExerciseOutcome) => void;
  /** The cue on screen now. */
  current: Cue | undefined;
  readonly outcome: Promise<ExerciseOutcome>;

  constructor(readonly timeline: ExerciseTimeline, options: RunnerOptions) {
    this.clock = options.clock;
    this.scale = options.scale ?? 1;
    this.leadMs = options.leadMs ?? 0;
    this.emit = options.emit;
    this.outcome = new Promise((resolve) => (this.resolve = resolve));
  }

  start(): void {
    this.jump(0);
  }

  get paused(): boolean {
    return this.pausedAt !== null;
  }

  get done(): boolean {
    return this.finished;
  }

  /** Where the timeline is now, in unscaled ms. */
  position(): number {
    if (this.pausedAt !== null) return this.pausedAt;
    return Math.min(this.timeline.durationMs, (this.clock.now() - this.anchor) * this.scale);
  }

  /** True while the extra reps of a range are being counted (Enter may end it). */
  get rangeOpen(): boolean {
    return Boolean(this.current?.open);
  }

  pause(): void {
    if (this.finished || this.pausedAt !== null) return;
    this.pausedAt = this.position();
    this.clock.clearTimer(this.timer);
    this.emit({ type: 'pause', t: this.clock.now(), position: this.pausedAt });
  }

  /** Carries on; a hold that was interrupted starts again from its rep. */
  resume(): void {
    if (this.finished || this.pausedAt === null) return;
    let position = this.pausedAt;
    if (this.current && (this.current.phase === 'hold' || this.current.phase === 'move')) {
      const repStart = [...this.timeline.cues].reverse().find((c) => c.repStart && c.at <= position);
      if (repStart) position = repStart.at;
    }
    this.pausedAt = null;
    this.emit({ type: 'resume', t: this.clock.now(), position });
    this.jump(position);
  }

  /** Back to "get ready", counting from the first rep again. */
  restart(): void {
    if (this.finished) return;
    this.restarts++;
    this.repsDone = [0, 0];
    this.repCap = Infinity;
    this.pausedAt = null;
    this.emit({ type: 'restart', t: this.clock.now() });
    this.jump(this.timeline.cues.find((c) => c.kind === 'get-ready')?.at ?? 0);
  }

  /** Enter during the open part of a range: go to the end of the exercise. Returns whether it applied. */
  endRange(): boolean {
    if (this.finished || this.pausedAt !== null || !this.rangeOpen) return false;
    const done = this.timeline.cues.find((c) => c.kind === 'done');
    if (!done) return false;
    // The rep under way counts as done: the user has had enough, not given up.
    if (this.current?.rep !== undefined) {
      this.markDone(this.current.rep, this.current.side ?? 0);
      this.repCap = this.current.rep;
    }
    this.jump(done.at);
    return true;
  }

  skip(): void {
    this.finish('skipped');
  }

  painStop(): void {
    this.finish('pain');
  }

  /** The session is ending (q, Ctrl-C, a signal). */
  end(): void {
    this.finish('ended');
  }

  private jump(position: number): void {
    this.clock.clearTimer(this.timer);
    this.anchor = this.clock.now() - position / this.scale;
    const lead = this.leadMs * this.scale;
    const queue: Scheduled[] = [];
    for (const cue of this.timeline.cues) {
      if (cue.at < position) continue;
      queue.push({ pos: cue.at, kind: 'cue', cue });
      if (cue.say) queue.push({ pos: Math.max(position, cue.at - lead), kind: 'say', cue });
    }
    queue.push({ pos: this.timeline.durationMs, kind: 'end' });
    // Speech first at equal times: it is the part that takes time to start.
    const order = { say: 0, cue: 1, end: 2 } as const;
    this.queue = queue.sort((a, b) => a.pos - b.pos || order[a.kind] - order[b.kind]);
    this.arm();
  }

  private dueOf(item: Scheduled): number {
    return this.anchor + item.pos / this.scale;
  }

  private arm(): void {
    const next = this.queue[0];
    if (!next || this.finished) return;
    this.timer = this.clock.setTimer(this.fire, this.dueOf(next) - this.clock.now());
  }

  private readonly fire = (): void => {
    const now = this.clock.now();
    // Timers may fire a little early or late: deliver everything due by now, nothing before.
    while (!this.finished && this.pausedAt === null && this.queue[0] && this.dueOf(this.queue[0]) <= now) {
      const item = this.queue.shift()!;
      const due = this.dueOf(item);
      if (item.kind === 'end') {
        this.finish('done');
      } else if (item.kind === 'say') {
        this.emit({ type: 'say', cue: item.cue!, due, t: now });
      } else {
        const cue = item.cue!;
        if (cue.completes) this.markDone(cue.completes.rep, cue.completes.side);
        this.current = cue;
        this.emit({ type: 'cue', cue, due, t: now });
      }
    }
    if (!this.finished && this.pausedAt === null) this.arm();
  };

  private markDone(rep: number, side: 0 | 1): void {
    this.repsDone[side] = Math.max(this.repsDone[side], Math.min(rep, this.repCap));
  }

  private finish(reason: EndReason): void {
    if (this.finished) return;
    this.finished = true;
    this.clock.clearTimer(this.timer);
    const sides = this.timeline.sides;
    const done = this.repsDone.slice(0, sides);
    const outcome: ExerciseOutcome = {
      reason,
      repsDone: Math.min(...done),
      sidesDone: done.filter((r) => r >= this.timeline.repsMin).length,
      restarts: this.restarts,
    };
    this.emit({ type: 'end', t: this.clock.now(), reason });
    this.resolve(outcome);
  }
}
