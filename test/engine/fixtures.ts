import type { PlannedExercise } from '../../src/catalogue/plan.js';
import type { Dose, Exercise } from '../../src/catalogue/schema.js';

export function exercise(id: string, dose: Dose, extra: Partial<Exercise> = {}): Exercise {
  return { id, name: id.replace(/-/g, ' '), category: 'core', steps: ['Do it.'], position: 'Lie on your back.', dose, ...extra };
}

export function planned(id: string, dose: Dose): PlannedExercise {
  return { exercise: exercise(id, dose), dose };
}
