// Today's doses of a routine for the session and `list --routine`: the history
// is read only when the routine has a progression (otherwise the doses are fixed).
import type { Catalogue } from '../catalogue/load.js';
import { planRoutine, type PlannedExercise } from '../catalogue/plan.js';
import type { Routine } from '../catalogue/schema.js';
import { readOverviews } from '../history/read.js';
import { todaysPlan } from './progression.js';

export function plannedToday(catalogue: Catalogue, routine: Routine, warn: (message: string) => void, env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): PlannedExercise[] {
  if (!routine.progression) return planRoutine(catalogue, routine);
  return todaysPlan(catalogue, routine, readOverviews({ env, warn }), now);
}
