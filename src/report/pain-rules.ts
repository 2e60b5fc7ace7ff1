// The pain rules a report states, in words for the patient as much as the
// physiotherapist; the rules themselves are the engine's (src/engine/pain.ts).
import { DEFAULT_PAIN_RULES, type PainRules } from '../engine/pain.js';

export { DEFAULT_PAIN_RULES, type PainRules };

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
