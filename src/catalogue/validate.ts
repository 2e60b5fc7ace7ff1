// Validation of a user's data file with the zod schema, turned into one line per
// problem: "my.json: exercises[3] "cat-camel": dose.reps must be a positive whole number, got -2".
// Only loaded when there is a user file: the built-in catalogue is checked by the test suite.
import type { z } from 'zod';
import { DataFileSchema, type DataFile } from './schema.js';

export function validateDataFile(data: unknown, label: string): { ok: true; value: DataFile } | { ok: false; problems: string[] } {
  const result = DataFileSchema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => describeIssue(issue, data, label)) };
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, label: string): string {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  // "exercises[3] "cat-camel"": the list entry, named by its id when it has one.
  let where = '';
  let rest = path;
  if ((path[0] === 'exercises' || path[0] === 'routines') && typeof path[1] === 'number') {
    const entry = valueAt(data, path.slice(0, 2));
    const id = entry && typeof entry === 'object' && 'id' in entry && typeof entry.id === 'string' ? ` "${entry.id}"` : '';
    where = `${path[0]}[${path[1]}]${id}: `;
    rest = path.slice(2);
  }
  const field = rest.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  const value = valueAt(data, path);

  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    const subject = field ? `${field} has` : where ? 'has' : 'the file has';
    return `${label}: ${where}${subject} unknown field${issue.keys.length > 1 ? 's' : ''} ${keys} (check the spelling; see data/schema/backex.schema.json)`;
  }
  const subject = field || (where ? 'this entry' : 'the file');
  // A rule across fields (a cap without its step, a missing "when"): the message says it all.
  if (issue.code === 'custom' && value === undefined) return `${label}: ${where}${subject} ${issue.message}`;
  if (value === undefined && issue.code === 'invalid_type') {
    return `${label}: ${where}${subject} is missing; it ${issue.message}`;
  }
  return `${label}: ${where}${subject} ${issue.message}, got ${show(value)}`;
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let here: unknown = data;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
