// The catalogue a command works with: the page's 17 exercises and the built-in
// routines, then the user's own files (every *.json in the config folder, then
// each --data file or folder), which may add exercises and routines or replace
// built-in ones by id. Clashes and unknown references are errors that name the file.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError } from '../errors.js';
import { backexPaths } from '../paths.js';
import { visible } from '../terminal/visible.js';
import { didYouMean, findExercise } from './find.js';
import { readDataText, readJsonFile, readReason } from './json-file.js';
import { applyOverride, doseInWords, repBounds } from './dose.js';
import type { DataFile, Exercise, Progression, Routine } from './schema.js';

export interface Catalogue {
  /** Page order for the page's exercises, then the user's in file order. */
  exercises: Exercise[];
  routines: Routine[];
  /** Where each exercise and routine came from: "built-in" or a file path. */
  exerciseSource: Map<string, string>;
  routineSource: Map<string, string>;
}

export interface LoadOptions {
  /** --data values: files or folders. */
  data?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

const BUILT_IN = 'built-in';

/** The package's data/ folder, found from this module whether it runs from src/ or from a dist/ chunk. */
export function builtInDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'data', 'exercises.json'))) return join(dir, 'data');
    dir = dirname(dir);
  }
  throw new Error('backex is damaged: its data/exercises.json is missing (reinstall it)');
}

export async function loadCatalogue(options: LoadOptions = {}): Promise<Catalogue> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const dataDir = builtInDataDir();
  // The built-in files are validated by the test suite, so start-up skips the schema for them.
  const builtIns = [readJsonFile(join(dataDir, 'exercises.json')), readJsonFile(join(dataDir, 'routines.json'))] as DataFile[];

  const userFiles = onceEach([...jsonFilesIn(backexPaths(env).config, false), ...(options.data ?? []).flatMap((p) => jsonFilesIn(resolve(cwd, p), true))]);
  const userData: { label: string; data: DataFile }[] = [];
  if (userFiles.length > 0) {
    const [{ validateDataFile }, { parseDataJson }] = await Promise.all([import('./validate.js'), import('./jsonc.js')]);
    const problems: string[] = [];
    for (const file of userFiles) {
      const label = displayPath(file, cwd);
      try {
        const result = validateDataFile(parseDataJson(readDataText(file, label), label), label);
        if (result.ok) userData.push({ label, data: result.value });
        else problems.push(...result.problems);
      } catch (error) {
        if (error instanceof DataError) problems.push(...error.problems);
        else throw error;
      }
    }
    if (problems.length > 0) throw new DataError(problems);
  }
  return merge([...builtIns.map((data) => ({ label: BUILT_IN, data })), ...userData]);
}

function merge(files: { label: string; data: DataFile }[]): Catalogue {
  const exercises = new Map<string, Exercise>();
  const routines = new Map<string, Routine>();
  const exerciseSource = new Map<string, string>();
  const routineSource = new Map<string, string>();
  const problems: string[] = [];

  for (const { label, data } of files) {
    (data.exercises ?? []).forEach((exercise, index) => {
      const before = exerciseSource.get(exercise.id);
      if (before !== undefined && before !== BUILT_IN) {
        problems.push(`${label}: exercises[${index}] "${exercise.id}": id is already used by ${before === label ? 'another exercise in this file' : before}; give one of them another id`);
        return;
      }
      const builtIn = before === BUILT_IN ? exercises.get(exercise.id) : undefined;
      exercises.set(exercise.id, builtIn ? keepPagePlace(exercise, builtIn) : exercise);
      exerciseSource.set(exercise.id, label);
    });
    (data.routines ?? []).forEach((routine, index) => {
      const before = routineSource.get(routine.id);
      if (before !== undefined && before !== BUILT_IN) {
        problems.push(`${label}: routines[${index}] "${routine.id}": id is already used by ${before === label ? 'another routine in this file' : before}; give one of them another id`);
        return;
      }
      routines.set(routine.id, routine);
      routineSource.set(routine.id, label);
    });
  }

  // Page numbers and letters must stay unambiguous for `show 9` and `show H`.
  for (const key of ['number', 'letter'] as const) {
    const seen = new Map<string, string>();
    for (const exercise of exercises.values()) {
      const value = exercise[key];
      if (value === undefined) continue;
      const other = seen.get(String(value));
      if (other) problems.push(`${exerciseSource.get(exercise.id)}: exercise "${exercise.id}": ${key} ${JSON.stringify(value)} is already used by "${other}"`);
      else seen.set(String(value), exercise.id);
    }
  }

  const ordered = [...exercises.values()].sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity));
  // A routine may name an exercise any way `show` accepts; it is resolved to the id here, once.
  const resolved = [...routines.values()].map((routine) => {
    const entries = routine.exercises.map((entry, index) => {
      const ref = typeof entry === 'string' ? entry : entry.exercise;
      const exercise = exercises.get(ref) ?? findExercise(ordered, ref);
      if (exercise) return typeof entry === 'string' ? exercise.id : { ...entry, exercise: exercise.id };
      problems.push(`${routineSource.get(routine.id)}: routine "${routine.id}": exercises[${index}] names "${ref}", which is not an exercise${didYouMean(ordered, ref) || ' (see `backex list`)'}`);
      return entry;
    });
    const resolvedRoutine = { ...routine, exercises: entries };
    if (routine.progression) resolvedRoutine.progression = checkProgression(resolvedRoutine, routine.progression, exercises, ordered, `${routineSource.get(routine.id)}: routine "${routine.id}"`, problems);
    return resolvedRoutine;
  });
  if (problems.length > 0) throw new DataError(problems);
  return { exercises: ordered, routines: resolved, exerciseSource, routineSource };
}

