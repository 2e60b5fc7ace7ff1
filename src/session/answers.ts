// What a typed answer to one of the session's questions means: a pure function,
// shared by both ways of asking (@inquirer/prompts on a full terminal, plain
// lines with --plain), so the rules for an answer live in one place.
import { isQuitAnswer, parsePainAnswer } from '../engine/pain.js';
import type { PainDecision } from '../engine/record.js';
import type { AskSpec } from './controller.js';

/** The value the controller's `answer` event carries, or the hint that refuses the text (shown and said). */
export type Judged = { ok: true; value: number | PainDecision | string | null } | { ok: false; hint: string };

/** The decision's question and its three choices, in the order their numbers give. */
export const DECISION_MESSAGE = 'What would you like to do? (type 1, 2 or 3, then Enter)';
export const DECISION_CHOICES: readonly { name: string; value: PainDecision }[] = [
  { name: '1. Skip this exercise (recommended: when in doubt, skip it)', value: 'skip' },
  { name: '2. Do it anyway, gently', value: 'do-anyway' },
  { name: '3. End the session', value: 'end' },
];
export const DECISION_HINT = 'Type 1, 2 or 3, then Enter; Enter alone skips this exercise.';

export function judgeAnswer(spec: AskSpec, text: string): Judged {
  switch (spec.kind) {
    case 'checkin': {
      // Enter alone skips the question ('').
      if (text.trim() === '') return { ok: true, value: '' };
      const parsed = parsePainAnswer(text, null);
      return parsed.ok ? parsed : { ok: false, hint: `${parsed.hint} Or Enter alone to skip.` };
    }
    case 'note':
      return { ok: true, value: text.trim() };
    case 'pain': {
      // q ends the session here as Ctrl-C does (no answer).
      if (isQuitAnswer(text)) return { ok: true, value: null };
      return parsePainAnswer(text, spec.last);
    }
    case 'decision': {
      // Enter alone takes the default: when in doubt, skip it.
      const trimmed = text.trim();
      if (trimmed === '') return { ok: true, value: 'skip' };
      const choice = DECISION_CHOICES[Number(trimmed) - 1];
      return /^[123]$/.test(trimmed) && choice ? { ok: true, value: choice.value } : { ok: false, hint: DECISION_HINT };
    }
  }
}
