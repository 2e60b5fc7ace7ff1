// What a dose means in time and in words. The time is the length of the
// session's timeline (src/engine/timeline.ts), worked out without building it
// (src/engine/duration.ts, tested equal), so `list` and `show` say exactly what
// a session will take with the estimated pace of speech.
import { exerciseDurationMs } from '../engine/duration.js';
import { PACE, repBounds, sideNamesOf } from './pace.js';
import type { Dose, DoseOverride, Exercise } from './schema.js';

export { PACE, repBounds, repNamesSide, sideCount, sideNamesOf, type RepBounds } from './pace.js';

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
 * Seconds the exercise takes in a session with this dose, at the top of a range
 * of reps: the length of its timeline, as `list` and `show` print it. The timeline
 * fits its slots to what is said, so the exercise's words count, not only the dose;
 * this uses the estimated pace of speech (the voice in use may be quicker).
 */
export function exerciseSeconds(dose: Dose, exercise: Exercise): number;
/** @deprecated Pass the exercise: without it nothing is taught and no movement said, so this is shorter than the session. */
export function exerciseSeconds(dose: Dose): number;
export function exerciseSeconds(dose: Dose, exercise: Exercise = WORDLESS): number {
  // `list` asks for each exercise more than once (its table, its card, its group's total).
  const known = seconds.get(exercise) ?? seconds.set(exercise, new WeakMap()).get(exercise)!;
  let s = known.get(dose);
  if (s === undefined) known.set(dose, (s = exerciseDurationMs(exercise, dose) / 1000));
  return s;
}

const seconds = new WeakMap<Exercise, WeakMap<Dose, number>>();
const WORDLESS: Exercise = { id: 'exercise', name: 'Exercise', category: 'core', steps: [], dose: { reps: 1, holdSeconds: 0, sides: 'none' } };

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
