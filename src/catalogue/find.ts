// Finding an exercise the way people name it: id ("bird-dog"), page number
// ("9", "#9"), master-list letter ("H"), name or alias, in any case and spacing
// ("Bird Dog", "birddog"), or a title copied from the page ("Back pain exercise
// "Bird Dog""). When nothing matches, near names are suggested.
import leven from 'leven';
import { UsageError } from '../errors.js';
import type { Exercise, Routine } from './schema.js';

const normal = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

// The page's titles wrap names in "Back Pain Exercise" (often spelt "Excercise"),
// which names no exercise: ignored, so every title on the page finds its exercise.
const PAGE_FILLER = /\bback[\s_-]+pain[\s_-]+exc?ercises?\b/giu;

function cleanQuery(query: string): string {
  return query.replace(PAGE_FILLER, ' ').trim().replace(/^#\s*/, '');
}

function keysOf(exercise: Exercise): string[] {
  return [exercise.id, exercise.name, ...(exercise.aliases ?? [])].map(cleanQuery);
}

export function findExercise(exercises: Exercise[], query: string): Exercise | undefined {
  const byId = exercises.find((e) => e.id === query.trim());
  if (byId) return byId;
  const q = cleanQuery(query);
  if (/^\d+$/.test(q)) return exercises.find((e) => e.number === Number(q));
  if (/^[a-z]$/i.test(q)) return exercises.find((e) => e.letter === q.toUpperCase());
  const wanted = normal(q);
  if (!wanted) return undefined;
  return exercises.find((e) => keysOf(e).some((k) => normal(k) === wanted));
}

/**
 * Near matches, best first: names that contain every word asked for ("knee to
 * chest"), then names within a few edits, or with every word close to one of theirs.
 */
export function suggestExercises(exercises: Exercise[], query: string, most = 5): Exercise[] {
  const cleaned = cleanQuery(query);
  const wanted = normal(cleaned);
  const queryWords = words(cleaned);
  if (!wanted) return [];
  const close = (a: string, b: string) => {
    const distance = leven(a, b);
    if (distance <= 1) return Math.min(a.length, b.length) >= 3;
    // Two letters swapped ("dgo" for "dog") is one slip, not two; longer words allow two.
    return distance === 2 && (Math.min(a.length, b.length) >= 6 || swapped(a, b));
  };
  const scored = exercises
    .map((exercise) => {
      const keys = keysOf(exercise);
      const distance = Math.min(...keys.map((k) => leven(normal(k), wanted)));
      const nameWords = keys.flatMap(words);
      const contains = queryWords.every((w) => nameWords.some((n) => n === w || (w.length >= 3 && n.startsWith(w))));
      const allWordsClose = contains || queryWords.every((w) => nameWords.some((n) => n === w || close(w, n)));
      return { exercise, distance, contains, ok: contains || allWordsClose || distance <= Math.max(2, Math.floor(wanted.length / 4)) };
    })
    .filter((s) => s.ok)
    // Names holding every word come in page order; near spellings, nearest first.
    .sort((a, b) => Number(b.contains) - Number(a.contains) || (a.contains ? 0 : a.distance - b.distance) || (a.exercise.number ?? Infinity) - (b.exercise.number ?? Infinity));
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

/** "; did you mean: bird-dog (9), ball-bird-dog (14)?", or '' when nothing is near. */
export function didYouMean(exercises: Exercise[], query: string): string {
  const near = suggestExercises(exercises, query);
  return near.length > 0 ? `; did you mean: ${near.map(describeRef).join(', ')}?` : '';
}

/** Like findExercise, but a miss is a usage error with suggestions; `list` is the command that lists them all (with the --data given). */
export function requireExercise(exercises: Exercise[], query: string, list = 'backex list'): Exercise {
  const found = findExercise(exercises, query);
  if (found) return found;
  throw new UsageError(`no exercise '${query}'${didYouMean(exercises, query) || `; see \`${list}\` for every exercise`}`);
}

export function requireRoutine(routines: Routine[], query: string): Routine {
  const wanted = normal(query);
  const found = routines.find((r) => r.id === query) ?? routines.find((r) => normal(r.id) === wanted || normal(r.name) === wanted);
  if (found) return found;
  throw new UsageError(`no routine '${query}'; the routines are: ${routines.map((r) => r.id).join(', ')}`);
}
