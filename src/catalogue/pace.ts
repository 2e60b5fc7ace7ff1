// backex's own pace around the page's holds and reps: the shortest time each
// part of an exercise is given. The timeline (src/engine/timeline.ts) makes a
// part longer when what is said in it takes longer to say, so these are
// floors, not fixed lengths. Kept apart from dose.ts so that the timeline and
// the estimates in dose.ts share them without importing each other.
import type { Dose, Reps } from './schema.js';

/** Seconds, at the least, for each part of an exercise (the page gives holds and reps; the pacing between them is ours). */
export const PACE = {
  /** Name, starting position and how to do it: time to get into position. */
  introSeconds: 8,
  /** "Get ready, keep breathing", then 3, 2, 1 (the countdown is the last three seconds). */
  getReadySeconds: 8,
  /** A rep's number and its movement, before the hold: time to move. */
  announceSeconds: 3,
  /** "Hold for five", before its first second is counted. */
  holdSeconds: 1,
  /** Rest after each hold unless the dose says otherwise. */
  restSeconds: 3,
  /** Seconds per rep for exercises with no hold unless the dose says otherwise. */
  tempoSeconds: 4,
  /** Turning round between the two sides of an "each" exercise. */
  switchSeconds: 5,
  /** "Well done". */
  doneSeconds: 4,
  /** Silence after each sentence, so that two never run together (milliseconds). */
  gapMs: 250,
} as const;

export interface RepBounds {
  min: number;
  max: number;
}

export function repBounds(reps: Reps): RepBounds {
  return typeof reps === 'number' ? { min: reps, max: reps } : { min: reps.min, max: reps.max };
}

export function sideCount(dose: Dose): 1 | 2 {
  return dose.sides === 'none' ? 1 : 2;
}

export function sideNamesOf(dose: Dose): [string, string] {
  return dose.sideNames ?? ['first side', 'second side'];
}

/**
 * Whether rep k's announcement names the side: every rep when sides alternate;
 * the first rep of each side when all reps are done on one side, then the other
 * (the switch names the new side too).
 */
export function repNamesSide(dose: Dose, rep: number): boolean {
  return dose.sides === 'alternate' || (dose.sides === 'each' && rep === 1);
}
