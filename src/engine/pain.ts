// The pain rules, from the page's first rule ("you should never feel pain or
// discomfort; if you do, stop and seek professional help") and its advice
// "when in doubt, skip it". Pure: the session asks, these decide.
import { SEE_A_PROFESSIONAL } from '../catalogue/safety.js';

export const PAIN_QUESTION = 'How is your back pain right now, from 0 (none) to 10 (worst)?';
export const PAIN_QUESTION_END = 'And how is your back pain now, from 0 (none) to 10 (worst)?';

/** Said when the user presses p during an exercise: the page says never to feel pain during one. */
export const PAIN_KEY_MESSAGE = 'You pressed p: it hurts. This exercise has stopped, and is noted as skipped for pain. You should never feel pain during these exercises. If the pain stays, end the session with q, and seek professional help.';

/** Pain at or above this ends the session at once. */
export const PAIN_STOP_AT = 7;
/** This many exercises skipped for pain in a row end the session. */
export const PAIN_SKIPS_TO_STOP = 2;

export interface PainState {
  /** The first answer of the session. */
  baseline: number | null;
  /** The last answer, kept when the user presses Enter alone. */
  last: number | null;
  /** Exercises skipped for pain in a row. */
  skipsInARow: number;
}

export const initialPainState: PainState = { baseline: null, last: null, skipsInARow: 0 };

export type PainVerdict =
  /** Go ahead with the exercise. */
  | { action: 'go' }
  /** Above the baseline: the user chooses; skipping is the default. */
  | { action: 'choose'; message: string }
  /** End the session now. */
  | { action: 'stop'; message: string };

/** What the rules say about an answer, and the state after it. */
export function judgePain(state: PainState, rating: number): { verdict: PainVerdict; state: PainState } {
  const next: PainState = { ...state, baseline: state.baseline ?? rating, last: rating };
  if (rating >= PAIN_STOP_AT) {
    return { state: next, verdict: { action: 'stop', message: `Your pain is ${rating} out of 10. That is too much to exercise with, so the session ends here. ${SEE_A_PROFESSIONAL}` } };
  }
  if (state.baseline !== null && rating > state.baseline) {
    return {
      state: next,
      verdict: { action: 'choose', message: `Your pain is ${rating}, higher than the ${state.baseline} you started with. When in doubt, skip it: you can try this exercise again another day.` },
    };
  }
  return { state: next, verdict: { action: 'go' } };
}

/** After each exercise: count skips for pain in a row; two end the session. */
export function afterExercise(state: PainState, skippedForPain: boolean): { state: PainState; stop?: string } {
  const skipsInARow = skippedForPain ? state.skipsInARow + 1 : 0;
  const next = { ...state, skipsInARow };
  if (skipsInARow >= PAIN_SKIPS_TO_STOP) {
    return { state: next, stop: `That is ${skipsInARow} exercises in a row skipped because of pain, so the session ends here. ${SEE_A_PROFESSIONAL}` };
  }
  return { state: next };
}

/** Parses a typed answer: a whole number 0-10, or Enter alone for the last answer. */
export function parsePainAnswer(text: string, last: number | null): { ok: true; value: number } | { ok: false; hint: string } {
  const trimmed = text.trim();
  if (trimmed === '' && last !== null) return { ok: true, value: last };
  if (/^\d{1,2}$/.test(trimmed) && Number(trimmed) <= 10) return { ok: true, value: Number(trimmed) };
  return { ok: false, hint: last === null ? 'Type a whole number from 0 (no pain) to 10 (worst pain), then press Enter.' : `Type a whole number from 0 to 10, then Enter; or Enter alone to keep ${last}.` };
}
