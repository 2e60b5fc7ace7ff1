// Which exercises a session does, from the command line's options: routine
// flags, --routine and --exercises, each exercise once, in the order chosen.
import { findExercise, requireExercise, requireRoutine } from '../catalogue/find.js';
import type { Catalogue } from '../catalogue/load.js';
import { planRoutine, type PlannedExercise } from '../catalogue/plan.js';
import type { Routine } from '../catalogue/schema.js';
import { UsageError } from '../errors.js';
import { backexCommand } from '../shell.js';

export interface Selection {
  label: string;
  planned: PlannedExercise[];
  /** The routines chosen (their pain rules apply to the session). */
  routines: Routine[];
}

/** A routine's doses for today: fixed, or a programme's progression applied (the session passes plannedToday). */
export type Planner = (catalogue: Catalogue, routine: Routine) => PlannedExercise[];

const ROUTINE_FLAGS = ['stretch', 'core', 'ball', 'all'] as const;

/** What the options ask for, or null when nothing was chosen. */
export function selectFromOptions(catalogue: Catalogue, options: Record<string, unknown>, plan: Planner = planRoutine): Selection | null {
  const labels: string[] = [];
  const planned: PlannedExercise[] = [];
  const routines: Routine[] = [];
  const flags = ROUTINE_FLAGS.filter((f) => options[f]);
  if (flags.length > 0) {
    // Several routine flags combine, in the page's order, each exercise once.
    const seen = new Set<string>();
    const union = flags.flatMap((f) => {
      const routine = requireRoutine(catalogue.routines, f);
      routines.push(routine);
      return plan(catalogue, routine);
    }).filter((p) => !seen.has(p.exercise.id) && seen.add(p.exercise.id));
    union.sort((a, b) => (a.exercise.number ?? Infinity) - (b.exercise.number ?? Infinity));
    planned.push(...union);
    labels.push(flags.includes('all') ? 'all' : flags.join('+'));
  }
  if (options.routine) {
    const routine = requireRoutine(catalogue.routines, String(options.routine));
    routines.push(routine);
    planned.push(...plan(catalogue, routine));
    labels.push(routine.id);
  }
  if (options.exercises !== undefined) {
    const names = String(options.exercises).split(',').map((s) => s.trim()).filter(Boolean);
    if (names.length === 0) throw new UsageError('--exercises needs a comma-separated list, like --exercises bird-dog,11,superman');
    for (const name of names) {
      // "--exercises bird-dog superman": several names with spaces, not commas, between them.
      const words = name.split(/\s+/);
      if (words.length > 1 && !findExercise(catalogue.exercises, name) && words.every((w) => findExercise(catalogue.exercises, w))) {
        throw new UsageError(`no exercise '${name}'; to choose several, put commas between them: --exercises ${words.join(',')}`);
      }
      const exercise = requireExercise(catalogue.exercises, name, backexCommand(['list'], options.data as string[] | undefined));
      planned.push({ exercise, dose: exercise.dose });
    }
    labels.push('custom');
  }
  if (planned.length === 0) return null;
  // Each exercise once, where it first comes ("--exercises bird-dog,9" or "--core --routine core" are slips, not a plan).
  const seen = new Set<string>();
  return { label: [...new Set(labels)].join('+'), planned: planned.filter((p) => !seen.has(p.exercise.id) && seen.add(p.exercise.id)), routines };
}

