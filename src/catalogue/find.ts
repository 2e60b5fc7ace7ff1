// Finding an exercise the way people name it: id ("bird-dog"), page number
// ("9"), master-list letter ("H"), name or alias, in any case and spacing
// ("Bird Dog", "birddog"). When nothing matches, near names are suggested.
import leven from 'leven';
import { UsageError } from '../errors.js';
import type { Exercise, Routine } from './schema.js';

const normal = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function keysOf(exercise: Exercise): string[] {
  return [exercise.id, exercise.name, ...(exercise.aliases ?? [])];
}

export function findExercise(exercises: Exercise[], query: string): Exercise | undefined {
  const q = query.trim();
  if (/^\d+$/.test(q)) return exercises.find((e) => e.number === Number(q));
  if (/^[a-z]$/i.test(q)) return exercises.find((e) => e.letter === q.toUpperCase());
  const wanted = normal(q);
  if (!wanted) return undefined;
  return exercises.find((e) => e.id === q) ?? exercises.find((e) => keysOf(e).some((k) => normal(k) === wanted));
}

/** Near matches: the whole name within a few edits, or every word of the query close to a word of the name. */
export function suggestExercises(exercises: Exercise[], query: string, most = 3): Exercise[] {
  const wanted = normal(query);
  const queryWords = words(query);
  const close = (a: string, b: string) => {
    const distance = leven(a, b);
    if (distance <= 1) return Math.min(a.length, b.length) >= 3;
    // Two letters swapped ("dgo" for "dog") is one slip, not two; longer words allow two.
    return distance === 2 && (Math.min(a.length, b.length) >= 6 || swapped(a, b));
  };
  const scored = exercises
    .map((exercise) => {
      const distance = Math.min(...keysOf(exercise).map((k) => leven(normal(k), wanted)));
      const nameWords = keysOf(exercise).flatMap(words);
      const allWordsClose = queryWords.length > 0 && queryWords.every((w) => nameWords.some((n) => close(w, n) || (w.length >= 3 && n.startsWith(w))));
      return { exercise, distance, ok: distance <= Math.max(2, Math.floor(wanted.length / 4)) || allWordsClose };
    })
    .filter((s) => s.ok)
    .sort((a, b) => a.distance - b.distance || (a.exercise.number ?? 99) - (b.exercise.number ?? 99));
  return scored.slice(0, most).map((s) => s.exercise);
}

function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].map((ch, i) => (ch === b[i] ? -1 : i)).filter((i) => i >= 0);
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

export function describeRef(exercise: Exercise): string {
  return exercise.number !== undefined ? `${exercise.id} (${exercise.number})` : exercise.id;
}

/** Like findExercise, but a miss is a usage error with suggestions. */
export function requireExercise(exercises: Exercise[], query: string): Exercise {
  const found = findExercise(exercises, query);
  if (found) return found;
  const near = suggestExercises(exercises, query);
  const hint = near.length > 0 ? `; did you mean: ${near.map(describeRef).join(', ')}?` : '; see `backex list` for every exercise';
  throw new UsageError(`no exercise '${query}'${hint}`);
}

export function requireRoutine(routines: Routine[], query: string): Routine {
  const wanted = normal(query);
  const found = routines.find((r) => r.id === query) ?? routines.find((r) => normal(r.id) === wanted || normal(r.name) === wanted);
  if (found) return found;
  throw new UsageError(`no routine '${query}'; the routines are: ${routines.map((r) => r.id).join(', ')}`);
}
