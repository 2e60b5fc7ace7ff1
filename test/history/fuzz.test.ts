// Issue 15: generated history files (valid sessions with hostile text, fields
// of every wrong type, torn and garbage lines) through every reading command:
// no crash, no hang, no stack trace, no control character reaching the
// terminal, no NaN. Mostly in-process (the commands' own run()), a handful
// through the built CLI. Also: the fast reader's check never accepts a line
// the full reader rejects.
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { soundLine } from '../../src/history/line-shape.js';
import { parseHistory, parseOverviews, whyDamaged } from '../../src/history/read.js';
import { isValidLine, whyInvalid } from '../../src/history/valid.js';
import { runBackexInProcess } from '../support/backex.js';

/** Anything a hand edit could put in a field. */
const weird = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1, -0.5, 11, 1.5, ''),
  fc.string({ maxLength: 8 }),
  fc.constant([]),
  fc.constant({}),
  fc.constant([null]),
);
const maybe = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: weird });

/** Text with what an attacker would put in it: escape sequences, C1, bidi overrides, any code unit. */
const text = fc.oneof(
  fc.constantFrom('Bird dog', 'X\u001b]0;PWNED\u0007\u001b[2J', 'evil\u202egnp.exe', 'a\u0085b\u009b31m', 'tab\there\r\nnew', '=HYPERLINK("x")', 'e\u0301\u200f', '日本語', '\u0000nul'),
  fc.string({ unit: 'binary', maxLength: 24 }),
);
const pain = fc.integer({ min: 0, max: 10 });
const iso = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
const status = fc.constantFrom('done', 'skipped-pain', 'skipped', 'stopped');
const dose = fc.record({ reps: fc.integer({ min: 1, max: 20 }), holdSeconds: fc.integer({ min: 0, max: 30 }), sides: fc.constantFrom('none', 'each', 'alternate') });

const exercise = fc.record({
  id: maybe(text),
  name: maybe(text),
  dose: maybe(dose),
  painBefore: maybe(fc.option(pain)),
  repsPlanned: maybe(fc.integer({ min: 0, max: 20 })),
  repsMinimum: maybe(fc.integer({ min: 0, max: 20 })),
  repsDone: maybe(fc.integer({ min: 0, max: 20 })),
  sidesPlanned: maybe(fc.integer({ min: 1, max: 2 })),
  sidesDone: maybe(fc.integer({ min: 0, max: 2 })),
  restarts: maybe(fc.integer({ min: 0, max: 3 })),
  startedAt: maybe(iso),
  endedAt: maybe(iso),
  status: maybe(status),
});

/** One session's lines, in the store's key order, some fields wrong. */
const session = fc
  .record({
    id: maybe(fc.string({ minLength: 1, maxLength: 12 })),
    startedAt: maybe(iso),
    routine: maybe(text),
    exercises: fc.array(exercise, { maxLength: 4 }),
    timeScale: fc.option(maybe(fc.constantFrom(20, 0.5, 10))),
    painRules: fc.option(maybe(fc.record({ stopAt: pain, skipAboveStartBy: pain, painSkipsToEnd: fc.integer({ min: 1, max: 5 }) }))),
    end: fc.option(
      fc.record({
        endedAt: maybe(iso),
        status: maybe(fc.constantFrom('finished', 'quit', 'pain-stop', 'interrupted')),
        painEnd: maybe(fc.option(pain)),
        durationMs: maybe(fc.integer({ min: 0, max: 4_000_000 })),
        note: fc.option(maybe(text)),
        summary: fc.boolean(),
      }),
    ),
    checkin: fc.option(fc.record({ at: maybe(iso), pain: maybe(pain), felt: maybe(fc.constantFrom('better', 'same', 'worse', null)) })),
  })
  .map((s) => {
    const lines: unknown[] = [
      { v: 1, type: 'session-start', pid: 1, sessionId: s.id, startedAt: s.startedAt, routine: s.routine, planned: s.exercises.map((e) => ({ id: e.id, name: e.name, dose: e.dose })), ...(s.timeScale !== null && { timeScale: s.timeScale }), ...(s.painRules !== null && { painRules: s.painRules }) },
      ...s.exercises.map((e) => ({ v: 1, type: 'exercise', sessionId: s.id, exercise: e })),
    ];
    if (s.end) {
      const summary = { startedAt: s.startedAt, routine: s.routine, planned: s.exercises.length, exercises: s.exercises.map((e) => ({ id: e.id, name: e.name, status: e.status, painBefore: e.painBefore })) };
      lines.push({ v: 1, type: 'session-end', sessionId: s.id, endedAt: s.end.endedAt, status: s.end.status, painEnd: s.end.painEnd, durationMs: s.end.durationMs, ...(s.end.note !== null && { note: s.end.note }), ...(s.end.summary && { summary }) });
    }
    if (s.checkin) lines.push({ v: 1, type: 'checkin', sessionId: s.id, ...s.checkin });
    return lines.map((l) => JSON.stringify(l));
  });

