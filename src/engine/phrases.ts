// What a session says during one exercise, phrase by phrase: shared by the
// timeline (src/engine/timeline.ts), which places each phrase in its slot, and
// by the length alone (src/engine/duration.ts), which `list` and `show` print.
// Both build every phrase here, so that they cannot come to say different things.
import { repBounds, repNamesSide, sideNamesOf } from '../catalogue/pace.js';
import type { Dose, Exercise } from '../catalogue/schema.js';
import { numberWord, speakable } from './words.js';

export const READY_WORDS = 'Get ready. Keep breathing, and count out loud with me.';
export const HALFWAY_WORDS = 'Halfway. Keep breathing.';

/** The exercise's name and starting position, as said. */
/** The order of an exercise's reps: [rep, side], with 'switch' where the sides change over (sides: each). The timeline and the duration both follow it. */
export function repOrder(sides: Dose['sides'], max: number): (readonly [number, 0 | 1] | 'switch')[] {
  const order: (readonly [number, 0 | 1] | 'switch')[] = [];
  if (sides === 'alternate') {
    for (let k = 1; k <= max; k++) order.push([k, 0], [k, 1]);
    return order;
  }
  for (let k = 1; k <= max; k++) order.push([k, 0]);
  if (sides === 'each') {
    order.push('switch');
    for (let k = 1; k <= max; k++) order.push([k, 1]);
  }
  return order;
}

export function introSay(exercise: Exercise): string {
  return speakable(exercise.position ? `${exercise.name}. ${exercise.position}` : `${exercise.name}.`);
}

/** The second of a hold at which "halfway" is said (long holds only), or 0. */
export function halfwaySecond(hold: number): number {
  return hold >= 10 ? Math.floor(hold / 2) + 1 : 0;
}

export function holdSay(hold: number): string {
  return `Hold for ${numberWord(hold)}.`;
}

/** After each hold: the exercise's own release words, or "Relax."; the rest before the last round of alternating sides says it is the last. */
export function releaseSay(exercise: Exercise, dose: Dose, k: number, side: 0 | 1): string {
  const release = exercise.releaseWords?.[side] ?? exercise.releaseWords?.[0] ?? 'Relax.';
  return dose.sides === 'alternate' && side === 1 && k === repBounds(dose.reps).max - 1 ? `${release} Last round next.` : release;
}

export function switchSay(dose: Dose): string {
  return `Switch sides. Now the ${sideNamesOf(dose)[1]}.`;
}

export function doneWords(exercise: Exercise): string {
  return `Well done: ${exercise.name} is finished.`;
}

/** What decides rep k's words on this side. */
export interface RepFacts {
  k: number;
  side: 0 | 1;
  min: number;
  max: number;
  /** A range of reps ("10-15"). */
  range: boolean;
  sideName: string | undefined;
  /** The side, when this rep's announcement names it. */
  spokenSide: string | undefined;
  /** The last round of alternating sides starts here. */
  lastRound: boolean;
  last: boolean;
  /** Past the minimum of a range: Enter ends the exercise. */
  open: boolean;
  /** The first rep past the minimum of a range. */
  opensNow: boolean;
  /** "two more", near the end of a fixed number of reps. */
  more: string;
  /** The exercise's words for the movement on this side. */
  move: string | undefined;
}

export function repFacts(exercise: Exercise, dose: Dose, k: number, side: 0 | 1): RepFacts {
  const { min, max } = repBounds(dose.reps);
  const sideName = dose.sides === 'none' ? undefined : sideNamesOf(dose)[side];
  const range = max > min;
  const alternate = dose.sides === 'alternate';
  // How many are left after this one, near the end of a fixed number of reps.
  const left = max - k;
  return {
    k,
    side,
    min,
    max,
    range,
    sideName,
    spokenSide: repNamesSide(dose, k) ? sideName : undefined,
    // With alternating sides a round has two reps: the rest before the last round says so,
    // and its second rep is the last one.
    lastRound: k === max && alternate,
    last: k === max && (!alternate || side === 1),
    open: range && k > min,
    opensNow: range && k === min + 1 && (!alternate || side === 0),
    more: !range && !alternate && max >= 5 && left >= 1 && left <= 3 ? `${numberWord(left)} more` : '',
    move: exercise.moveWords?.[side] ?? exercise.moveWords?.[0],
  };
}

/** Rep k as shown: "Rep 3 of 10: left leg. Two more. Lift your leg." */
export function repText(f: RepFacts): string {
  const label = `Rep ${f.k} of ${f.range ? `${f.min}-${f.max}` : f.max}`;
  const extra = f.opensNow ? ` Go on to ${f.max} if it feels good; press Enter when you have had enough.` : '';
  const head = f.lastRound && f.side === 0 ? 'Last round. ' : f.last ? 'Last one. ' : '';
  return `${head}${label}${f.sideName ? `: ${f.sideName}` : ''}.${f.more ? ` ${capital(f.more)}.` : ''}${f.move ? ` ${f.move}` : ''}${extra}`;
}

/** Rep k as said: "Rep three of ten", in a range "Rep three of ten to fifteen", and past its minimum just "Rep eleven". */
export function repSay(f: RepFacts): string {
  const of = f.k > f.min ? '' : f.range ? ` of ${numberWord(f.min)} to ${numberWord(f.max)}` : ` of ${numberWord(f.max)}`;
  const repWords = `Rep ${numberWord(f.k)}${of}${f.spokenSide ? `, ${f.spokenSide}` : ''}${f.more ? `, ${f.more}` : ''}.`;
  return [f.last ? 'Last one.' : '', repWords, f.move ? speakable(f.move) : '', f.opensNow ? `Carry on up to ${numberWord(f.max)} if it feels good, or press Enter to finish.` : '']
    .filter(Boolean)
    .join(' ');
}

function capital(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
