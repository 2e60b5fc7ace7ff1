// Issue 10, "small defects a new user hit": names typed without quotes, in any
// case; a routine that names an exercise twice; sideNames where people put it.
// Issue 15: nothing from a file or the command line drives the terminal.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.js';
import { findExercise, requireRoutine } from '../../src/catalogue/find.js';
import { planRoutine, repeatsNote } from '../../src/catalogue/plan.js';
import { runBackexInProcess, tempHome } from '../support/backex.js';

function file(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'backex-names-')), 'mine.json');
  writeFileSync(path, JSON.stringify(content, null, 2));
  return path;
}

const twice = { routines: [{ id: 'twice', name: 'Twice', exercises: ['bird-dog', 'superman', { exercise: 'bird-dog', dose: { reps: 3 } }, 'bridge', 'superman'] }] };

describe('names typed as people type them', () => {
  it('`show knee to chest` without quotes is the same as with them', async () => {
    const quoted = await runBackexInProcess(['show', 'knee to chest']);
    const unquoted = await runBackexInProcess(['show', 'knee', 'to', 'chest']);
    expect(unquoted.stderr).not.toMatch(/too many arguments/);
    expect(unquoted.stderr).toBe(quoted.stderr);
    expect(unquoted.stderr).toMatch(/did you mean: single-knee-to-chest \(2\), double-knee-to-chest \(3\)/);
    const r = await runBackexInProcess(['show', 'single', 'knee', 'to', 'chest']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Single knee to chest/);
  });

  it('a routine name and an exercise list may be typed without quotes', async () => {
    const data = file({ routines: [{ id: 'my-programme', name: 'My programme', exercises: ['bird-dog'] }] });
    const r = await runBackexInProcess(['list', '--routine', 'My', 'programme', '--data', data]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Routine "my-programme": My programme/);
    const s = await runBackexInProcess(['session', '--exercises', 'bird', 'dog,', 'superman', '--dry-run']);
    expect(s.status).toBe(0);
    expect(s.stdout).toMatch(/^Session "custom": 2 exercises/);
  });

  // Choices are checked by the command line (src/cli.ts): through the built command.
  it.each([
    [['list', '--category', 'Core'], /Core training/],
    [['list', '--category', 'STRETCH'], /Stretches/],
    [['list', '--equipment', 'Ball'], /With a stability ball/],
  ])('not case-sensitive: backex %j', async (args, expected) => {
    const r = await runBackexInProcess(args);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(expected);
  });

  it('routines and exercises are found in any case (list, show, session and routine files all use these)', async () => {
    const catalogue = await loadCatalogue({ env: { BACKEX_HOME: tempHome() } });
    expect(requireRoutine(catalogue.routines, 'CORE').id).toBe('core');
    expect(requireRoutine(catalogue.routines, 'Core').id).toBe('core');
    for (const name of ['BIRD-DOG', 'Bird-Dog', 'h', 'BIRD DOG', 'bird Dog']) expect(findExercise(catalogue.exercises, name)?.id, name).toBe('bird-dog');
  });

  it('a wrong category is still refused, listing the choices', async () => {
    const r = await runBackexInProcess(['list', '--category', 'Yoga']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/argument 'Yoga' is invalid\. Allowed choices are basics, stretch, core, ball\./);
  });
});

describe('a routine that names an exercise twice', () => {
  it('is planned once per exercise, where it first comes, with the dose given there', async () => {
    const catalogue = await loadCatalogue({ data: [file(twice)], env: { BACKEX_HOME: tempHome() } });
    const routine = catalogue.routines.find((r) => r.id === 'twice')!;
    expect(planRoutine(catalogue, routine).map((p) => p.exercise.id)).toEqual(['bird-dog', 'superman', 'bridge']);
    expect(planRoutine(catalogue, routine)[0]!.dose.reps).toBe(10);
    expect(repeatsNote(routine)).toBe('bird-dog and superman are each named more than once in this routine: a session does each exercise once, where it first comes, with the dose given there.');
    expect(repeatsNote(catalogue.routines.find((r) => r.id === 'core')!)).toBeUndefined();
  });

  it('list --routine and session --dry-run agree on the exercises and the time, and list says why', async () => {
    const data = file(twice);
    const list = await runBackexInProcess(['list', '--routine', 'twice', '--data', data]);
    const dry = await runBackexInProcess(['session', '--routine', 'twice', '--dry-run', '--data', data]);
    expect(list.status).toBe(0);
    const listed = /Total: (\d+) exercises, about ([^(]+?) \(/.exec(list.stdout)!;
    const planned = /Session "twice": (\d+) exercises, about ([^(]+?) \(/.exec(dry.stdout)!;
    expect(listed.slice(1)).toEqual(planned.slice(1));
    expect(listed[1]).toBe('3');
    expect(list.stdout.replace(/\s+/g, ' ')).toContain('bird-dog and superman are each named more than once in this routine: a session does each exercise once');
  });
});

describe('sideNames', () => {
  const exercise = { id: 'side-lying', name: 'Side lying', category: 'core', steps: ['Lift the leg.'], dose: { reps: 5, holdSeconds: 2, sides: 'each' } };
  it('is accepted beside the dose, where the README put it, and moved into the dose', async () => {
    const catalogue = await loadCatalogue({ data: [file({ exercises: [{ ...exercise, sideNames: ['left leg', 'right leg'] }] })], env: { BACKEX_HOME: tempHome() } });
    const found = catalogue.exercises.find((e) => e.id === 'side-lying')!;
    expect(found.dose.sideNames).toEqual(['left leg', 'right leg']);
    expect('sideNames' in found).toBe(false);
  });

  it('inside the dose too; both with different names is an error saying which to keep', async () => {
    const inside = await loadCatalogue({ data: [file({ exercises: [{ ...exercise, dose: { ...exercise.dose, sideNames: ['left', 'right'] } }] })], env: { BACKEX_HOME: tempHome() } });
    expect(inside.exercises.find((e) => e.id === 'side-lying')!.dose.sideNames).toEqual(['left', 'right']);
    await expect(loadCatalogue({ data: [file({ exercises: [{ ...exercise, sideNames: ['a', 'b'], dose: { ...exercise.dose, sideNames: ['left', 'right'] } }] })], env: { BACKEX_HOME: tempHome() } })).rejects.toThrow(/"side-lying": sideNames is given twice, beside the dose and inside it, with different names; keep the one inside "dose"/);
  });

  it('beside the dose, a session names each side with it', async () => {
    const r = await runBackexInProcess(['session', '--exercises', 'side lying', '--dry-run', '--data', file({ exercises: [{ ...exercise, sideNames: ['left leg', 'right leg'] }] })]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/left leg/);
  });
});

describe('nothing from the command line reaches the terminal raw', () => {
  it.each([
    [['show', 'X\u001b]0;PWNED\u0007\u001b[2J']],
    [['list', '--routine', 'a\u001b[2Jb']],
    [['list', '--bogus\u001b[2J']],
    [['list', '--category', 'c\u009bore']],
  ])('backex %j: the escape shown as \\u..., exit 2', async (args) => {
    const r = await runBackexInProcess(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\\u001b|\\u009b/);
    expect((r.stdout + r.stderr).replaceAll('\n', '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});