/** A whole history file: sessions, and now and then a torn line, garbage, or any JSON at all. */
const historyText = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: session },
      { weight: 1, arbitrary: session.chain((lines) => fc.nat({ max: 200 }).map((n) => lines.map((l, i) => (i === 0 ? l.slice(0, n) : l)))) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => [JSON.stringify(v) ?? 'null']) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((t) => [t.replace(/\n/g, '')]) },
    ),
    { maxLength: 8 },
  )
  .map((chunks) => `${chunks.flat().join('\n')}\n`);

// A control character reaching the terminal: anything but the line breaks (CSV rows end in \r\n).
const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;

describe('fuzz: generated history files through every reading command', () => {
  const home = mkdtempSync(join(tmpdir(), 'backex-fuzz-'));
  const file = join(home, 'data', 'history.jsonl');
  let out = '';
  let err = '';
  const saved = { home: process.env.BACKEX_HOME, columns: process.env.COLUMNS };
  beforeAll(() => {
    mkdirSync(join(home, 'data'));
    process.env.BACKEX_HOME = home;
    process.env.COLUMNS = '100';
    vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
      out += String(chunk);
      const done = rest.find((r) => typeof r === 'function') as ((e?: Error | null) => void) | undefined;
      done?.(null);
      return true;
    }) as typeof process.stdout.write);
    vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      err += String(chunk);
      return true;
    }) as typeof process.stderr.write);
  });
  afterAll(() => {
    vi.restoreAllMocks();
    if (saved.home === undefined) delete process.env.BACKEX_HOME;
    else process.env.BACKEX_HOME = saved.home;
    if (saved.columns === undefined) delete process.env.COLUMNS;
    else process.env.COLUMNS = saved.columns;
  });

  it('in-process: history, history --json, stats, stats --json, export (CSV and JSON) on 300 files', async () => {
    const commands = await Promise.all([import('../../src/commands/history.js'), import('../../src/commands/stats.js'), import('../../src/commands/export.js')]);
    const [history, stats, exporter] = commands;
    const runs: [{ run: (a: string[], o: Record<string, unknown>) => Promise<number | void> }, Record<string, unknown>][] = [
      [history, { limit: 50 }],
      [history, { json: true }],
      [stats, {}],
      [stats, { json: true, includeDemo: true }],
      [exporter, {}],
      [exporter, { format: 'json', includeDemo: true }],
    ];
    let withSessions = 0;
    await fc.assert(
      fc.asyncProperty(historyText, async (textOfFile) => {
        writeFileSync(file, textOfFile);
        if (parseHistory(textOfFile, () => {}).length > 0) withSessions++;
        for (const [command, options] of runs) {
          out = '';
          err = '';
          const code = await command.run([], options);
          expect(code ?? 0).toBe(0);
          expect(out + err).not.toMatch(CONTROL);
          expect(out).not.toMatch(/NaN|Infinity|e\+\d{2}/);
          expect(err).not.toMatch(/something went wrong|at .*\.js:\d/);
          if (options.json || options.format === 'json') JSON.parse(out);
        }
      }),
      { numRuns: 300 },
    );
    // Not vacuous: most files hold sessions that read back.
    expect(withSessions).toBeGreaterThan(150);
  }, 120_000);

  it('the fast check never accepts a line the full reader rejects (2,000 generated sessions: start, exercise and check-in lines)', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(session, (lines) => {
        for (const line of lines) {
          const kind = line.startsWith('{"v":1,"type":"exercise"') ? 'exercise' : line.startsWith('{"v":1,"type":"session-start"') ? 'start' : line.startsWith('{"v":1,"type":"checkin"') ? 'checkin' : null;
          if (!kind) continue;
          const extras = soundLine(line, 0, line.length, kind);
          if (extras) {
            accepted++;
            const parsed = JSON.parse(line);
            expect(isValidLine(parsed)).toBe(true);
            // And what it reads is what the full reader reads.
            if (kind === 'checkin') expect(extras.checkin).toEqual({ at: parsed.at, pain: parsed.pain, felt: parsed.felt ?? null });
            if (kind === 'start') expect([extras.timeScale, extras.painRules]).toEqual([parsed.timeScale, parsed.painRules]);
          } else rejected++;
        }
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(500);
    expect(rejected).toBeGreaterThan(500);
  });

  it('both readers report the same damaged lines, for the same reasons, on 500 generated files', () => {
    fc.assert(
      fc.property(historyText, (t) => {
        const full: [number, string][] = [];
        const fast: [number, string][] = [];
        const sessions = parseHistory(t, (n, why) => full.push([n, why]));
        const overviews = parseOverviews(t, (n, why) => fast.push([n, why]));
        expect(fast).toEqual(full);
        // A summarised session is read from its summary: when one of its exercise lines is damaged (reported by both), its start pain may differ.
        const brief = (s: (typeof overviews)[number] | (typeof sessions)[number]) => [s.sessionId, s.status, s.painEnd, s.durationMs, s.demo, s.checkin?.pain, ...(full.length === 0 ? [s.painStart, s.exercises.length] : [])];
        expect(overviews.map(brief)).toEqual(sessions.map(brief));
      }),
      { numRuns: 500 },
    );
  });

  it('the reason a line is refused: given exactly when isValidLine refuses it, in words, with no control character', () => {
    let refused = 0;
    fc.assert(
      fc.property(historyText, (t) => {
        for (const raw of t.split('\n')) {
          if (raw === '') continue;
          let line: unknown;
          try {
            line = JSON.parse(raw);
          } catch {
            line = undefined;
          }
          const object = line && typeof line === 'object' && !Array.isArray(line) ? (line as Record<string, unknown>) : undefined;
          const why = whyInvalid(object);
          // The explanation follows the same rules as the check: it never explains a good line away, nor misses a bad one.
          expect(why === undefined, raw).toBe(isValidLine(object));
          if (why === undefined) continue;
          refused++;
          const said = whyDamaged(object, raw);
          expect(said).not.toMatch(CONTROL);
          expect(said).not.toMatch(/\n|undefined|\[object Object\]/);
          if (object) expect(said).toMatch(/^([\w.[\]]+ (is .+|has \d+ items), expected .+|it is not a JSON object \{ \})$/);
          else expect(said).toMatch(/^it (ends part-way|is not valid JSON|is .+, expected a JSON object)|^more follows its JSON object|^it is blank/);
        }
      }),
      { numRuns: 500 },
    );
    expect(refused).toBeGreaterThan(500);
  });

  it('through the built CLI: a handful of generated files, every reading command, exit 0, no stack trace, no control character', async () => {
    const samples = fc.sample(historyText, { numRuns: 4, seed: 15 });
    for (const sample of samples) {
      const cliHome = mkdtempSync(join(tmpdir(), 'backex-fuzz-cli-'));
      mkdirSync(join(cliHome, 'data'));
      writeFileSync(join(cliHome, 'data', 'history.jsonl'), sample);
      for (const args of [['history'], ['history', '--json'], ['stats'], ['export']]) {
        const r = await runBackexInProcess(args, { home: cliHome });
        expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
        expect(r.stdout + r.stderr).not.toMatch(CONTROL);
        expect(r.stderr).not.toMatch(/something went wrong|at .*\.js:\d/);
      }
    }
  }, 180_000);
});
