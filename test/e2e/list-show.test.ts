// The built `backex list` and `backex show`, run as a user runs them: in a child
// process, as the shell starts them; the checks that try many sizes, names and files
// run the same bundle in-process (runBackexInProcess), which is cheaper.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bin, root, runBackex, runBackexInProcess, tempHome } from '../support/backex.js';

const ESC = '\x1b[';

describe('backex list', () => {
  it('groups the 17 exercises by category with dose, time and a total per group', () => {
    const r = runBackex(['list'], { env: { COLUMNS: '200' } });
    expect(r.status).toBe(0);
    for (const title of ['Basics', 'Stretches', 'Core training', 'With a stability ball']) expect(r.stdout).toContain(title);
    expect(r.stdout).toContain('bird-dog');
    expect(r.stdout).toContain('ball-crunch');
    expect(r.stdout).toMatch(/5 x 15 s hold, each side/);
    expect(r.stdout).toMatch(/10-15 reps/);
    expect(r.stdout.match(/Total: \d+ exercises?, about/g)).toHaveLength(4);
    expect(r.stdout).not.toContain(ESC); // piped: no colour
  });

  it('--json prints the exercises as one JSON array and nothing else', () => {
    const r = runBackex(['list', '--json']);
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list).toHaveLength(17);
    const birdDog = list.find((e: { id: string }) => e.id === 'bird-dog');
    expect(birdDog).toMatchObject({ number: 9, category: 'core', equipment: [], dose: { reps: 10, holdSeconds: 5, sides: 'alternate' } });
  });

  it('--core shows only the core exercises', () => {
    const r = runBackex(['list', '--core', '--json']);
    const ids = JSON.parse(r.stdout).map((e: { number: number }) => e.number);
    expect(ids).toEqual([7, 8, 9, 10, 11, 12]);
    const text = runBackex(['list', '--core']).stdout;
    expect(text).toContain('Core training');
    expect(text).not.toContain('Stretches');
  });

  it('--equipment ball and --routine', async () => {
    expect(JSON.parse((await runBackexInProcess(['list', '--equipment', 'ball', '--json'])).stdout).map((e: { number: number }) => e.number)).toEqual([13, 14, 15, 16, 17]);
    const core = JSON.parse((await runBackexInProcess(['list', '--routine', 'core', '--json'])).stdout).map((e: { number: number }) => e.number);
    expect(core).toEqual([1, 7, 8, 9, 10, 11, 12]);
  });

  it('--routine shows the dose a routine overrides', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backex-routine-'));
    const path = join(dir, 'physio.json');
    writeFileSync(path, JSON.stringify({ routines: [{ id: 'gentle', name: 'Gentle', exercises: [{ exercise: 'bridge', dose: { reps: 10, holdSeconds: 3 } }, 'superman'] }] }));
    const r = runBackex(['list', '--routine', 'gentle', '--data', path], { env: { COLUMNS: '200' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Routine "gentle"/);
    expect(r.stdout).toMatch(/10 x 3 s hold, each side, alternating/);
    expect(r.stdout).toMatch(/15 x 2 s hold, each side, alternating/);
  });

  it('respects NO_COLOR even when colour would otherwise be forced by a terminal', () => {
    const forced = runBackex(['list'], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain(ESC);
    const plain = runBackex(['list', '--no-color'], { env: { FORCE_COLOR: '1' } });
    expect(plain.stdout).not.toContain(ESC);
    const noColor = runBackex(['list'], { env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain(ESC);
  });

  it('list --core says that session --core does the core routine, which starts with #1', async () => {
    expect((await runBackexInProcess(['list', '--core'])).stdout).toMatch(/`backex session --core` does the "core" routine: #1 first/);
    expect((await runBackexInProcess(['list', '--stretch'])).stdout).not.toMatch(/does the "stretch" routine/);
  });

  it('shows the page\'s letter next to its number, so `show H` can be found', async () => {
    for (const columns of ['120', '80']) {
      const r = await runBackexInProcess(['list'], { env: { COLUMNS: columns } });
      expect(r.stdout).toMatch(/^ +9 H {2}bird-dog/m);
      expect(r.stdout).toMatch(/^ *17 P {2}ball-crunch/m);
      expect(r.stdout).toMatch(/^ +1 {4}neutral-spine-brace/m);
      expect(r.stdout).toMatch(/backex show <id, # or letter>/);
    }
  });

  it('at 120, 80 and 40 columns no word is split, and every id stays whole on one line', async () => {
    // At 1000 columns nothing wraps: every word there is whole.
    const whole = new Set((await runBackexInProcess(['list'], { env: { COLUMNS: '1000' } })).stdout.split(/\s+/));
    const ids = (JSON.parse((await runBackexInProcess(['list', '--json'])).stdout) as { id: string }[]).map((e) => e.id);
    for (const columns of [120, 80, 40]) {
      const out = (await runBackexInProcess(['list'], { env: { COLUMNS: String(columns) } })).stdout;
      for (const line of out.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(columns);
      // Cards (narrow terminals) add their separator and say "no equipment" in full.
      for (const word of out.split(/\s+/)) expect(whole.has(word) || ['·', 'no', 'equipment', 'stability', 'ball'].includes(word), `"${word}" is split at ${columns} columns`).toBe(true);
      for (const id of ids) expect(out).toMatch(new RegExp(`(^|\\s)${id}(\\s|$)`));
    }
  });

  it('fits a narrow terminal without a line wider than it', async () => {
    for (const columns of ['60', '40', '24']) {
      const r = await runBackexInProcess(['list'], { env: { COLUMNS: columns } });
      expect(r.status).toBe(0);
      for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(Number(columns));
      expect(r.stdout).toContain('bird-dog');
    }
  });

  it('an unknown option is a usage error with exit code 2', () => {
    const r = runBackex(['list', '--cor']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--cor'/);
    expect(r.stderr).toMatch(/--core/);
  });
});

describe('backex show', () => {
  it.each(['bird-dog', '9', '#9', '# 9', 'H', 'h', 'Bird Dog', 'birddog', 'BIRD-DOG', 'Back pain exercise "Bird Dog"'])('finds bird dog by %j', async (query) => {
    const r = await runBackexInProcess(['show', query]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/bird-dog/);
    expect(r.stdout).toMatch(/#9/);
  });

  it('shows everything a user needs, and the safety rules', () => {
    const r = runBackex(['show', 'bird-dog']);
    for (const part of ['Purpose', 'Works on', 'Position', 'Equipment', 'Steps', 'Dose', 'Time', 'Safety']) expect(r.stdout).toContain(part);
    expect(r.stdout).toMatch(/10 x 5 s hold, each side, alternating/);
    expect(r.stdout).toMatch(/left arm and right leg/);
    expect(r.stdout).toMatch(/hold your breath/i);
    expect(r.stdout).toMatch(/physician/);
    expect(r.stdout).toMatch(/ 1\. /);
  });

  it('--json prints the one exercise object', () => {
    const r = runBackex(['show', 'H', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: 'bird-dog', number: 9, letter: 'H' });
  });

  it('an unknown exercise suggests near names on stderr, exit 2', () => {
    const r = runBackex(['show', 'brd dog']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("no exercise 'brd dog'; did you mean: bird-dog (9), ball-bird-dog (14)?");
  });

  it('when nothing matches exactly, suggests every exercise whose name holds the words', async () => {
    const r = await runBackexInProcess(['show', 'knee to chest']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("no exercise 'knee to chest'; did you mean: single-knee-to-chest (2), double-knee-to-chest (3)?");
    expect((await runBackexInProcess(['show', 'quadraped'])).stderr).toContain('did you mean: backward-rock (7), forward-rock (8)?');
  });

  it('reads a user exercise given with --data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backex-user-'));
    const path = join(dir, 'mine.json');
    writeFileSync(path, JSON.stringify({ exercises: [{ id: 'cat-camel', name: 'Cat camel', category: 'core', steps: ['Round your back.', 'Arch it gently.'], dose: { reps: 10, holdSeconds: 0, sides: 'none' } }] }));
    const r = runBackex(['show', 'cat-camel', '--data', path]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Cat camel');
    expect(r.stdout).toContain('Arch it gently.');
    expect(r.stdout).toContain('mine.json');
    expect(runBackex(['list', '--data', path]).stdout).toContain('cat-camel');
  });
});

describe('your own files', () => {
  const mine = (content: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), 'backex-mine-')), 'mine.json');
    writeFileSync(path, JSON.stringify(content));
    return path;
  };

  it('your version of bird dog is still #9 and H', async () => {
    const path = mine({ exercises: [{ id: 'bird-dog', name: 'My bird dog', category: 'core', steps: ['Slowly.'], dose: { reps: 5, holdSeconds: 5, sides: 'alternate' } }] });
    for (const query of ['9', 'H']) {
      const r = await runBackexInProcess(['show', query, '--data', path]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/My bird dog +bird-dog +#9, H/);
    }
  });

  it('the same file twice is read once, not a clash with itself', async () => {
    const path = mine({ exercises: [{ id: 'cat-camel', name: 'Cat camel', category: 'core', steps: ['Round your back.'], dose: { reps: 10, holdSeconds: 0, sides: 'none' } }] });
    const r = await runBackexInProcess(['list', '--data', path, '--data', path]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('the command line', () => {
  it.each(['--version', '-V', '-v'])('%s prints the version', (flag) => {
    const r = runBackex([flag]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  it('help for an unknown command says it is unknown, with a suggestion, exit 2', async () => {
    const typo = await runBackexInProcess(['help', 'lsit']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/^backex: unknown command 'lsit'\n\(Did you mean list\?\)/);
    expect(typo.stderr).not.toMatch(/Usage:/);
    const unknown = await runBackexInProcess(['help', 'foo']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^backex: unknown command 'foo'\n\(the commands are list, show, session/);
    expect((await runBackexInProcess(['help', 'show'])).stdout).toMatch(/Usage: backex show/);
  });

  it('usage errors all start "backex: " (commander\'s own too) and exit 2', async () => {
    for (const args of [['list', '--cor'], ['show'], ['frobnicate'], ['list', '--category', 'yoga']]) {
      const r = await runBackexInProcess(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^backex: /);
      expect(r.stderr).not.toMatch(/^error:/m);
    }
  });

  it('help shows examples for the program and each command', async () => {
    expect((await runBackexInProcess(['--help'])).stdout).toMatch(/Examples:[\s\S]*backex session --core/);
    const help = await runBackexInProcess(['list', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Examples:[\s\S]*backex list --core/);
    // A command's help names the options every command takes, --data among them.
    expect((await runBackexInProcess(['plan', '--help'])).stdout).toMatch(/Global Options:\n[\s\S]*--data <file-or-folder>/);
  });

  it('list and show load no prompt, spinner or speech code (start-up stays light)', () => {
    const markers = [/ExitPromptError/, /discardStdin/, /SayText/, /createSpeaker/];
    for (const args of [['list'], ['show', 'bird-dog']]) {
      const loads = join(mkdtempSync(join(tmpdir(), 'backex-loads-')), 'loads.txt');
      writeFileSync(loads, '');
      const r = spawnSync(process.execPath, ['--import', join(root, 'test/support/record-loads.mjs'), bin, ...args], {
        env: { ...process.env, BACKEX_HOME: tempHome(), BACKEX_LOADS: loads },
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
      const files = readFileSync(loads, 'utf8').split('\n').filter((u) => u.startsWith('file:') && u.includes('/dist/'));
      expect(files.length).toBeGreaterThan(0);
      for (const url of files) {
        const code = readFileSync(new URL(url), 'utf8');
        for (const marker of markers) expect(code, `${args[0]} loaded ${url}, which has ${marker}`).not.toMatch(marker);
      }
    }
    // Each marker really is in the build (in the session's chunks), so this check can fail.
    const all = readdirSync(join(root, 'dist', 'chunks')).map((f) => readFileSync(join(root, 'dist', 'chunks', f), 'utf8')).join('\n');
    for (const marker of markers) expect(all).toMatch(marker);
  });
});
