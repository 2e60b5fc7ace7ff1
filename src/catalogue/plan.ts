// A list of exercises with the dose each will use: what a routine or a
// selection turns into before `list --routine` shows it or a session runs it.
import { applyOverride } from './dose.js';
import type { Catalogue } from './load.js';
import type { Dose, Exercise, Routine } from './schema.js';

export interface PlannedExercise {
  exercise: Exercise;
  dose: Dose;
}

const idOf = (entry: Routine['exercises'][number]) => (typeof entry === 'string' ? entry : entry.exercise);

/**
 * The routine's exercises in its order, each once, where it first comes, with
 * the dose given there: a session does each exercise once, and `list --routine`
 * shows what the session will do (repeatsNote says so when it matters).
 */
export function planRoutine(catalogue: Catalogue, routine: Routine): PlannedExercise[] {
  const seen = new Set<string>();
  return routine.exercises.flatMap((entry) => {
    const id = idOf(entry);
    if (seen.has(id)) return [];
    seen.add(id);
    const exercise = catalogue.exercises.find((e) => e.id === id);
    // The loader has already reported unknown ids, so this is a programming error.
    if (!exercise) throw new Error(`routine ${routine.id} names unknown exercise ${id}`);
    return [{ exercise, dose: applyOverride(exercise.dose, typeof entry === 'string' ? undefined : entry.dose) }];
  });
}

/** The ids a routine names more than once, in the order they first come. */
export function repeatedInRoutine(routine: Routine): string[] {
  const counts = new Map<string, number>();
  for (const entry of routine.exercises) counts.set(idOf(entry), (counts.get(idOf(entry)) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([id]) => id);
}

/**
 * What happens to a routine that names an exercise twice, in one sentence for
 * `list --routine` and the session's plan; undefined when nothing is repeated.
 */
export function repeatsNote(routine: Routine): string | undefined {
  const repeated = repeatedInRoutine(routine);
  if (repeated.length === 0) return undefined;
  const names = repeated.length === 1 ? repeated[0]! : `${repeated.slice(0, -1).join(', ')} and ${repeated.at(-1)!}`;
  const named = repeated.length === 1 ? 'is named more than once' : 'are each named more than once';
  return `${names} ${named} in this routine: a session does each exercise once, where it first comes, with the dose given there.`;
}

export function planExercises(exercises: Exercise[]): PlannedExercise[] {
  return exercises.map((exercise) => ({ exercise, dose: exercise.dose }));
}
