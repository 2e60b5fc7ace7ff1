// What a dose means in time and in words. The session's timeline
// (src/engine/timeline.ts) is built from the same pacing constants, and a test
// checks that its length equals the estimate shown by `list` and `show`.
import type { Dose, DoseOverride, Reps } from './schema.js';

/** Seconds given to each part of an exercise (the page gives holds and reps; the pacing between them is ours). */
export const PACE = {
  /** Exercise name and starting position, said aloud, time to get into position. */
  introSeconds: 8,
  /** "Get ready, keep breathing" (festival takes about 4.2 s to say it), then 3, 2, 1. */
  getReadySeconds: 8,
  /** "Rep 3 of 10." before a hold; one more second when a side is named with it
   * (festival takes about 3 s to say "Rep 3 of 10, left arm and right leg."). */
  announceSeconds: 3,
  announceSideSeconds: 4,
  /** Rest after each hold unless the dose says otherwise. */
  restSeconds: 3,
  /** Seconds per rep for exercises with no hold unless the dose says otherwise. */
  tempoSeconds: 4,
  /** Turning round between the two sides of an "each" exercise. */
  switchSeconds: 5,
  /** "Well done", and what comes next. */
  doneSeconds: 4,
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

/** A routine's override laid over an exercise's own dose. */
export function applyOverride(dose: Dose, override: DoseOverride | undefined): Dose {
  if (!override) return dose;
  const merged: Dose = { ...dose };
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/**
 * Whether rep k's announcement names the side: every rep when sides alternate;
 * the first rep of each side when all reps are done on one side, then the other
 * (the switch names the new side too).
 */
export function repNamesSide(dose: Dose, rep: number): boolean {
  return dose.sides === 'alternate' || (dose.sides === 'each' && rep === 1);
}

/** Seconds rep k of one side takes, rest included. */
export function repSeconds(dose: Dose, rep: number): number {
  if (dose.holdSeconds === 0) return dose.tempoSeconds ?? PACE.tempoSeconds;
  const announce = repNamesSide(dose, rep) ? PACE.announceSideSeconds : PACE.announceSeconds;
  return announce + dose.holdSeconds + (dose.restSeconds ?? PACE.restSeconds);
}

/** Whole exercise, at the top of a range of reps: what the session's timeline will last. */
export function exerciseSeconds(dose: Dose): number {
  const { max } = repBounds(dose.reps);
  let side = 0;
  for (let rep = 1; rep <= max; rep++) side += repSeconds(dose, rep);
  const body = side * sideCount(dose) + (dose.sides === 'each' ? PACE.switchSeconds : 0);
  return PACE.introSeconds + PACE.getReadySeconds + body + PACE.doneSeconds;
}

/** "5 x 15 s hold, each side", "10-15 reps", "10 x 5 s hold, each side, alternating". */
export function doseInWords(dose: Dose): string {
  const { min, max } = repBounds(dose.reps);
  const count = min === max ? `${min}` : `${min}-${max}`;
  const main = dose.holdSeconds > 0 ? `${count} x ${dose.holdSeconds} s hold` : `${count} ${max === 1 ? 'rep' : 'reps'}`;
  if (dose.sides === 'each') return `${main}, each side`;
  if (dose.sides === 'alternate') return `${main}, each side, alternating`;
  return main;
}

/**
 * A longer description: "Hold 15 seconds, 5 times with the left knee, then 5 with the right knee."
 * The page gives no pace for reps without a hold, so the tempo is said to be backex's.
 */
export function doseInSentences(dose: Dose): string {
  const { min, max } = repBounds(dose.reps);
  const times = min === max ? (max === 1 ? 'once' : `${max} times`) : `${min} to ${max} times (stop between ${min} and ${max} when you have had enough)`;
  const [first, second] = sideNamesOf(dose);
  const what = dose.holdSeconds > 0 ? `Hold ${dose.holdSeconds} ${dose.holdSeconds === 1 ? 'second' : 'seconds'}, ${times}` : max === 1 ? 'Do it once' : `Repeat ${times}`;
  const tempo = dose.tempoSeconds ?? PACE.tempoSeconds;
  const pace = dose.holdSeconds > 0 ? '' : ` backex counts them at about one every ${tempo === 1 ? 'second' : `${tempo} seconds`}.`;
  if (dose.sides === 'each') return `${what} with the ${first}, then ${max} with the ${second}.${pace}`;
  if (dose.sides === 'alternate') return `${what} on each side, switching sides every time: ${first}, then ${second}.${pace}`;
  return `${what}.${pace}`;
}

/** "3 min 54 s", "45 s", "1 h 2 min". */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h} h ${m} min`;
  return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
}
