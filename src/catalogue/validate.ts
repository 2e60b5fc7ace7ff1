// Validation of a user's data file with the zod schema, turned into one line per
// problem: "my.json: exercises[3] "cat-camel": dose.reps must be a positive whole number, got -2".
// Only loaded when there is a user file: the built-in catalogue is checked by the test suite.
// Everything quoted from the file (ids, field names, values) is made visible and cut short:
// a message never carries a control character, nor megabytes of a hostile string.
import type { z } from 'zod';
import { visible } from '../terminal/visible.js';
import { DataFileSchema, type DataFile } from './schema.js';

export function validateDataFile(data: unknown, label: string): { ok: true; value: DataFile } | { ok: false; problems: string[] } {
  const result = DataFileSchema.safeParse(data);
  if (!result.success) return { ok: false, problems: result.error.issues.map((issue) => describeIssue(issue, data, label)) };
  const problems: string[] = [];
  const value = moveSideNames(result.data, label, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/**
 * `sideNames` belongs in the dose, but people write it next to the other
 * fields of the exercise (as the README once did): accepted there and moved in.
 */
function moveSideNames(data: DataFile, label: string, problems: string[]): DataFile {
  if (!data.exercises?.some((e) => e.sideNames !== undefined)) return data;
  const exercises = data.exercises.map((exercise, index) => {
    if (exercise.sideNames === undefined) return exercise;
    const { sideNames, ...rest } = exercise;
    const inDose = exercise.dose.sideNames;
    if (inDose && (inDose[0] !== sideNames[0] || inDose[1] !== sideNames[1])) {
      problems.push(`${label}: exercises[${index}] "${exercise.id}": sideNames is given twice, beside the dose and inside it, with different names; keep the one inside "dose"`);
    }
    return { ...rest, dose: { ...exercise.dose, sideNames: inDose ?? sideNames } };
  });
  return { ...data, exercises };
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, label: string): string {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  // "exercises[3] "cat-camel"": the list entry, named by its id when it has one.
  let where = '';
  let rest = path;
  if ((path[0] === 'exercises' || path[0] === 'routines') && typeof path[1] === 'number') {
    const entry = valueAt(data, path.slice(0, 2));
    const id = entry && typeof entry === 'object' && 'id' in entry && typeof entry.id === 'string' ? ` "${cut(entry.id, 40)}"` : '';
    where = `${path[0]}[${path[1]}]${id}: `;
    rest = path.slice(2);
  }
  const field = rest.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? cut(p, 40) : `.${cut(p, 40)}`)).join('');
  const value = valueAt(data, path);

  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.slice(0, 5).map((k) => `"${cut(k, 40)}"`).join(', ') + (issue.keys.length > 5 ? `, and ${issue.keys.length - 5} more` : '');
    const subject = field ? `${field} has` : where ? 'has' : 'the file has';
    const hint = issue.keys.includes('sideNames') ? ' ("sideNames" goes beside "dose" or inside it)' : '';
    return `${label}: ${where}${subject} unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}${hint} (check the spelling; every field is listed in the README, under Exercise files, and in the schema backex comes with: data/schema/backex.schema.json in its folder)`;
  }
  const subject = field || (where ? 'this entry' : 'the file');
  // A rule across fields (a cap without its step, a missing "when"): the message says it all.
  if (issue.code === 'custom' && value === undefined) return `${label}: ${where}${subject} ${issue.message}`;
  if (value === undefined && issue.code === 'invalid_type') {
    return `${label}: ${where}${subject} is missing; it ${issue.message}`;
  }
  // A custom check (control characters, invisible text, a figure's pose) says all there is to say; a number it was given is worth repeating.
  const worthRepeating = typeof value === 'number' || (typeof value === 'string' && !/[\p{Cc}\p{Cf}]/u.test(value));
  if (issue.code === 'custom') return `${label}: ${where}${subject} ${issue.message}${worthRepeating ? `, got ${show(value)}` : ''}`;
  // Too long or too many: the length, not the text.
  if (issue.code === 'too_big' && (typeof value === 'string' || Array.isArray(value))) return `${label}: ${where}${subject} ${issue.message}, got ${value.length}`;
  return `${label}: ${where}${subject} ${issue.message}, got ${show(value)}`;
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let here: unknown = data;
  for (const key of path) {
    if (here === null || typeof here !== 'object' || !Object.hasOwn(here, key)) return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here;
}

/** At most `most` characters of a text from the file, made visible. */
function cut(text: string, most: number): string {
  const shown = visible(text.length > most ? `${text.slice(0, most - 3)}...` : text);
  return shown;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  // JSON.stringify escapes C0 controls; visible() the rest (DEL, C1, bidi overrides).
  const text = typeof value === 'string' && value.length > 200 ? JSON.stringify(value.slice(0, 200)) : JSON.stringify(value);
  return visible(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
