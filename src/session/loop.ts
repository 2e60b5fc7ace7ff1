// The controller's event loop, apart from any terminal: events in, one at a
// time (an event raised while effects are performed waits its turn), effects
// out to the driver, and the one timer the controller asks for (`wake`) kept
// on an injectable clock. The driver uses it with the real clock; tests with
// the fake one, which can fire late or early.
import type { Clock } from '../engine/clock.js';
import { update, type Effect, type SessionEvent, type SessionState } from './controller.js';

export class SessionLoop {
  private queue: SessionEvent[] = [];
  private busy = false;
  private timer: unknown;

  constructor(
    private readonly clock: Clock,
    public state: SessionState,
    /** Performs every effect but `wake`, which the loop keeps itself. */
    private readonly perform: (effect: Effect) => void,
    /** After each batch of events (the driver redraws, and takes or gives back the keys). */
    private readonly settled: () => void = () => {},
  ) {}

  dispatch(event: SessionEvent): void {
    this.queue.push(event);
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length > 0) {
        const next = update(this.state, this.queue.shift()!);
        this.state = next.state;
        for (const effect of next.effects) {
          if (effect.type === 'wake') this.wake(effect.at);
          else this.perform(effect);
        }
      }
    } finally {
      this.busy = false;
    }
    this.settled();
  }

  /** Stops the timer (the session is over). */
  stop(): void {
    this.clock.clearTimer(this.timer);
  }

  private wake(at: number | null): void {
    this.clock.clearTimer(this.timer);
    this.timer = undefined;
    // A timer may fire early or late: the controller delivers only what is due at the time it is told.
    if (at !== null) this.timer = this.clock.setTimer(() => this.dispatch({ type: 'tick', now: this.clock.now() }), at - this.clock.now());
  }
}