/**
 * What a progression means for the routine's own exercises: each names one of
 * them (any way `show` accepts, resolved to the id), once, and its cap is not
 * below the dose the routine starts from; a hold grows only where there is one.
 */
function checkProgression(routine: Routine, progression: Progression[], exercises: Map<string, Exercise>, ordered: Exercise[], where: string, problems: string[]): Progression[] {
  const seen = new Set<string>();
  return progression.map((p, index) => {
    const field = `progression[${index}]`;
    const exercise = exercises.get(p.exercise) ?? findExercise(ordered, p.exercise);
    const entry = exercise && routine.exercises.find((e) => (typeof e === 'string' ? e : e.exercise) === exercise.id);
    if (!exercise || !entry) {
      const names = routine.exercises.map((e) => (typeof e === 'string' ? e : e.exercise)).join(', ');
      problems.push(`${where}: ${field}.exercise names "${p.exercise}", which is not in this routine's exercises (${names})`);
      return p;
    }
    if (seen.has(exercise.id)) problems.push(`${where}: ${field}.exercise: "${exercise.id}" already has a progression in this routine; give each exercise one`);
    seen.add(exercise.id);
    const start = applyOverride(exercise.dose, typeof entry === 'string' ? undefined : entry.dose);
    if (p.step.holdSeconds !== undefined && start.holdSeconds === 0) {
      problems.push(`${where}: ${field}.step.holdSeconds: "${exercise.id}" has no hold (${doseInWords(start)}), so there is no hold to lengthen; step its reps instead`);
    }
    if (p.cap?.holdSeconds !== undefined && p.cap.holdSeconds < start.holdSeconds) {
      problems.push(`${where}: ${field}.cap.holdSeconds is ${p.cap.holdSeconds}, below the ${start.holdSeconds} s the routine starts "${exercise.id}" at; a cap must be at or above the start`);
    }
    const reps = repBounds(start.reps);
    if (p.cap?.reps !== undefined && p.cap.reps < reps.max) {
      problems.push(`${where}: ${field}.cap.reps is ${p.cap.reps}, below the ${reps.min === reps.max ? reps.max : `${reps.min}-${reps.max}`} reps the routine starts "${exercise.id}" at; a cap must be at or above the start`);
    }
    return { ...p, exercise: exercise.id };
  });
}

/** A user's version of a page exercise stays at its place on the page (`show 9`, `show H`), and keeps its figure, unless it says otherwise. */
function keepPagePlace(exercise: Exercise, builtIn: Exercise): Exercise {
  const kept: Exercise = { ...exercise };
  if (kept.number === undefined && builtIn.number !== undefined) kept.number = builtIn.number;
  if (kept.letter === undefined && builtIn.letter !== undefined) kept.letter = builtIn.letter;
  // A physiotherapist's own words or dose for the bird dog are still the bird dog's movement.
  if (kept.figure === undefined && builtIn.figure !== undefined) kept.figure = builtIn.figure;
  return kept;
}

/** The same file named twice (--data a.json --data a.json, or a --data file in the config folder) is read once. */
function onceEach(files: string[]): string[] {
  const seen = new Set<string>();
  return files.filter((file) => {
    let key = file;
    try {
      key = realpathSync(file);
    } catch {
      // Unreadable: kept, so that reading it reports why.
    }
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A --data folder, or the config folder, contributes every *.json in it, by name. */
function jsonFilesIn(path: string, isData: boolean): string[] {
  const shown = visible(path);
  const what = isData ? '--data names' : 'the config folder is';
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !isData) return [];
    if (code === 'ENOENT') throw new DataError([`${shown}: --data names no such file or folder`]);
    if (code === 'ELOOP') throw new DataError([`${shown}: ${what} a symbolic link that loops back on itself`]);
    throw new DataError([`cannot read ${shown}: ${readReason(error)}`]);
  }
  if (!stats.isDirectory()) {
    if (!isData) throw new DataError([`${shown}: the config folder is a file, not a folder; move it away, or set BACKEX_HOME`]);
    return [path];
  }
  let names: string[];
  try {
    names = readdirSync(path);
  } catch (error) {
    throw new DataError([`cannot read the folder ${shown}: ${readReason(error)}`]);
  }
  return names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(path, name));
}

function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && rel.length < file.length ? rel : file;
}
