// A list of exercises with the dose each will use: what a routine or a
// selection turns into before `list --routine` shows it or a session runs it.
import { applyOverride } from './dose.js';
import type { Catalogue } from './load.js';
import type { Dose, Exercise, Routine } from './schema.js';

export interface PlannedExercise {
  exercise: Exercise;
  dose: Dose;
}

export function planRoutine(catalogue: Catalogue, routine: Routine): PlannedExercise[] {
  return routine.exercises.map((entry) => {
    const id = typeof entry === 'string' ? entry : entry.exercise;
    const exercise = catalogue.exercises.find((e) => e.id === id);
    // The loader has already reported unknown ids, so this is a programming error.
    if (!exercise) throw new Error(`routine ${routine.id} names unknown exercise ${id}`);
    return { exercise, dose: applyOverride(exercise.dose, typeof entry === 'string' ? undefined : entry.dose) };
  });
}

export function planExercises(exercises: Exercise[]): PlannedExercise[] {
  return exercises.map((exercise) => ({ exercise, dose: exercise.dose }));
}
