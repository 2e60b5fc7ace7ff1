import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import { parseHistory, parseOverviews, readSessions } from '../../src/history/read.js';
import { openHistory } from '../../src/history/store.js';
import { exerciseRecord, sessionLines, toText } from './fixtures.js';

const temp = () => mkdtempSync(join(tmpdir(), 'backex-history-'));
const start = { sessionId: 's1', startedAt: '2026-11-02T09:00:00.000Z', routine: 'core', planned: [] };

describe('the history file', () => {
  it('is written as it goes: start, each exercise, end; read back as one session', () => {
    const file = join(temp(), 'data', 'history.jsonl');
    const warnings: string[] = [];
    const writer = openHistory({ file, warn: (m) => warnings.push(m) });
    writer.start(start);
    writer.exercise('s1', exerciseRecord('bird-dog', 'done', 3, start.startedAt));
    // Readable before the session ends: a crash now loses nothing written.
    const midway = readSessions({ file, warn: () => {} });
    expect(midway[0]).toMatchObject({ status: 'interrupted', exercises: [{ id: 'bird-dog', status: 'done' }] });
    writer.end({ sessionId: 's1', endedAt: '2026-11-02T09:10:00.000Z', status: 'finished', painEnd: 2, durationMs: 600_000 });
    writer.close();
    const [s] = readSessions({ file, warn: () => {} });
    expect(s).toMatchObject({ status: 'finished', painStart: 3, painEnd: 2, durationMs: 600_000 });
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).v)).toEqual([1, 1, 1]);
    expect(warnings).toEqual([]);
  });

  it('is private (file 0600, folder 0700) even with umask 000', () => {
    const dir = join(temp(), 'deep', 'data');
    const file = join(dir, 'history.jsonl');
    const old = process.umask(0);
    try {
      const writer = openHistory({ file, warn: () => {} });
      writer.start(start);
      writer.close();
    } finally {
      process.umask(old);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, '..')).mode & 0o777).toBe(0o700);
  });

  it('a folder it cannot write: one warning, no throw, later writes do nothing', () => {
    const dir = temp();
    const file = join(dir, 'locked', 'history.jsonl');
    mkdirSync(join(dir, 'locked'));
    chmodSync(join(dir, 'locked'), 0o500);
    // root ignores permissions; a path through a file fails for everyone.
    const blocked = process.getuid?.() === 0 ? join(dir, 'afile', 'history.jsonl') : file;
    writeFileSync(join(dir, 'afile'), '');
    const warnings: string[] = [];
    const writer = openHistory({ file: blocked, warn: (m) => warnings.push(m) });
    expect(() => {
      writer.start(start);
      writer.exercise('s1', exerciseRecord('x', 'done', 1, start.startedAt));
      writer.end({ sessionId: 's1', endedAt: start.startedAt, status: 'finished', painEnd: 1, durationMs: 1 });
    }).not.toThrow();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/This session is not being saved \(cannot write .*history\.jsonl: (no permission|a file of that name is in the way)\)/);
    expect(writer.saving).toBe(false);
  });

  it('a symbolic link in place of the history file is never followed: one warning naming the file; the target keeps its content and mode', () => {
    const dir = join(temp(), 'data');
    mkdirSync(dir);
    const file = join(dir, 'history.jsonl');
    const target = join(temp(), 'someone-elses.txt');
    writeFileSync(target, 'theirs\n', { mode: 0o644 });
    chmodSync(target, 0o644);
    symlinkSync(target, file);
    const warnings: string[] = [];
    const writer = openHistory({ file, warn: (m) => warnings.push(m) });
    expect(() => {
      writer.start(start);
      writer.exercise('s1', exerciseRecord('x', 'done', 1, start.startedAt));
      writer.end({ sessionId: 's1', endedAt: start.startedAt, status: 'finished', painEnd: 1, durationMs: 1 });
      writer.close();
    }).not.toThrow();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBe(`This session is not being saved (cannot write ${file}: it is a symbolic link, and backex never follows one for your history (another user could have put it there). Move the real file into its place, or remove the link). Your earlier history is untouched.`);
    expect(readFileSync(target, 'utf8')).toBe('theirs\n');
    expect(statSync(target).mode & 0o777).toBe(0o644);
    // Reading refuses it the same way, rather than showing someone else's file as your history.
    expect(() => readSessions({ file, warn: () => {} })).toThrow(/it is a symbolic link/);
  });

  it.skipIf(!existsSync('/dev/full'))('a link to a device (/dev/full) is refused as a link, and the device is never made "private"', () => {
    const dir = join(temp(), 'data');
    mkdirSync(dir);
    const file = join(dir, 'history.jsonl');
    symlinkSync('/dev/full', file);
    const deviceMode = statSync('/dev/full').mode;
    const warnings: string[] = [];
    const writer = openHistory({ file, warn: (m) => warnings.push(m) });
    writer.start(start);
    expect(writer.problem).toMatch(/^cannot write .*history\.jsonl: it is a symbolic link/);
    expect(warnings).toHaveLength(1);
    expect(statSync('/dev/full').mode).toBe(deviceMode);
  });

  it('a FIFO in place of the history file is refused (not a plain file), without waiting for a reader', () => {
    const dir = join(temp(), 'data');
    mkdirSync(dir);
    const file = join(dir, 'history.jsonl');
    execFileSync('mkfifo', [file]);
    const writer = openHistory({ file, warn: () => {} });
    writer.start(start);
    expect(writer.problem).toBe(`cannot write ${file}: it is not a plain file, so it cannot hold your history`);
    expect(() => readSessions({ file, warn: () => {} })).toThrow(/it is not a plain file/);
  });

  it('an existing data folder with wider modes is made private; an existing file keeps its mode (backex did not create it), the folder above is left alone (umask 000)', () => {
    const home = temp();
    const old = process.umask(0);
    try {
      chmodSync(home, 0o755);
      mkdirSync(join(home, 'data'), { mode: 0o755 });
      writeFileSync(join(home, 'data', 'history.jsonl'), '', { mode: 0o644 });
      expect(statSync(join(home, 'data')).mode & 0o777).toBe(0o755);
      const writer = openHistory({ env: { BACKEX_HOME: home }, warn: () => {} });
      writer.start(start);
      writer.close();
    } finally {
      process.umask(old);
    }
    // The folder (0700) is what keeps other users out.
    expect(statSync(join(home, 'data')).mode & 0o777).toBe(0o700);
    expect(statSync(join(home, 'data', 'history.jsonl')).mode & 0o777).toBe(0o644);
    expect(statSync(home).mode & 0o777).toBe(0o755);
  });

  it('a torn last line is skipped with one warning naming its line; every other record is read', () => {
    const lines = [...sessionLines('a', new Date(2026, 10, 2, 9), [3, 2]), ...sessionLines('b', new Date(2026, 10, 3, 9), [2, 2])];
    const text = toText(lines) + '{"v":1,"type":"exercise","sessionId":"b","exer';
    const damaged: number[] = [];
    const sessions = parseHistory(text, (n) => damaged.push(n));
    expect(damaged).toEqual([lines.length + 1]);
    expect(sessions.map((s) => s.sessionId)).toEqual(['b', 'a']);
    expect(sessions.flatMap((s) => s.exercises)).toHaveLength(4);
  });

  it('after a torn last line (a write cut short), the next session still starts on a line of its own', () => {
    const file = join(temp(), 'history.jsonl');
    const torn = toText(sessionLines('a', new Date(2026, 10, 2, 9), [3, 2])) + '{"v":1,"type":"exercise","sessionId":"a","exer';
    writeFileSync(file, torn);
    const writer = openHistory({ file, warn: () => {} });
    writer.start({ ...start, sessionId: 'b', startedAt: '2026-11-03T09:00:00.000Z' });
    writer.exercise('b', exerciseRecord('bird-dog', 'done', 2, '2026-11-03T09:00:00.000Z'));
    writer.close();
    const warnings: string[] = [];
    const sessions = readSessions({ file, warn: (m) => warnings.push(m) });
    expect(sessions.map((s) => [s.sessionId, s.routine, s.exercises.length])).toEqual([['b', 'core', 1], ['a', 'core', 2]]);
    // Only the torn line is lost, and it is reported; the file before it is untouched.
    expect(warnings).toHaveLength(1);
    expect(readFileSync(file, 'utf8').startsWith(torn)).toBe(true);
  });

  it('a hand-edited line in the middle is reported by number and skipped; the file is not rewritten', () => {
    const file = join(temp(), 'history.jsonl');
    const lines = toText(sessionLines('a', new Date(2026, 10, 2, 9), [3, 2])).split('\n');
    lines.splice(2, 0, 'this is not json');
    writeFileSync(file, lines.join('\n'));
    const before = readFileSync(file, 'utf8');
    const warnings: string[] = [];
    const [s] = readSessions({ file, warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([expect.stringMatching(/line 3 is damaged/)]);
    expect(s!.exercises).toHaveLength(2);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('a session with no end line reads as interrupted, with what it did', () => {
    const [s] = parseHistory(toText(sessionLines('a', new Date(2026, 10, 2, 9), [4], null)), () => {});
    expect(s).toMatchObject({ status: 'interrupted', painStart: 4, exercises: [{ id: 'ex-1' }] });
  });

  it('two processes appending hundreds of records at once keep every line whole', async () => {
    const dir = temp();
    const file = join(dir, 'history.jsonl');
    const bundle = join(dir, 'store.mjs');
    await build({ entryPoints: [new URL('../../src/history/store.ts', import.meta.url).pathname], bundle: true, format: 'esm', platform: 'node', outfile: bundle, logLevel: 'silent' });
    const writerScript = join(dir, 'writer.mjs');
    writeFileSync(
      writerScript,
      `import { openHistory } from ${JSON.stringify(bundle)};
const [file, id, count] = process.argv.slice(2);
const w = openHistory({ file, warn: (m) => { console.error(m); process.exit(3); } });
w.start({ sessionId: id, startedAt: new Date().toISOString(), routine: 'core', planned: [] });
for (let i = 1; i <= Number(count); i++) w.exercise(id, { id: 'ex-' + i, name: 'Exercise ' + i + ' ' + 'x'.repeat(200), dose: { reps: 1, holdSeconds: 1, sides: 'none' }, painBefore: 1, repsPlanned: 1, repsMinimum: 1, repsDone: 1, sidesPlanned: 1, sidesDone: 1, status: 'done', restarts: 0, startedAt: '2026-11-02T09:00:00.000Z', endedAt: '2026-11-02T09:00:01.000Z' });
w.end({ sessionId: id, endedAt: new Date().toISOString(), status: 'finished', painEnd: 1, durationMs: 1 });
`,
    );
    const run = (id: string) =>
      new Promise<number | null>((resolve) => spawn(process.execPath, [writerScript, file, id, '300'], { stdio: 'inherit' }).on('exit', resolve));
    expect(await Promise.all([run('one'), run('two')])).toEqual([0, 0]);
    const damaged: number[] = [];
    const sessions = parseHistory(readFileSync(file, 'utf8'), (n) => damaged.push(n));
    expect(damaged).toEqual([]);
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(2 * 302);
    for (const s of sessions) {
      expect(s.status).toBe('finished');
      expect(s.exercises.map((e) => e.id)).toEqual(Array.from({ length: 300 }, (_, i) => `ex-${i + 1}`));
    }
  });

  it('appends: an existing history is never rewritten', () => {
    const file = join(temp(), 'history.jsonl');
    const old = toText(sessionLines('old', new Date(2026, 10, 1, 9), [5]));
    writeFileSync(file, old);
    const w = openHistory({ file, warn: () => {} });
    w.start(start);
    w.close();
    expect(readFileSync(file, 'utf8').startsWith(old)).toBe(true);
  });
});

describe('the fast reader for stats and the history table', () => {
  it('agrees with the full reader, whether or not end lines carry a summary', () => {
    const a = sessionLines('a', new Date(2026, 10, 2, 9), [3, 2], 'finished', ['done', 'skipped-pain'], true);
    const b = sessionLines('b', new Date(2026, 10, 3, 9), [4, 4], 'pain-stop', [], false);
    const c = sessionLines('c', new Date(2026, 10, 4, 9), [5], null);
    // Interleaved, as two terminals would write them, plus a damaged line in a session with no summary.
    const text = toText([a[0]!, b[0]!, a[1]!, b[1]!, a[2]!, b[2]!, a[3]!, ...c]) + 'garbage\n' + toText([b[3]!]);
    const fullDamaged: number[] = [];
    const full = parseHistory(text, (n) => fullDamaged.push(n));
    const fastDamaged: number[] = [];
    const fast = parseOverviews(text, (n) => fastDamaged.push(n));
    const brief = full.map((s) => ({ ...s, planned: s.planned.length, exercises: s.exercises.map(({ id, name, status, painBefore }) => ({ id, name, status, painBefore })) }));
    expect(fast.map((s) => ({ ...s, exercises: s.exercises.map(({ id, name, status, painBefore }) => ({ id, name, status, painBefore })) }))).toEqual(brief);
    expect(fastDamaged).toEqual(fullDamaged);
    expect(fast.map((s) => [s.sessionId, s.status])).toEqual([['c', 'interrupted'], ['b', 'pain-stop'], ['a', 'finished']]);
  });

  it('does not parse the start and exercise lines of a summarised session, only checks them', () => {
    const text = toText(sessionLines('a', new Date(2026, 10, 2, 9), [3, 2, 4], 'finished', [], true));
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const damaged: number[] = [];
      const [s] = parseOverviews(text, (n) => damaged.push(n));
      expect(damaged).toEqual([]);
      expect(s).toMatchObject({ sessionId: 'a', status: 'finished', painStart: 3, exercises: [{ id: 'ex-1' }, { id: 'ex-2' }, { id: 'ex-3' }] });
      // The end line only.
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it('reports a damaged line inside a summarised session by its number, as the full reader does, and still reads the session', () => {
    const a = sessionLines('a', new Date(2026, 10, 2, 9), [3], 'finished', [], true);
    const text = toText([a[0]!, a[2]!]).replace('\n', '\n{"v":1,"type":"exercise","sessionId":"a", torn\n');
    const damaged: number[] = [];
    const [s] = parseOverviews(text, (n) => damaged.push(n));
    expect(damaged).toEqual([2]);
    expect(s).toMatchObject({ sessionId: 'a', status: 'finished', painStart: 3, exercises: [{ id: 'ex-1', status: 'done' }] });
  });

  const summarised = () => toText([...sessionLines('a', new Date(2026, 10, 2, 9), [3, 2], 'finished', ['done', 'skipped-pain'], true), ...sessionLines('b', new Date(2026, 10, 3, 9), [4], 'quit', [], true)]).split('\n');
  const agree = (lines: string[]) => {
    const text = lines.join('\n');
    const full: number[] = [];
    parseHistory(text, (n) => full.push(n));
    const fast: number[] = [];
    parseOverviews(text, (n) => fast.push(n));
    expect(fast).toEqual(full);
    return fast;
  };

  it.each([
    ['torn at a nested object', (l: string) => l.slice(0, l.indexOf('"sides":"none"}') + 15), 1],
    ['torn start line', (l: string) => l.slice(0, 60), 0],
    ['a hand edit that is not JSON', (l: string) => l.replace('"painBefore":3', '"painBefore":three'), 1],
    ['valid JSON, but a status that is not text', (l: string) => l.replace('"status":"done"', '"status":5'), 1],
    ['valid JSON, a second status that is not text', (l: string) => l.replace(/\}\}$/, ',"status":5}}'), 1],
    ['valid JSON, an unknown version', (l: string) => l.replace('{"v":1,', '{"v":2,'), 1],
    ['an unknown kind of line', (l: string) => l.replace('"type":"exercise"', '"type":"exercize"'), 1],
    ['spaces, as a hand-written line might have (not damaged)', (l: string) => JSON.stringify(JSON.parse(l), null, 1).replace(/\n/g, ' '), 1],
    ['keys in another order (not damaged)', (l: string) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(l)).reverse())), 1],
    ['a Windows line end (not damaged)', (l: string) => `${l}\r`, 1],
    ['a line of zero bytes (a power cut)', (l: string) => '\0'.repeat(l.length), 1],
  ])('agrees with the full reader on a line of a summarised session: %s', (_name, damage, index) => {
    const lines = summarised();
    lines[index] = damage(lines[index]!);
    agree(lines);
  });

  it('agrees with the full reader on hundreds of random damages (cut, changed, removed or added characters)', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const chars = '{}[]":,\\0123456789-.eE tnulfasr\u00e9x';
    let reported = 0;
    for (let round = 0; round < 600; round++) {
      const lines = summarised();
      const index = random(lines.length - 1);
      const line = lines[index]!;
      const at = random(line.length);
      const ch = chars[random(chars.length)]!;
      const kind = round % 4;
      lines[index] = kind === 0 ? line.slice(0, at) : kind === 1 ? line.slice(0, at) + ch + line.slice(at + 1) : kind === 2 ? line.slice(0, at) + line.slice(at + 1) : line.slice(0, at) + ch + line.slice(at);
      reported += agree(lines).length;
    }
    // Most of these damage the line; some (a changed digit, a changed name) leave valid JSON.
    expect(reported).toBeGreaterThan(300);
  });
});
