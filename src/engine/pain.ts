// The pain rules, from the page's first rule ("you should never feel pain or
// discomfort; if you do, stop and seek professional help") and its advice
// "when in doubt, skip it". Pure: the session asks, these decide.
import { SEE_A_PROFESSIONAL } from '../catalogue/safety.js';

export const PAIN_QUESTION = 'How is your back pain right now, from 0 (none) to 10 (worst)?';
export const PAIN_QUESTION_END = 'And how is your back pain now, from 0 (none) to 10 (worst)?';

/** Said when the user presses p during an exercise: the page says never to feel pain during one. */
export const PAIN_KEY_MESSAGE = 'You pressed p: it hurts. This exercise has stopped, and is noted as skipped for pain. You should never feel pain during these exercises. If the pain stays, end the session with q, and seek professional help.';

/** Shown and said when the pain at the end is higher than at the start: the page says never to feel pain during these exercises. */
export const PAIN_ROSE_MESSAGE = 'Your back pain is higher now than at the start. You should never feel pain during these exercises: if the pain stays, seek professional help.';

/**
 * The rules a session applies, as data: a programme file may set them for one
 * person (routine.painRules); without one, these defaults are backex's own.
 */
export interface PainRules {
  /** A pain answer at or above this ends the session at once. */
  stopAt: number;
  /** A rise of at least this over the session's first answer offers to skip the exercise. */
  skipAboveStartBy: number;
  /** This many exercises skipped for pain in a row end the session. */
  painSkipsToEnd: number;
  /**
   * The pain-monitoring model: pain up to this level is acceptable during the
   * exercises (provided it is back to the usual by the next morning), so a
   * rise that stays at or below it does not offer a skip.
   */
  acceptableDuring?: number;
}

/** Today's behaviour, unchanged: 7 or more stops, any rise offers a skip, two pain skips in a row stop. */
export const DEFAULT_PAIN_RULES: PainRules = Object.freeze({ stopAt: 7, skipAboveStartBy: 1, painSkipsToEnd: 2 });

/** Pain at or above this ends the session at once (the default rules'). */
export const PAIN_STOP_AT = DEFAULT_PAIN_RULES.stopAt;
/** This many exercises skipped for pain in a row end the session (the default rules'). */
export const PAIN_SKIPS_TO_STOP = DEFAULT_PAIN_RULES.painSkipsToEnd;

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
export function judgePain(state: PainState, rating: number, rules: PainRules = DEFAULT_PAIN_RULES): { verdict: PainVerdict; state: PainState } {
  const next: PainState = { ...state, baseline: state.baseline ?? rating, last: rating };
  if (rating >= rules.stopAt) {
    return { state: next, verdict: { action: 'stop', message: `Your pain is ${rating} out of 10. That is too much to exercise with, so the session ends here. ${SEE_A_PROFESSIONAL}` } };
  }
  const risen = state.baseline !== null && rating - state.baseline >= rules.skipAboveStartBy;
  const acceptable = rules.acceptableDuring !== undefined && rating <= rules.acceptableDuring;
  if (risen && !acceptable) {
    return {
      state: next,
      verdict: { action: 'choose', message: `Your pain is ${rating}, higher than the ${state.baseline} you started with. When in doubt, skip it: you can try this exercise again another day.` },
    };
  }
  return { state: next, verdict: { action: 'go' } };
}

/** After each exercise: count skips for pain in a row; painSkipsToEnd of them end the session. */
export function afterExercise(state: PainState, skippedForPain: boolean, rules: PainRules = DEFAULT_PAIN_RULES): { state: PainState; stop?: string } {
  const skipsInARow = skippedForPain ? state.skipsInARow + 1 : 0;
  const next = { ...state, skipsInARow };
  if (skipsInARow >= rules.painSkipsToEnd) {
    const what = skipsInARow === 1 ? 'That exercise was skipped because of pain' : `That is ${skipsInARow} exercises in a row skipped because of pain`;
    return { state: next, stop: `${what}, so the session ends here. ${SEE_A_PROFESSIONAL}` };
  }
  return { state: next };
}

/** The rules a routine asks for: its own fields over the defaults (every field is optional in a file). */
export function rulesOf(routine: { painRules?: Partial<PainRules> | undefined } | undefined): PainRules {
  const own = routine?.painRules;
  if (!own) return DEFAULT_PAIN_RULES;
  const rules: PainRules = {
    stopAt: own.stopAt ?? DEFAULT_PAIN_RULES.stopAt,
    skipAboveStartBy: own.skipAboveStartBy ?? DEFAULT_PAIN_RULES.skipAboveStartBy,
    painSkipsToEnd: own.painSkipsToEnd ?? DEFAULT_PAIN_RULES.painSkipsToEnd,
  };
  if (own.acceptableDuring !== undefined) rules.acceptableDuring = own.acceptableDuring;
  return rules;
}

/**
 * The rules for a session of several routines (--core --stretch): each field at
 * its strictest, so combining routines never loosens any one of them; pain is
 * accepted during exercise only if every routine accepts it (at the lowest level).
 */
