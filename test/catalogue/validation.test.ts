import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExercise } from '../../src/catalogue/find.js';
import { jsonSchemaText } from '../../src/catalogue/json-schema.js';
import { loadCatalogue } from '../../src/catalogue/load.js';
import { DataError } from '../../src/errors.js';
import { runBackexInProcess, tempHome } from '../support/backex.js';

const good = { id: 'cat-camel', name: 'Cat camel', category: 'core', steps: ['Round your back, then arch it gently.'], dose: { reps: 10, holdSeconds: 0, sides: 'none' } };

function file(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'backex-data-'));
  const path = join(dir, 'my.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

async function problems(content: unknown): Promise<string[]> {
  try {
    await loadCatalogue({ data: [file(content)], env: { BACKEX_HOME: tempHome() } });
  } catch (error) {
    if (error instanceof DataError) return error.problems;
    throw error;
  }
  return [];
}

// Each broken file, and what its message must say: file, entry, field, what was expected.
const BROKEN: [name: string, content: unknown, message: RegExp][] = [
  ['negative reps', { exercises: [good, good, good, { ...good, dose: { ...good.dose, reps: -2 } }] }, /my\.json: exercises\[3\] "cat-camel": dose\.reps must be a positive whole number.*got -2/],
  ['missing field', { exercises: [{ ...good, steps: undefined }] }, /my\.json: exercises\[0\] "cat-camel": steps is missing; it must be a list of texts/],
  ['wrong type', { exercises: [{ ...good, dose: { ...good.dose, holdSeconds: 'five' } }] }, /exercises\[0\] "cat-camel": dose\.holdSeconds must be a whole number of seconds, 0 or more, got "five"/],
  ['bad sides', { exercises: [{ ...good, dose: { ...good.dose, sides: 'both' } }] }, /dose\.sides must be "none", "each".*got "both"/],
  ['bad range', { exercises: [{ ...good, dose: { ...good.dose, reps: { min: 15, max: 10 } } }] }, /dose\.reps must have "min" smaller than "max"/],
  ['unknown field', { exercises: [{ ...good, hold: 5 }] }, /exercises\[0\] "cat-camel": has unknown field "hold" \(check the spelling; every field is listed in the README, under Exercise files/],
  ['bad id', { exercises: [{ ...good, id: 'Cat Camel' }] }, /exercises\[0\] "Cat Camel": id must be a kebab-case id/],
  ['bad category', { exercises: [{ ...good, category: 'yoga' }] }, /category must be one of "basics", "stretch", "core", "ball", got "yoga"/],
  ['duplicate id', { exercises: [good, good] }, /my\.json: exercises\[1\] "cat-camel": id is already used by another exercise in this file/],
  ['unknown routine member', { routines: [{ id: 'mine', name: 'Mine', exercises: ['bird-dog', 'brd-dog'] }] }, /my\.json: routine "mine": exercises\[1\] names "brd-dog", which is not an exercise; did you mean: bird-dog \(9\)/],
  ['a list where an object belongs', [good], /my\.json: the file must be one JSON object/],
  ['bad JSON', '{ "exercises": [\n  { "id": "x" "name": "y" }\n]}', /my\.json: line 2, column 15: expected a comma/],
  ['over-limit reps', { exercises: [{ ...good, dose: { ...good.dose, reps: 100000 } }] }, /my\.json: exercises\[0\] "cat-camel": dose\.reps must be at most 100, got 100000/],
  ['over-limit range', { exercises: [{ ...good, dose: { ...good.dose, reps: { min: 10, max: 150 } } }] }, /exercises\[0\] "cat-camel": dose\.reps\.max must be at most 100, got 150/],
  ['over-limit hold', { exercises: [{ ...good, dose: { ...good.dose, holdSeconds: 900 } }] }, /exercises\[0\] "cat-camel": dose\.holdSeconds must be at most 300 seconds, got 900/],
  ['over-limit tempo', { exercises: [{ ...good, dose: { ...good.dose, tempoSeconds: 90 } }] }, /dose\.tempoSeconds must be at most 60 seconds, got 90/],
  ['over-limit rest', { exercises: [{ ...good, dose: { ...good.dose, restSeconds: 600 } }] }, /dose\.restSeconds must be at most 300 seconds, got 600/],
  ['over-limit routine dose', { routines: [{ id: 'mine', name: 'Mine', exercises: [{ exercise: 'bridge', dose: { reps: 1000 } }] }] }, /routines\[0\] "mine": exercises\[0\]\.dose\.reps must be at most 100, got 1000/],
];

describe('a broken data file gives a clear message naming file, entry, field and expectation', () => {
  it.each(BROKEN)('%s', async (_name, content, message) => {
    const found = await problems(content);
    expect(found.join('\n')).toMatch(message);
  });

  it('a valid user file adds its exercise, and may replace a built-in one by id', async () => {
    const catalogue = await loadCatalogue({ data: [file({ exercises: [good, { ...good, id: 'bird-dog', name: 'My bird dog' }] })], env: { BACKEX_HOME: tempHome() } });
    expect(catalogue.exercises.find((e) => e.id === 'cat-camel')?.name).toBe('Cat camel');
    expect(catalogue.exercises.find((e) => e.id === 'bird-dog')?.name).toBe('My bird dog');
    expect(catalogue.exerciseSource.get('bird-dog')).toMatch(/my\.json$/);
  });

  it('a user\'s version of a page exercise keeps its number and letter unless it gives its own', async () => {
    const catalogue = await loadCatalogue({ data: [file({ exercises: [{ ...good, id: 'bird-dog', name: 'My bird dog' }] })], env: { BACKEX_HOME: tempHome() } });
    expect(findExercise(catalogue.exercises, '9')?.name).toBe('My bird dog');
    expect(findExercise(catalogue.exercises, 'H')?.name).toBe('My bird dog');
    // Still in page order, between #8 and #10.
    expect(catalogue.exercises.map((e) => e.number)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });

  it('a routine may name an exercise by alias, number or name: it is resolved to the id', async () => {
    const catalogue = await loadCatalogue({ data: [file({ routines: [{ id: 'mine', name: 'Mine', exercises: ['neutral-spine', '9', { exercise: 'Superman', dose: { reps: 5 } }] }] })], env: { BACKEX_HOME: tempHome() } });
    expect(catalogue.routines.find((r) => r.id === 'mine')!.exercises).toEqual(['neutral-spine-brace', 'bird-dog', { exercise: 'superman', dose: { reps: 5 } }]);
  });

  it('the README\'s example file loads as it stands, naming exercises by id', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /## Exercise files[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)![1]!;
    const catalogue = await loadCatalogue({ data: [file(example)], env: { BACKEX_HOME: tempHome() } });
    const routine = catalogue.routines.find((r) => r.id === 'my-programme')!;
    expect(routine.exercises).toEqual(JSON.parse(example).routines[0].exercises);
  });

  it('the same file given twice, or given with --data from the config folder, is read once (no clash with itself)', async () => {
    const a = file({ exercises: [good] });
    await expect(loadCatalogue({ data: [a, a], env: { BACKEX_HOME: tempHome() } })).resolves.toBeDefined();
    const home = tempHome();
    mkdirSync(join(home, 'config'), { recursive: true });
    const inConfig = join(home, 'config', 'mine.json');
    writeFileSync(inConfig, JSON.stringify({ exercises: [good] }));
    const catalogue = await loadCatalogue({ data: [inConfig, join(home, 'config')], env: { BACKEX_HOME: home } });
    expect(catalogue.exercises.filter((e) => e.id === 'cat-camel')).toHaveLength(1);
  });

  it('the same id in two user files is a clash', async () => {
    const a = file({ exercises: [good] });
    const b = file({ exercises: [good] });
    await expect(loadCatalogue({ data: [a, b], env: { BACKEX_HOME: tempHome() } })).rejects.toThrow(/"cat-camel": id is already used by/);
  });

  // The same files through the built command, as a user meets them.
  const endToEnd = ['missing field', 'wrong type', 'negative reps', 'unknown field', 'duplicate id', 'unknown routine member', 'bad JSON', 'over-limit reps', 'over-limit routine dose'];
  it.each(BROKEN.filter(([name]) => endToEnd.includes(name)))('the built command: %s gives its message, exit 2, no stack trace', async (_name, content, message) => {
    const r = await runBackexInProcess(['list', '--data', file(content)]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^backex: .*my\.json: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^ {4}at /m);
  });

  it('every *.json in the config folder (under BACKEX_HOME) is loaded too', async () => {
    const home = tempHome();
    mkdirSync(join(home, 'config'), { recursive: true });
    writeFileSync(join(home, 'config', 'mine.json'), JSON.stringify({ exercises: [good] }));
    const r = await runBackexInProcess(['show', 'cat camel'], { home });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Cat camel');
  });
});

describe('the JSON Schema for editors', () => {
  it('is generated from the zod schema and committed up to date (npm run schema)', () => {
    const committed = readFileSync(new URL('../../data/schema/backex.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(jsonSchemaText());
  });

  it('is what the built-in data files point to', () => {
    for (const name of ['exercises.json', 'routines.json']) {
      const data = JSON.parse(readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8'));
      expect(data.$schema).toBe('./schema/backex.schema.json');
    }
  });
});
