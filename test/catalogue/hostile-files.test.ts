// Issue 15: what hostile or odd data files must not do: drive the terminal,
// hang, eat memory, overflow the stack, or be read silently wrong.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.js';
import { DataError } from '../../src/errors.js';
import { CONTROL_CHARACTERS } from '../../src/terminal/visible.js';
import { root, runBackex, tempHome } from '../support/backex.js';

const good = { id: 'cat-camel', name: 'Cat camel', category: 'core', steps: ['Round your back, then arch it gently.'], dose: { reps: 10, holdSeconds: 0, sides: 'none' } };

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'backex-hostile-'));
}

function file(content: unknown, name = 'my.json'): string {
  const path = join(folder(), name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

async function problems(content: unknown): Promise<string[]> {
  return problemsOf([file(content)]);
}

async function problemsOf(data: string[], env: NodeJS.ProcessEnv = { BACKEX_HOME: tempHome() }): Promise<string[]> {
  try {
    await loadCatalogue({ data, env });
  } catch (error) {
    if (error instanceof DataError) return error.problems;
    throw error;
  }
  return [];
}

const ESC_TITLE = 'X\u001b]0;PWNED\u0007\u001b[2J';

describe('control characters in a data file are refused, naming file, entry and field (item 1)', () => {
  const withRoutine = (routine: object) => ({ exercises: [good], routines: [{ id: 'mine', name: 'Mine', exercises: ['cat-camel'], ...routine }] });
  it.each([
    ['an escape sequence in the name', { exercises: [{ ...good, name: ESC_TITLE }] }, /my\.json: exercises\[0\] "cat-camel": name must not hold control characters \(found \\u001b at character 2\)/],
    ['a bell in the position', { exercises: [{ ...good, position: 'On your back\u0007' }] }, /exercises\[0\] "cat-camel": position must not hold control characters \(found \\u0007/],
    ['NUL in a step', { exercises: [{ ...good, steps: ['ok', 'a\u0000b'] }] }, /exercises\[0\] "cat-camel": steps\[1\] must not hold control characters \(found \\u0000/],
    ['DEL in an alias', { exercises: [{ ...good, aliases: ['cc\u007f'] }] }, /aliases\[0\] must not hold control characters \(found \\u007f/],
    ['C1 CSI in a caution', { exercises: [{ ...good, cautions: ['\u009b2J'] }] }, /cautions\[0\] must not hold control characters \(found \\u009b/],
    ['a right-to-left override in equipment', { exercises: [{ ...good, equipment: ['mat\u202e'] }] }, /equipment\[0\] must not hold control characters \(found \\u202e/],
    ['an isolate in a side name', { exercises: [{ ...good, dose: { ...good.dose, sides: 'each', sideNames: ['left\u2066', 'right'] } }] }, /dose\.sideNames\[0\] must not hold control characters \(found \\u2066/],
    ['a tab in the release words', { exercises: [{ ...good, releaseWords: ['Relax\tnow.'] }] }, /releaseWords\[0\] must not hold control characters \(found \\u0009/],
    ['an escape in a routine name', withRoutine({ name: ESC_TITLE }), /routines\[0\] "mine": name must not hold control characters/],
    ['an escape in a routine description', withRoutine({ description: 'a\u001bb' }), /routines\[0\] "mine": description must not hold control characters/],
    ['an escape in a routine entry', withRoutine({ exercises: ['cat\u001b-camel'] }), /routines\[0\] "mine": exercises\[0\] must not hold control characters/],
  ])('%s', async (_name, content, message) => {
    const found = (await problems(content)).join('\n');
    expect(found).toMatch(message);
    expect(found).not.toMatch(CONTROL_CHARACTERS);
  });

  it.each([
    ['a raw id', { exercises: [{ ...good, id: ESC_TITLE }] }],
    ['an unknown field name', { exercises: [{ ...good, [`x${ESC_TITLE}`]: 1 }] }],
    ['a wrong value', { exercises: [{ ...good, category: ESC_TITLE }] }],
    ['a file that is not JSON, with NULs', `\u0000\u0000\u001b]0;PWNED\u0007 {`],
    ['a JSON error on a line with an escape', `{ "exercises": [\n  { "id": "x\u001b[2J" "name": 1 }\n]}`],
  ])('the message never echoes a control character: %s', async (_name, content) => {
    const found = (await problems(content)).join('\n');
    expect(found).toMatch(/my\.json/);
    // Line breaks are the message's own (a quoted line under the problem); nothing else.
    expect(found.replaceAll('\n', '')).not.toMatch(CONTROL_CHARACTERS);
    expect(found).toContain('\\u001b');
  });

  it('the built command: exit 2, the escape shown as \\u001b, nothing raw on stdout or stderr', () => {
    const r = runBackex(['list', '--data', file({ exercises: [{ ...good, name: ESC_TITLE }] })]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('\\u001b');
    expect((r.stdout + r.stderr).replaceAll('\n', '')).not.toMatch(CONTROL_CHARACTERS);
  });
});

describe('special files and sizes (item 5)', () => {
  const fifo = () => {
    const path = join(folder(), 'pipe.json');
    execFileSync('mkfifo', [path]);
    return path;
  };
  it('a FIFO given as --data is refused at once, in plain words', () => {
    const r = runBackex(['list', '--data', fifo()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/pipe\.json: not a plain file \(it is a named pipe\)/);
  });

  it('a FIFO lying as *.json in a --data folder is refused too', async () => {
    const path = fifo();
    const found = (await problemsOf([join(path, '..')])).join('\n');
    expect(found).toMatch(/pipe\.json: not a plain file \(it is a named pipe\)/);
  });

  it('a FIFO lying as *.json in the config folder is refused by the built command, exit 2', () => {
    const home = tempHome();
    mkdirSync(join(home, 'config'));
    execFileSync('mkfifo', [join(home, 'config', 'mine.json')]);
    const r = runBackex(['show', 'bird-dog'], { home });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/config\/mine\.json: not a plain file \(it is a named pipe\)/);
  });

  it.each(['/dev/zero', '/dev/full', '/dev/null'])('%s is refused as a device, without reading it', (device) => {
    const r = runBackex(['list', '--data', device]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${device}: not a plain file \\(it is a device\\)`));
  });

  it('a file over the size limit is refused with its size', async () => {
    const big = file(`{"exercises": [], "$schema": "${'x'.repeat(5 * 1024 * 1024)}"}`);
    expect((await problemsOf([big])).join('\n')).toMatch(/my\.json: is 5\.0 MB; a data file may be at most 2 MB/);
  });
});

describe('lengths and depth (item 7)', () => {
  it.each([
    ['a 200,000-character name', { exercises: [{ ...good, name: 'a'.repeat(200_000) }] }, /exercises\[0\] "cat-camel": name must be at most 100 characters, got 200000/],
    ['a 130,000-character routine id', { routines: [{ id: 'a'.repeat(130_000), name: 'Mine', exercises: ['bird-dog'] }] }, /routines\[0\] "a{10}.*": id must be at most 60 characters/],
    ['a very long step', { exercises: [{ ...good, steps: ['a'.repeat(5000)] }] }, /steps\[0\] must be at most 600 characters/],
    ['a very long alias', { exercises: [{ ...good, aliases: ['a'.repeat(500)] }] }, /aliases\[0\] must be at most 100 characters/],
    ['too many steps', { exercises: [{ ...good, steps: Array.from({ length: 500 }, () => 'Step.') }] }, /steps must list at most 50/],
  ])('%s is refused', async (_name, content, message) => {
    const found = (await problems(content)).join('\n');
    expect(found).toMatch(message);
    expect(found.length).toBeLessThan(2000);
  });

  it('a file nested 100,000 levels deep is a data error naming the file, not a stack overflow', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect((await problems(deep)).join('\n')).toMatch(/my\.json: line 1, column \d+: nested too deeply/);
    const r = runBackex(['list', '--data', file(`{"exercises": ${deep}}`)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/my\.json: line 1, column \d+: nested too deeply/);
  });
});

describe('smaller (item 12)', () => {
  it.each([
    ['zero-width spaces', '\u200b\u200b\u200b'],
    ['a zero-width joiner and a BOM', '\u200d\ufeff'],
    ['spaces and a word joiner', '  \u2060 '],
  ])('a name of only %s is refused', async (_name, name) => {
    expect((await problems({ exercises: [{ ...good, name }] })).join('\n')).toMatch(/exercises\[0\] "cat-camel": name must not be empty/);
  });

  it('a duplicate key in a JSON object is refused, naming the key and where', async () => {
    const text = '{\n  "exercises": [\n    { "id": "cat-camel", "name": "Cat camel", "name": "Other" }\n  ]\n}';
    expect((await problems(text)).join('\n')).toMatch(/my\.json: line 3, column 47: "name" is given twice in the same object/);
  });

  it('a symlink loop given as --data is reported as such', async () => {
    const dir = folder();
    symlinkSync(join(dir, 'b.json'), join(dir, 'a.json'));
    symlinkSync(join(dir, 'a.json'), join(dir, 'b.json'));
    expect((await problemsOf([join(dir, 'a.json')])).join('\n')).toMatch(/a\.json: --data names a symbolic link that loops back on itself/);
  });
});

describe('an unreadable folder is exit 2 in plain words (item 9)', () => {
  // Root reads any folder, so the command runs as "nobody" when the tests run as root: from a
  // copy of the built command that nobody may read (the checkout itself may be in a private folder).
  let copy: string | undefined;
  const readableCopy = () => {
    if (copy) return copy;
    const dir = mkdtempSync(join(tmpdir(), 'backex-nobody-'));
    for (const part of ['bin', 'dist', 'data', 'package.json']) cpSync(join(root, part), join(dir, part), { recursive: true });
    const open = (path: string) => {
      chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
      if (statSync(path).isDirectory()) for (const name of readdirSync(path)) open(join(path, name));
    };
    open(dir);
    return (copy = join(dir, 'bin', 'backex.js'));
  };
  const run = (args: string[], home: string) => {
    if (process.getuid?.() !== 0) return runBackex(args, { home });
    try {
      const out = execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, readableCopy(), ...args], { env: { ...process.env, BACKEX_HOME: home, COLUMNS: '120' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return { status: 0, stdout: out, stderr: '' };
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      return { status: e.status, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const home = () => {
    const dir = tempHome();
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'config'));
    return dir;
  };

  it('the config folder', () => {
    const dir = home();
    chmodSync(join(dir, 'config'), 0);
    const r = run(['list'], dir);
    expect(r.stderr).toMatch(/backex: cannot read the folder .*config: no permission/);
    expect(r.stderr).not.toMatch(/EACCES|scandir/);
    expect(r.status).toBe(2);
  });

  it('a --data folder', () => {
    const dir = home();
    const data = join(dir, 'mine');
    mkdirSync(data);
    chmodSync(data, 0);
    const r = run(['list', '--data', data], dir);
    expect(r.stderr).toMatch(/backex: cannot read the folder .*mine: no permission/);
    expect(r.stderr).not.toMatch(/EACCES|scandir/);
    expect(r.status).toBe(2);
  });
});
