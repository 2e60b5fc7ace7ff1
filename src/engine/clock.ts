// Time for the runner, injectable so tests never sleep. The real clock is
// monotonic (performance.now()): wall-clock changes never move a hold.
export interface Clock {
  now(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => performance.now(),
  setTimer: (callback, delayMs) => setTimeout(callback, Math.max(0, delayMs)),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A clock for tests: time moves only when told, and timers fire in order. */
export class FakeClock implements Clock {
  private time = 0;
  private timers: { id: number; due: number; delay: number; callback: () => void }[] = [];
  private nextId = 1;

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, delayMs: number): unknown {
    const id = this.nextId++;
    this.timers.push({ id, due: this.time + Math.max(0, delayMs), delay: Math.max(0, delayMs), callback });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /**
   * Moves time forward, firing each timer at its due time, or `lateBy` ms after it
   * (a busy machine), or with a negative `lateBy`, that much before it, as
   * setTimeout may: only timers set for longer than that fire early, so a timer
   * re-armed for the few ms left then fires on time.
   */
  advance(ms: number, lateBy = 0): void {
    const end = this.time + ms;
    const fireAt = (t: { due: number; delay: number }) => (lateBy < 0 && t.delay <= -lateBy ? t.due : t.due + lateBy);
    for (;;) {
      this.timers.sort((a, b) => fireAt(a) - fireAt(b) || a.id - b.id);
      const next = this.timers[0];
      if (!next || fireAt(next) > end) break;
      this.timers.shift();
      this.time = Math.max(this.time, fireAt(next));
      next.callback();
    }
    this.time = end;
  }

  /** Jumps time without firing anything, as when the process was stopped. */
  stall(ms: number): void {
    this.time += ms;
  }

  get pending(): number {
    return this.timers.length;
  }
}
