// Which routine is "the programme in use", and a programme's own words: how
// often, and when it is to be reviewed. Shared by `plan`, `remind` and the session.
import { requireRoutine } from '../catalogue/find.js';
import type { Catalogue } from '../catalogue/load.js';
import { DAYS, type Day, type Routine } from '../catalogue/schema.js';
import { rulesInWords, rulesOfAll } from '../engine/pain.js';
import { UsageError } from '../errors.js';
import { dayKey } from '../history/stats.js';

/** A routine with something a programme says: frequency, pain rules, progression or review. */
export function isProgramme(routine: Routine): boolean {
  return routine.sessionsPerWeek !== undefined || routine.days !== undefined || routine.painRules !== undefined || routine.progression !== undefined || routine.review !== undefined;
}

/** --routine when given; otherwise the one programme among the routines loaded. */
export function programmeInUse(catalogue: Catalogue, wanted: string | undefined): Routine {
  if (wanted) return requireRoutine(catalogue.routines, wanted);
  const programmes = catalogue.routines.filter(isProgramme);
  if (programmes.length === 1) return programmes[0]!;
  if (programmes.length === 0) {
    throw new UsageError('there is no programme yet (a routine with sessionsPerWeek, painRules, progression or review): name a routine with --routine (like --routine core), or add your physiotherapist\'s programme file (README, "A programme")');
  }
  throw new UsageError(`there are ${programmes.length} programmes (${programmes.map((r) => r.id).join(', ')}): choose one with --routine`);
}

/** Days spread over the week for a number of sessions (7 or more: every day). */
const SPREAD: Record<number, Day[]> = {
  1: ['wed'],
  2: ['mon', 'thu'],
  3: ['mon', 'wed', 'fri'],
  4: ['mon', 'tue', 'thu', 'fri'],
  5: ['mon', 'tue', 'wed', 'thu', 'fri'],
  6: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
};

/** The days a programme's sessions fall on: its own days, or its frequency spread over the week; undefined if it says neither. */
export function programmeDays(routine: Routine): Day[] | undefined {
  if (routine.days) return DAYS.filter((d) => routine.days!.includes(d));
  if (routine.sessionsPerWeek === undefined) return undefined;
  return SPREAD[routine.sessionsPerWeek] ?? [...DAYS];
}

/** "3 sessions a week", "on mon, wed and fri". */
export function frequencyInWords(routine: Routine): string | undefined {
  if (routine.days) return `on ${listWords(DAYS.filter((d) => routine.days!.includes(d)))}`;
  if (routine.sessionsPerWeek === undefined) return undefined;
  return routine.sessionsPerWeek === 1 ? 'one session a week' : `${routine.sessionsPerWeek} sessions a week`;
}

/** The review date in words, saying when it has passed (dates are local calendar days). */
export function reviewInWords(routine: Routine, now: Date): string | undefined {
  if (!routine.review) return undefined;
  if (dayKey(now) > routine.review) return `The review date, ${routine.review}, has passed: ask your physiotherapist to look at this programme again.`;
  if (dayKey(now) === routine.review) return `Today, ${routine.review}, is the review date: ask your physiotherapist to look at this programme again.`;
  return `To be reviewed with your physiotherapist on ${routine.review}.`;
}

export function listWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * What the session's first screen shows and says about the programme: the pain
 * rules in force (and that they loosen backex's own, when they do) and the
 * review date. Nothing for routines that are not programmes: today's screen.
 */
export function sessionIntro(routines: Routine[], now: Date): string[] {
  if (!routines.some(isProgramme)) return [];
  const review = routines.map((r) => reviewInWords(r, now)).filter((w): w is string => w !== undefined);
  return [...rulesInWords(rulesOfAll(routines)), ...review];
}