export function rulesOfAll(routines: { painRules?: Partial<PainRules> | undefined }[]): PainRules {
  if (routines.length === 1) return rulesOf(routines[0]);
  const all = routines.length > 0 ? routines.map(rulesOf) : [DEFAULT_PAIN_RULES];
  const rules: PainRules = {
    stopAt: Math.min(...all.map((r) => r.stopAt)),
    skipAboveStartBy: Math.min(...all.map((r) => r.skipAboveStartBy)),
    painSkipsToEnd: Math.min(...all.map((r) => r.painSkipsToEnd)),
  };
  if (all.every((r) => r.acceptableDuring !== undefined)) rules.acceptableDuring = Math.min(...all.map((r) => r.acceptableDuring!));
  if (rules.acceptableDuring !== undefined && rules.acceptableDuring >= rules.stopAt) rules.acceptableDuring = rules.stopAt - 1;
  return rules;
}

/**
 * Whether these rules ever let a session go on where backex's own would not:
 * a later stop, a bigger rise before a skip is offered, more pain skips before
 * the end, or pain accepted during the exercises. The page says never to feel
 * pain, so that needs a programme file, and the first screen says so.
 */
export function loosensDefaults(rules: PainRules): boolean {
  if (rules.painSkipsToEnd > DEFAULT_PAIN_RULES.painSkipsToEnd) return true;
  // Every first answer and every answer after it (11 x 12 cases): exact, whatever the fields' mix
  // (a stop at 1 makes a bigger rise before the skip meaningless, for one).
  const severity = { go: 0, choose: 1, stop: 2 } as const;
  for (const baseline of [null, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    const state: PainState = { baseline, last: baseline, skipsInARow: 0 };
    for (let rating = 0; rating <= 10; rating++) {
      if (severity[judgePain(state, rating, rules).verdict.action] < severity[judgePain(state, rating).verdict.action]) return true;
    }
  }
  return false;
}

function isDefault(rules: PainRules): boolean {
  const d = DEFAULT_PAIN_RULES;
  return rules.stopAt === d.stopAt && rules.skipAboveStartBy === d.skipAboveStartBy && rules.painSkipsToEnd === d.painSkipsToEnd && rules.acceptableDuring === undefined;
}

function ruleClauses(rules: PainRules): string {
  const rise = rules.skipAboveStartBy === 1 ? 'pain above your first answer of the session' : `pain ${rules.skipAboveStartBy} or more above your first answer of the session`;
  const skips = rules.painSkipsToEnd === 1 ? 'one exercise skipped for pain ends the session' : `${rules.painSkipsToEnd} exercises in a row skipped for pain end the session`;
  return `stop at ${rules.stopAt} or more; ${rise} offers to skip the exercise; ${skips}.`;
}

/**
 * The rules in force, in plain sentences for the first screen and the voice:
 * "Your programme: stop at 6 or more; ...". When a programme loosens backex's
 * own rules, the last sentence says so, and what backex's own rules are.
 */
export function rulesInWords(rules: PainRules): string[] {
  if (isDefault(rules)) return [`Pain rules: ${ruleClauses(rules)}`];
  const words = [`Your programme: ${ruleClauses(rules)}`];
  if (rules.acceptableDuring !== undefined) {
    words.push(`Pain up to ${rules.acceptableDuring} is acceptable during the exercises, even above your first answer of the session (no offer to skip), as long as it is back to your usual by the next morning.`);
  }
  if (loosensDefaults(rules)) {
    words.push(`These rules are looser than backex's own, which are: ${ruleClauses(DEFAULT_PAIN_RULES)} They come from your programme file: follow them only if your physiotherapist wrote them for you.`);
  }
  return words;
}

/** "q" typed at a pain question: end the session, as q does during an exercise (and as Ctrl-C does there). */
export function isQuitAnswer(text: string): boolean {
  return /^\s*q(uit)?\s*$/i.test(text);
}

/** Parses a typed answer: a whole number 0-10, or Enter alone for the last answer. */
export function parsePainAnswer(text: string, last: number | null): { ok: true; value: number } | { ok: false; hint: string } {
  const trimmed = text.trim();
  if (trimmed === '' && last !== null) return { ok: true, value: last };
  // "7/10" is how people often write it.
  const number = /^(\d{1,2})(?:\s*\/\s*10)?$/.exec(trimmed)?.[1];
  if (number !== undefined && Number(number) <= 10) return { ok: true, value: Number(number) };
  return { ok: false, hint: last === null ? 'Type a whole number from 0 (no pain) to 10 (worst pain), then press Enter.' : `Type a whole number from 0 to 10, then Enter; or Enter alone to keep ${last}.` };
}

/**
 * What to tell someone whose last answer, at the session's end, is `end`: to stop
 * for today and see a professional at the rules' stop level; that pain should not
 * rise, if it is higher than the first answer (unless a programme accepts that
 * much during the exercises); else nothing.
 */
export function endPainAdvice(baseline: number | null, end: number | null, rules: PainRules = DEFAULT_PAIN_RULES): string | null {
  if (end === null) return null;
  if (end >= rules.stopAt) return SEE_A_PROFESSIONAL;
  if (baseline === null || end <= baseline) return null;
  if (rules.acceptableDuring !== undefined && end <= rules.acceptableDuring) return null;
  return PAIN_ROSE_MESSAGE;
}
