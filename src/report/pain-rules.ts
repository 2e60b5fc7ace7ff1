// The pain rules a report states. The "programme" branch is adding PainRules,
// DEFAULT_PAIN_RULES and rulesInWords to src/engine/pain.ts (see
// notes/contracts.md); until then this holds the same shape, with today's rules
// (from pain.ts's constants) as the defaults. Once merged, import those instead.
import { PAIN_SKIPS_TO_STOP, PAIN_STOP_AT } from '../engine/pain.js';

export interface PainRules {
  stopAt: number;
  skipAboveStartBy: number;
  painSkipsToEnd: number;
  acceptableDuring?: number;
}

/** Today's behaviour: stop at 7, offer a skip when pain is above the start (by 1 or more), two skips in a row end it. */
export const DEFAULT_PAIN_RULES: PainRules = { stopAt: PAIN_STOP_AT, skipAboveStartBy: 1, painSkipsToEnd: PAIN_SKIPS_TO_STOP };

const points = (n: number) => `${n} ${n === 1 ? 'point' : 'points'}`;

/** The rules as plain sentences, for the patient as much as the physiotherapist. */
export function painRulesInWords(rules: PainRules): string[] {
  const words = [
    `A session stops when pain before an exercise is ${rules.stopAt} out of 10 or more.`,
    `When pain before an exercise is ${points(rules.skipAboveStartBy)} or more above the pain at the start of the session, backex suggests skipping that exercise.`,
    `${rules.painSkipsToEnd} exercises in a row skipped for pain end the session.`,
  ];
  if (rules.acceptableDuring !== undefined) words.push(`Pain up to ${rules.acceptableDuring} out of 10 during an exercise was set as acceptable.`);
  return words;
}

export const sameRules = (a: PainRules, b: PainRules) =>
  a.stopAt === b.stopAt && a.skipAboveStartBy === b.skipAboveStartBy && a.painSkipsToEnd === b.painSkipsToEnd && a.acceptableDuring === b.acceptableDuring;
