// `backex session` in a real pseudo-terminal, as a person at the keyboard:
// keys typed, the screen read as a terminal shows it, the trace file used to
// know when something happened, history read back with `backex history --json`.
import { closeSync, existsSync, fstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readlinkSync, readSync, symlinkSync, writeFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { exerciseSeconds, formatDuration } from '../../src/catalogue/dose.js';
import { runBackex, runBackexAsync, runBackexInProcess, tempHome } from '../support/backex.js';
import { PtySession, skipNote } from '../support/pty.js';

const PAIN = 'from 0 (none) to 10 (worst)';
const sessions: PtySession[] = [];
// The tests in a terminal run side by side (describe.concurrent: they mostly wait
// on the session's clock), so a session is not killed when another test ends:
// each test ends its own, and any left by a failed test go here.
afterAll(() => {
  for (const s of sessions.splice(0)) s.kill();
});

/** A home with two short exercises of its own, so a test session lasts seconds. */
function shortHome(): string {
  const home = tempHome();
  mkdirSync(join(home, 'config'), { recursive: true });
  writeFileSync(
    join(home, 'config', 'short.json'),
    JSON.stringify({
      exercises: [
        { id: 'short-hold', name: 'Short hold', category: 'core', position: 'Lie on your back.', steps: ['Hold.'], dose: { reps: 2, holdSeconds: 3, sides: 'none' } },
        { id: 'short-sides', name: 'Short sides', category: 'core', position: 'Kneel.', steps: ['Hold.'], dose: { reps: 1, holdSeconds: 2, sides: 'each', sideNames: ['left knee', 'right knee'] } },
        { id: 'long-hold', name: 'Long hold', category: 'core', position: 'Lie on your back.', steps: ['Hold.'], dose: { reps: 3, holdSeconds: 10, sides: 'none' } },
      ],
    }),
  );
  return home;
}

interface TraceLine {
  t: number;
  event: string;
  [key: string]: unknown;
}

const traces = new Map<string, { read: number; decoder: StringDecoder; rest: string; lines: TraceLine[] }>();

/** The trace's whole lines so far. Read on from where the last look stopped: a whole session's trace is long, and it is looked at every 20 ms. */
function traceOf(path: string): TraceLine[] {
  if (!existsSync(path)) return [];
  let trace = traces.get(path);
  if (!trace) traces.set(path, (trace = { read: 0, decoder: new StringDecoder('utf8'), rest: '', lines: [] }));
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > trace.read) {
      const bytes = Buffer.alloc(size - trace.read);
      trace.read += readSync(fd, bytes, 0, bytes.length, trace.read);
      // The last line may be half written while we read: only whole lines count.
      const parts = (trace.rest + trace.decoder.write(bytes)).split('\n');
      trace.rest = parts.pop()!;
      trace.lines.push(...parts.filter(Boolean).map((l) => JSON.parse(l) as TraceLine));
    }
  } finally {
    closeSync(fd);
  }
  return [...trace.lines];
}

/**
 * Waits until `count` lines of the trace match (one by default) and returns the last of them.
 * The file is read once each time round: tests run side by side in one worker, and a
 * worker busy re-reading a long trace for every line stops reading every terminal.
 */
async function waitForTrace(path: string, match: (line: TraceLine) => boolean, timeoutMs = 15_000, count = 1): Promise<TraceLine> {
  const start = Date.now();
  for (;;) {
    const found = traceOf(path).filter(match);
    if (found.length >= count) return found[count - 1]!;
    if (Date.now() - start > timeoutMs) throw new Error(`no trace line matched; trace:\n${readFileSync(path, 'utf8').slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function start(args: string[], options: { home?: string; scale?: number; env?: NodeJS.ProcessEnv; shell?: string } = {}) {
  const home = options.home ?? shortHome();
  const trace = join(mkdtempSync(join(tmpdir(), 'backex-trace-')), 'trace.jsonl');
  const session = new PtySession(['session', ...args], {
    home,
    env: { BACKEX_TIME_SCALE: String(options.scale ?? 20), BACKEX_TRACE: trace, ...options.env },
    ...(options.shell && { shell: options.shell }),
  });
  sessions.push(session);
  return { session, trace, home };
}

async function answerPain(session: PtySession, answer: string, _nth: number): Promise<void> {
  // Wait for the nth pain question to be on screen (each one clears the screen first).
  await session.waitFor(PAIN);
  session.type(`${answer}\r`);
  // Let the prompt close before the caller looks for the next screen.
  await new Promise((r) => setTimeout(r, 50));
}

/** `backex history --json`, run without blocking: the other sessions' terminals are read meanwhile. */
async function history(home: string) {
  const r = await runBackexAsync(['history', '--json'], { home });
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as { status: string; exercises: { id: string; name: string; status: string; painBefore: number | null; repsDone: number }[] }[];
}

describe.concurrent('backex session in a terminal', () => {
  it('runs a whole --core session, answering every pain check, and saves it', async () => {
    const { session, trace, home } = start(['--core', '--no-voice'], { home: tempHome(), scale: 100 });
    await session.waitFor('Press Enter to start');
    expect(session.visible()).toMatch(/Neutral spine/i);
    expect(session.visible()).toMatch(/Keep breathing/);
    session.type('\r');
    for (let i = 0; i < 7; i++) {
      await waitForTrace(trace, (l) => l.event === 'prompt', 15_000, i + 1);
      await session.waitFor(PAIN);
      // The first answer is typed; after that Enter alone keeps the last answer.
      session.type(i === 0 ? '2\r' : '\r');
      await waitForTrace(trace, (l) => l.event === 'exercise-end', 30_000, i + 1);
    }
    await session.waitFor(/how is your back pain now/i, 15_000);
    session.type('1\r');
    await skipNote(session);
    expect((await session.exit()).exitCode).toBe(0);
    expect(session.screen()).toMatch(/Session finished/);
    expect(session.screen()).toMatch(/Pain: 2 at the start, 1 at the end/);
    // Run sped up, it is a demonstration: kept, and said not to count.
    expect(session.screen()).toMatch(/This was a demonstration: it is kept in your history, but not counted/);

    const lines = traceOf(trace);
    expect(lines.filter((l) => l.event === 'answer' && l.name === 'pain').map((l) => l.value)).toEqual([2, 2, 2, 2, 2, 2, 2, 1]);
    expect(lines.filter((l) => l.event === 'exercise-end').every((l) => l.status === 'done')).toBe(true);
    expect(lines.at(-1)).toMatchObject({ event: 'session-end', status: 'finished' });
    // Every hold second of bird dog was counted on screen.
    expect(lines.filter((l) => l.event === 'cue' && l.text === 'Hold 5 of 5').length).toBeGreaterThanOrEqual(20);

    const [saved] = await history(home);
    expect(saved!.status).toBe('finished');
    expect(saved!.exercises.map((e) => e.id)).toEqual(['neutral-spine-brace', 'backward-rock', 'forward-rock', 'bird-dog', 'bridge', 'superman', 'prone-press-up']);
    expect(saved!.exercises.every((e) => e.status === 'done')).toBe(true);
  }, 90_000);

  it('pauses and resumes with space', async () => {
    const { session, trace } = start(['--exercises', 'long-hold', '--no-voice'], { scale: 10 });
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await answerPain(session, '1', 0);
    await waitForTrace(trace, (l) => l.event === 'cue' && l.text === 'Hold 2 of 10');
    session.type(' ');
    await waitForTrace(trace, (l) => l.event === 'pause');
    await session.waitFor('PAUSED');
    const cuesBefore = traceOf(trace).filter((l) => l.event === 'cue').length;
    await new Promise((r) => setTimeout(r, 400)); // 4 s of session time at this scale
    expect(traceOf(trace).filter((l) => l.event === 'cue').length).toBe(cuesBefore);
    session.type(' ');
    await waitForTrace(trace, (l) => l.event === 'resume');
    // A hold that was interrupted starts again from its rep.
    await until(() => {
      const lines = traceOf(trace);
      return lines.slice(lines.findIndex((x) => x.event === 'resume')).some((l) => l.event === 'cue' && /^Rep 1 of 3/.test(String(l.text)));
    });
    session.type('s');
    await session.waitFor(/how is your back pain now/i);
    session.type('\r');
    await skipNote(session);
    expect((await session.exit()).exitCode).toBe(0);
  }, 60_000);

  it('skips an exercise with s and records it as skipped', async () => {
    const { session, trace, home } = start(['--exercises', 'long-hold,short-hold', '--no-voice'], { scale: 20 });
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await answerPain(session, '2', 0);
    await waitForTrace(trace, (l) => l.event === 'cue' && l.text === 'Hold 1 of 10');
    session.type('s');
    await waitForTrace(trace, (l) => l.event === 'exercise-end' && l.id === 'long-hold');
    await answerPain(session, '2', 1);
    await session.waitFor(/how is your back pain now/i, 20_000);
    session.type('2\r');
    await skipNote(session);
    expect((await session.exit()).exitCode).toBe(0);
    const [saved] = await history(home);
    expect(saved!.exercises.map((e) => [e.id, e.status])).toEqual([['long-hold', 'skipped'], ['short-hold', 'done']]);
  }, 60_000);

  it('pain of 8 ends the session with the advice to see a professional', async () => {
    const { session, home } = start(['--exercises', 'short-hold,long-hold', '--no-voice']);
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await answerPain(session, '8', 0);
    await skipNote(session, 60_000);
    expect((await session.exit()).exitCode).toBe(0);
    expect(session.screen()).toMatch(/physician or physiotherapist/);
    expect(session.screen()).toMatch(/Session ended because of pain/);
    // The summary names the exercise the session ended before, too.
    expect(session.screen()).toMatch(/not reached +Long hold/);
    const [saved] = await history(home);
    expect(saved!.status).toBe('pain-stop');
    expect(saved!.exercises[0]).toMatchObject({ id: 'short-hold', status: 'skipped-pain', painBefore: 8 });
  }, 30_000);

  it('q at a pain check ends the session there, as Ctrl-C does (after p, the advice says to end it with q)', async () => {
    const { session, home } = start(['--exercises', 'short-hold,long-hold', '--no-voice']);
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await answerPain(session, 'q', 0);
    expect((await session.exit()).exitCode).toBe(130);
    const [saved] = await history(home);
    expect(saved!.status).toBe('quit');
    expect(saved!.exercises.map((e) => [e.id, e.status])).toEqual([['short-hold', 'stopped']]);
  }, 30_000);

  it('refuses an answer that is not 0-10, with a hint', async () => {
    const { session, trace } = start(['--exercises', 'short-hold', '--no-voice']);
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await session.waitFor(PAIN);
    session.type('12\r');
    await session.waitFor(/whole number from 0/);
    // The refused answer is cleared: the next answer is typed afresh, as someone not looking would.
    session.type('3\r');
    await waitForTrace(trace, (l) => l.event === 'answer' && l.name === 'pain');
    expect(traceOf(trace).find((l) => l.event === 'answer')).toMatchObject({ name: 'pain', value: 3 });
    session.type('\x03');
    session.type('\x03');
    expect((await session.exit()).exitCode).toBe(130);
  }, 30_000);

  it('pain above the baseline offers to skip (the default), and skipping is recorded', async () => {
    const { session, trace, home } = start(['--exercises', 'short-hold,short-sides', '--no-voice']);
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await answerPain(session, '2', 0);
    await waitForTrace(trace, (l) => l.event === 'exercise-end');
    await answerPain(session, '4', 1);
    await session.waitFor('Skip this exercise');
    expect(session.visible()).toMatch(/higher than the 2 you started with/);
    session.type('\r'); // Enter alone: the default, skip
    await session.waitFor(/how is your back pain now/i);
    session.type('3\r');
    await skipNote(session);
    expect((await session.exit()).exitCode).toBe(0);
    const [saved] = await history(home);
    expect(saved!.exercises.map((e) => e.status)).toEqual(['done', 'skipped-pain']);
  }, 40_000);

  it('p during a hold stops the exercise at once and records it as skipped for pain', async () => {
    const { session, trace, home } = start(['--exercises', 'long-hold,short-hold', '--no-voice'], { scale: 10 });
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await answerPain(session, '3', 0);
    await waitForTrace(trace, (l) => l.event === 'cue' && l.text === 'Hold 2 of 10');
    session.type('p');
    const end = await waitForTrace(trace, (l) => l.event === 'exercise-end');
    expect(end.status).toBe('skipped-pain');
    // At once: nothing more of the exercise between the key and its end, however busy the machine.
    const lines = traceOf(trace);
    const key = lines.findIndex((l) => l.event === 'key' && l.key === 'p');
    expect(key).toBeGreaterThan(0);
    expect(lines.slice(key, lines.indexOf(lines.find((l) => l.event === 'exercise-end')!)).filter((l) => l.event === 'cue')).toEqual([]);
    // Said and shown: why it stopped, and what the page says about pain.
    await session.waitFor('You pressed p: it hurts');
    expect(session.visible()).toMatch(/noted as skipped for pain/);
    // The next exercise still gets its own pain check, and the answer from before the pain is not offered.
    await session.waitFor(PAIN);
    expect(session.visible()).not.toMatch(/worst\)\? \(3\)/);
    // The advice is still in view at that check: with the sound off, it is read there.
    expect(session.visible()).toMatch(/You pressed p: it hurts[\s\S]*seek\s+professional\s+help/);
    session.type('\r');
    await session.waitFor('Type a whole number');
    await answerPain(session, '3', 1);
    await session.waitFor(/how is your back pain now/i, 20_000);
    session.type('\r');
    await skipNote(session);
    expect((await session.exit()).exitCode).toBe(0);
    expect((await history(home))[0]!.exercises[0]).toMatchObject({ id: 'long-hold', status: 'skipped-pain' });
  }, 40_000);

  it('Ctrl-C mid-hold asks, a second Ctrl-C ends at once: exit 130, terminal restored, exercise saved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backex-stty-'));
    const shell = `stty -g > ${dir}/before; "$BACKEX"; echo "exit=$?"; stty -g > ${dir}/after; sleep 0.2`;
    const { session, trace, home } = start(['--exercises', 'long-hold', '--no-voice'], { scale: 10, shell });
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await answerPain(session, '2', 0);
    await waitForTrace(trace, (l) => l.event === 'cue' && l.text === 'Hold 3 of 10');
    session.type('\x03');
    await session.waitFor('End the session now?');
    session.type('\x03');
    await session.waitFor('exit=130');
    await session.exit();
    expect(readFileSync(join(dir, 'after'), 'utf8')).toBe(readFileSync(join(dir, 'before'), 'utf8'));
    // The cursor was hidden during the timer and shown again at the end.
    expect(session.raw.lastIndexOf('\x1b[?25h')).toBeGreaterThan(session.raw.lastIndexOf('\x1b[?25l'));
    const [saved] = await history(home);
    expect(saved!.status).toBe('quit');
    expect(saved!.exercises[0]).toMatchObject({ id: 'long-hold', status: 'stopped' });
  }, 40_000);

  it('an unexpected error mid-hold: a clear message (no stack trace), exit 1, terminal restored, what was done kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backex-stty-'));
    const shell = `stty -g > ${dir}/before; "$BACKEX"; echo "exit=$?"; stty -g > ${dir}/after; sleep 0.2`;
    const fault = fileURLToPath(new URL('../fixtures/faults/throw-on-screen-text.mjs', import.meta.url));
    const { session, trace, home } = start(['--exercises', 'short-hold,long-hold', '--no-voice'], { scale: 20, shell, env: { NODE_OPTIONS: `--import=${fault}`, FAULT_ON_TEXT: 'Hold [0-9]+ of 10' } });
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await answerPain(session, '3', 0);
    await waitForTrace(trace, (l) => l.event === 'exercise-end' && l.id === 'short-hold');
    await answerPain(session, '3', 1);
    await session.waitFor(/exit=1\b/, 20_000);
    await session.exit();
    expect(session.visible()).toMatch(/backex: something went wrong: injected fault for a test/);
    expect(session.raw).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(readFileSync(join(dir, 'after'), 'utf8')).toBe(readFileSync(join(dir, 'before'), 'utf8'));
    expect(session.raw.lastIndexOf('\x1b[?25h')).toBeGreaterThan(session.raw.lastIndexOf('\x1b[?25l'));
    const [saved] = await history(home);
    expect(saved!.status).toBe('interrupted');
    expect(saved!.exercises.map((e) => [e.id, e.status])).toEqual([['short-hold', 'done']]);
  }, 40_000);

  it('kill -9 mid-exercise loses nothing already done: history shows it interrupted, with its exercises', async () => {
    const { session, trace, home } = start(['--exercises', 'short-hold,long-hold', '--no-voice'], { scale: 20 });
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await answerPain(session, '3', 0);
    await waitForTrace(trace, (l) => l.event === 'exercise-end' && l.id === 'short-hold');
    await answerPain(session, '3', 1);
    await waitForTrace(trace, (l) => l.event === 'cue' && l.text === 'Hold 2 of 10');
    session.kill('SIGKILL');
    await session.exit();
    const [saved] = await history(home);
    expect(saved!.status).toBe('interrupted');
    expect(saved!.exercises.map((e) => [e.id, e.status])).toEqual([['short-hold', 'done']]);
    expect(saved!.exercises[0]!.painBefore).toBe(3);
  }, 30_000);

  it.each([
    ['SIGTERM', 143],
    ['SIGQUIT', 131],
  ] as const)('%s mid-hold: exit %i, terminal restored (raw mode off, cursor shown), the session saved as interrupted', async (signal, code) => {
    const dir = mkdtempSync(join(tmpdir(), 'backex-stty-'));
    const shell = `stty -g > ${dir}/before; "$BACKEX" < /dev/tty & echo $! > ${dir}/pid; wait $!; echo "exit=$?"; stty -g > ${dir}/after; sleep 0.2`;
    const { session, trace, home } = start(['--exercises', 'long-hold', '--no-voice'], { scale: 10, shell });
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await answerPain(session, '2', 0);
    await waitForTrace(trace, (l) => l.event === 'cue' && l.text === 'Hold 2 of 10');
    process.kill(Number(readFileSync(join(dir, 'pid'), 'utf8')), signal);
    await session.waitFor(`exit=${code}`);
    await session.exit();
    expect(readFileSync(join(dir, 'after'), 'utf8')).toBe(readFileSync(join(dir, 'before'), 'utf8'));
    expect(session.raw.lastIndexOf('\x1b[?25h')).toBeGreaterThan(session.raw.lastIndexOf('\x1b[?25l'));
    const [saved] = await history(home);
    expect(saved!.status).toBe('interrupted');
    expect(saved!.exercises[0]).toMatchObject({ id: 'long-hold', status: 'stopped', painBefore: 2 });
  }, 30_000);

  /** Closes the terminal window: the pseudo-terminal's other end goes away. */
  const closeTerminal = (session: PtySession) => (session.proc as unknown as { destroy(): void }).destroy();

  it.each([
    ['mid-exercise', true],
    ['at a pain prompt', false],
  ])('the terminal closed %s: exit 129 (no abort), saved as interrupted', async (_where, playing) => {
    const { session, trace, home } = start(['--exercises', 'long-hold,short-hold', '--no-voice'], { scale: 10 });
    await session.waitFor('Press Enter to start');
    session.type('\r');
    if (playing) {
      await answerPain(session, '2', 0);
      await waitForTrace(trace, (l) => l.event === 'cue' && l.text === 'Hold 2 of 10');
    } else {
      await waitForTrace(trace, (l) => l.event === 'prompt');
    }
    closeTerminal(session);
    // Not 134 or 139 with a native stack trace (nodejs/node#51519), and not killed by a signal.
    expect(await session.exit()).toMatchObject({ exitCode: 129, signal: 0 });
    const [saved] = await history(home);
    expect(saved!.status).toBe('interrupted');
    expect(saved!.exercises[0]).toMatchObject({ id: 'long-hold', status: 'stopped' });
    await waitForTrace(trace, (l) => l.event === 'session-end' && l.status === 'interrupted');
  }, 30_000);

  it('the terminal closed while the shell keeps the hang-up to itself: backex still ends at once, exit 129, no error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backex-hup-'));
    const shell = `trap "" HUP; "$BACKEX" 2> ${dir}/err; echo $? > ${dir}/code`;
    const { session, trace, home } = start(['--exercises', 'long-hold', '--no-voice'], { scale: 10, shell });
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await answerPain(session, '2', 0);
    await waitForTrace(trace, (l) => l.event === 'cue' && l.text === 'Hold 2 of 10');
    closeTerminal(session);
    await waitForTrace(trace, (l) => l.event === 'session-end');
    const code = join(dir, 'code');
    for (let i = 0; !existsSync(code) || readFileSync(code, 'utf8') === ''; i++) {
      if (i > 500) throw new Error('the shell never said how backex ended');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(readFileSync(code, 'utf8').trim()).toBe('129');
    expect(readFileSync(join(dir, 'err'), 'utf8')).not.toMatch(/Assertion|went wrong|at \S+ \(/);
    expect((await history(home))[0]!.status).toBe('interrupted');
  }, 30_000);

  it.each([
    ['--plain', ['--plain'], undefined],
    // node-pty sets TERM itself: the shell sets it as a user's terminal would.
    ['TERM=dumb', [], 'TERM=dumb "$BACKEX"'],
  ] as const)('%s: every cue once, as a new line, with no cursor movement or redraw while it counts', async (_name, flags, shell) => {
    const { session, trace } = start(['--exercises', 'short-hold', '--no-voice', ...flags], shell ? { shell } : {});
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await answerPain(session, '2', 0);
    await waitForTrace(trace, (l) => l.event === 'exercise-end');
    await session.waitFor(/how is your back pain now/i);
    const played = session.raw.slice(session.raw.indexOf('Exercise 1 of 1: Short hold'), session.raw.search(/And how is your back pain now/));
    session.type('1\r');
    await skipNote(session);
    // No cursor movement, clearing, hiding or carriage-return redraws: only text and new lines.
    expect(played).not.toMatch(/\x1b\[(?:\d*[ABCDHJK]|\?25[lh]|2J)|\r(?!\n)/);
    const lines = played.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    // The exercise's cues (the session's closing words come after the last question).
    const all = traceOf(trace);
    const end = all.findIndex((l) => l.event === 'exercise-end');
    const cues = all.slice(0, end).filter((l) => l.event === 'cue').map((l) => String(l.text));
    expect(cues.length).toBeGreaterThan(5);
    // Each cue once, in order.
    expect(lines.filter((l) => cues.includes(l))).toEqual(cues.filter((c, i) => cues.indexOf(c) === i || cues[i - 1] !== c));
    expect((await session.exit()).exitCode).toBe(0);
  }, 30_000);

  it('--plain: the questions are plain lines (a refused answer\'s hint stays, the question asked again below it), ? prints the keys and steps, p\'s advice is printed once, Ctrl-C at a question ends as at @inquirer\'s; no cursor movement or spinner anywhere', async () => {
    const { session, trace, home } = start(['--exercises', 'short-hold,short-sides,long-hold', '--no-voice', '--plain']);
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await session.waitFor(PAIN);
    const from = session.raw.indexOf('Next: Short hold');
    session.type('x\r');
    const hint = 'Type a whole number from 0 (no pain) to 10 (worst pain), then press Enter.';
    await session.waitFor(new RegExp(`${hint.replace(/[.()]/g, '\\$&')}\r\n\\S*How is your back pain right now`), 15_000, 'raw');
    session.type('2\r');
    await waitForTrace(trace, (l) => l.event === 'cue' && /^Rep 1 of 2/.test(String(l.text)));
    // ? twice: printed each time (a plain terminal cannot take back what it printed).
    session.type('?');
    await session.waitFor(/How to do it\r\n {2}Hold\.\r\n[\s\S]*space {3}pause/, 15_000, 'raw');
    session.type('?');
    await until(() => session.raw.split('How to do it').length === 3);
    session.type('p');
    // p's advice, then the next exercise's page and question: the advice once, not again under "Next".
    await session.waitFor(/Next: Short sides[\s\S]*How is your back pain right now/, 15_000, 'raw');
    expect(session.raw.split('You pressed p').length).toBe(2);
    // Higher than the first answer: the choice, as numbered lines; a refused number says how, Enter takes 1.
    session.type('3\r');
    await session.waitFor(/What would you like to do\?[^\n]*\r\n1\. Skip this exercise[^\n]*\r\n2\. Do it anyway, gently\r\n3\. End the session/, 15_000, 'raw');
    session.type('9\r');
    await session.waitFor(/Type 1, 2 or 3, then Enter[^\n]*\r\nWhat would you like to do\?/, 15_000, 'raw');
    session.type('2\r');
    await waitForTrace(trace, (l) => l.event === 'cue' && /Rep 1 of 1/.test(String(l.text)));
    session.type('s');
    await session.waitFor(/Next: Long hold[\s\S]*How is your back pain right now/, 15_000, 'raw');
    session.type('2\r');
    await waitForTrace(trace, (l) => l.event === 'cue' && /^Rep 1 of 3/.test(String(l.text)));
    session.type('s');
    // Ctrl-C at a plain question is a SIGINT (the terminal is cooked there), taken as Ctrl-C at the prompt it
    // replaces: no answer. At the last question that leaves it unanswered and the note is still asked (a signal
    // would end the session at once); at the note it skips the note, and the session is finished.
    await session.waitFor(/And how is your back pain now/i);
    session.type('\x03');
    await session.waitFor('How did it go?');
    session.type('\x03');
    expect((await session.exit()).exitCode).toBe(0);
    const saved = (await history(home))[0]!;
    expect(saved.status).toBe('finished');
    expect(saved.exercises.map((e) => e.status)).toEqual(['skipped-pain', 'skipped', 'skipped']);
    const played = session.raw.slice(from);
    // Only text, colours and new lines: no cursor movement, erasing or redraw (\e[2K, \e[1A, \e[G, \e[1G\e[0K), no spinner frame.
    // (The cursor shown again as backex leaves is the only other code.)
    expect(played.replace(/\x1b\[\?25h/g, '')).not.toMatch(/\x1b\[[\d;?]*[A-HJKSTfhlnsu]|\r(?!\n)/);
    // From the very start (the first screen and before it too): no spinner, and nothing drawn over.
    expect(session.raw.replace(/\x1b\[\?25h/g, '')).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]|\x1b\[[\d;?]*[A-HJKSTfhlnsu]|\r(?!\n)/);
  }, 45_000);

  // (A full disk itself is tested on the store, test/history/store-faults.test.ts: a link to /dev/full is now refused as a link.)
  it('a history it may not write (a link in its place, never followed): the session goes on, says once that it is not being saved, and its summary says so', async () => {
    const home = shortHome();
    mkdirSync(join(home, 'data'), { recursive: true });
    symlinkSync('/dev/full', join(home, 'data', 'history.jsonl'));
    const { session } = start(['--exercises', 'short-hold', '--no-voice'], { home });
    await session.waitFor('Press Enter to start');
    session.type('\r');
    // The first write is when the session starts; its warning stays in view, at the pain check too.
    await session.waitFor(PAIN);
    await session.waitFor(/not being saved \(cannot write [\s\S]*history\.jsonl:\s+it\s+is\s+a\s+symbolic\s+link/);
    await answerPain(session, '2', 0);
    await session.waitFor(/how is your back pain now/i, 20_000);
    session.type('1\r');
    await skipNote(session);
    expect((await session.exit()).exitCode).toBe(0);
    expect(session.screen()).toMatch(/Session finished/);
    expect(session.screen()).toMatch(/This session was not saved \(cannot write [\s\S]*:\s+it\s+is\s+a\s+symbolic\s+link/);
    // Its summary is still whole.
    expect(session.screen()).toMatch(/This was a demonstration/);
    // Nothing was written elsewhere instead: the link is still the link it was.
    expect(readlinkSync(join(home, 'data', 'history.jsonl'))).toBe('/dev/full');
  }, 30_000);

  it("a programme's stricter stop ends the session where backex's own would not, and its first screen says the rules in force", async () => {
    const home = shortHome();
    writeFileSync(join(home, 'config', 'programme.json'), JSON.stringify({ routines: [{ id: 'gentle', name: 'Gentle', exercises: ['short-hold'], painRules: { stopAt: 5 } }] }));
    const { session } = start(['--routine', 'gentle', '--no-voice'], { home });
    await session.waitFor('Press Enter to start');
    expect(session.visible()).toMatch(/Your programme: stop at 5 or more/);
    session.type('\r');
    await answerPain(session, '5', 0);
    await session.waitFor(/5 out of 10/);
    await skipNote(session, 60_000);
    expect((await session.exit()).exitCode).toBe(0);
    const [saved] = await history(home);
    expect(saved!.status).toBe('pain-stop');
    // Without the programme, 5 is no reason to stop.
    const plain = start(['--exercises', 'short-hold', '--no-voice'], { home: shortHome() });
    await plain.session.waitFor('Press Enter to start');
    expect(plain.session.visible()).toMatch(/Pain rules: stop at 7 or more/);
    plain.session.type('\r');
    await answerPain(plain.session, '5', 0);
    await waitForTrace(plain.trace, (l) => l.event === 'cue' && /^Rep 1 of 2/.test(String(l.text)));
    plain.session.type('q');
    plain.session.type('y');
    expect((await plain.session.exit()).exitCode).toBe(130);
  }, 60_000);

  it('asks first about the morning after the last session, and keeps a note at the end', async () => {
    const home = shortHome();
    // Yesterday by the calendar, at noon: 24 hours ago is two days back just after a clock change.
    const now = new Date();
    const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, 12).toISOString();
    mkdirSync(join(home, 'data'), { recursive: true, mode: 0o700 });
    const id = 'yesterday-session';
    const exercise = { id: 'short-hold', name: 'Short hold', dose: { reps: 2, holdSeconds: 3, sides: 'none' }, painBefore: 3, repsPlanned: 2, repsMinimum: 2, repsDone: 2, sidesPlanned: 1, sidesDone: 1, status: 'done', restarts: 0, startedAt: yesterday, endedAt: yesterday };
    writeFileSync(
      join(home, 'data', 'history.jsonl'),
      [
        { v: 1, type: 'session-start', pid: 1, sessionId: id, startedAt: yesterday, routine: 'custom', planned: [{ id: 'short-hold', name: 'Short hold', dose: exercise.dose }] },
        { v: 1, type: 'exercise', sessionId: id, exercise },
        { v: 1, type: 'session-end', sessionId: id, endedAt: yesterday, status: 'finished', painEnd: 2, durationMs: 60000 },
      ].map((l) => JSON.stringify(l)).join('\n') + '\n',
      { mode: 0o600 },
    );
    const { session, trace } = start(['--exercises', 'short-hold', '--no-voice'], { home });
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await session.waitFor(/the morning after your last session/);
    session.type('4\r');
    await waitForTrace(trace, (l) => l.event === 'prompt' && l.name === 'pain');
    await answerPain(session, '2', 0);
    await session.waitFor(/how is your back pain now/i, 20_000);
    session.type('1\r');
    await session.waitFor('How did it go?');
    session.type('Easier than last week\r');
    expect((await session.exit()).exitCode).toBe(0);
    const [today, before] = (await history(home)) as unknown as { sessionId: string; note?: string; checkin?: { pain: number } }[];
    expect(before).toMatchObject({ sessionId: id, checkin: { pain: 4 } });
    expect(today!.note).toBe('Easier than last week');
  }, 60_000);

  /** The braille figure's rows on screen (U+2800-U+28FF), as one string. */
  const figureOnScreen = (session: PtySession) => session.visible().split('\n').map((l) => l.replace(/[^\u2800-\u28ff]/g, '')).filter(Boolean).join('\n');

  it('draws the moving figure beside the count: held while the hold is counted, another pose once released', async () => {
    // Slowed (a hold second is 200 ms) so that a busy machine still leaves time to read two counts of one hold.
    const { session } = start(['--exercises', 'bird-dog', '--no-voice'], { scale: 5, home: tempHome() });
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await answerPain(session, '1', 0);
    // Any count of the first hold, then a later count of the same hold: a count may be drawn over before it is read.
    const firstHold = (counts: string) => new RegExp(`Side: left arm and right leg +Rep 1 of 10[\\s\\S]*Hold [${counts}] of 5`);
    await session.waitFor(firstHold('1-4'));
    const seen = Number(/Hold (\d) of 5/.exec(session.visible())![1]);
    const holding = figureOnScreen(session);
    expect(holding.split('\n').length).toBeGreaterThanOrEqual(3);
    await session.waitFor(firstHold(`${seen + 1}-5`));
    // Still while holding.
    expect(figureOnScreen(session)).toBe(holding);
    await session.waitFor(/Rep 1 of 10: right arm/);
    expect(figureOnScreen(session)).not.toBe(holding);
    session.type('q');
    session.type('y');
    expect((await session.exit()).exitCode).toBe(130);
  }, 60_000);

  it('a 60 x 15 terminal shows the session without the figure, and without breaking', async () => {
    const home = tempHome();
    const trace = join(mkdtempSync(join(tmpdir(), 'backex-trace-')), 'trace.jsonl');
    const session = new PtySession(['session', '--exercises', 'bird-dog', '--no-voice'], { home, cols: 60, rows: 15, env: { BACKEX_TIME_SCALE: '10', BACKEX_TRACE: trace } });
    sessions.push(session);
    await session.waitFor('Press Enter to start');
    session.type('\r');
    // The question wraps at 60 columns: wait for the prompt itself.
    await waitForTrace(trace, (l) => l.event === 'prompt' && l.name === 'pain');
    session.type('1\r');
    await waitForTrace(trace, (l) => l.event === 'cue' && l.text === 'Hold 2 of 5');
    await session.waitFor(/Hold [1-5] of 5/); // any count: one may be drawn over before it is read
    expect(figureOnScreen(session)).toBe('');
    expect(session.visible()).toMatch(/Bird dog/);
    expect(session.visible()).toMatch(/Rep 1 of 10/);
    // Nothing wider than the terminal was written on one row.
    for (const line of session.visible().split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    session.type('q');
    session.type('y');
    expect((await session.exit()).exitCode).toBe(130);
  }, 60_000);

  it('--no-figure leaves the figure out', async () => {
    const { session, trace } = start(['--exercises', 'bird-dog', '--no-voice', '--no-figure'], { scale: 10, home: tempHome() });
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await answerPain(session, '1', 0);
    await waitForTrace(trace, (l) => l.event === 'cue' && l.text === 'Hold 2 of 5');
    await session.waitFor(/Hold [1-5] of 5/); // any count: one may be drawn over before it is read
    expect(figureOnScreen(session)).toBe('');
    session.type('q');
    session.type('y');
    expect((await session.exit()).exitCode).toBe(130);
  }, 60_000);

  it('Ctrl-C at the routine chooser leaves gently, exit 130, nothing saved', async () => {
    const { session, home } = start(['--no-voice']);
    await session.waitFor('Which routine would you like to do?');
    session.type('\x03');
    expect((await session.exit()).exitCode).toBe(130);
    expect(session.visible()).toMatch(/No session today/);
    expect(await history(home)).toEqual([]);
  }, 30_000);

  it('--no-color reaches the prompts too: no colour codes anywhere', async () => {
    const { session } = start(['--exercises', 'short-hold', '--no-voice', '--no-color']);
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await session.waitFor(PAIN);
    session.type('x\r');
    await session.waitFor('Type a whole number');
    session.type('\x03');
    session.type('\x03');
    await session.exit();
    // Colour is SGR with a colour or weight: ESC [ ... m with a non-zero parameter.
    expect(session.raw).not.toMatch(/\x1b\[(?:[0-9;]*;)?(?:1|2|3[0-7]|9[0-7]|38)(?:;[0-9;]*)?m/);
  }, 30_000);

  it('with nothing chosen, asks which routine (and q at the start leaves, exit 0)', async () => {
    const { session } = start(['--no-voice']);
    await session.waitFor('Which routine would you like to do?');
    expect(session.visible()).toMatch(/Core training \(7 exercises, about \d+ min/);
    // A name that already counts its exercises is not followed by the count again.
    expect(session.visible()).toMatch(/All 17 exercises \(about \d/);
    session.type('\x1b[B'); // down: the core routine
    session.type('\r');
    await session.waitFor('Press Enter to start');
    expect(session.visible()).toMatch(/backex session: core/);
    session.type('q');
    expect((await session.exit()).exitCode).toBe(0);
  }, 30_000);

  it('q asks first; any other key carries on', async () => {
    const { session, trace } = start(['--exercises', 'long-hold', '--no-voice'], { scale: 10 });
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await answerPain(session, '2', 0);
    await waitForTrace(trace, (l) => l.event === 'cue' && l.text === 'Hold 2 of 10');
    session.type('q');
    await session.waitFor('End the session now?');
    session.type('n');
    await waitForTrace(trace, (l) => l.event === 'resume');
    // Paused by the user first: carrying on after q leaves it paused, until space resumes it.
    session.type(' ');
    await waitForTrace(trace, (l) => l.event === 'pause', 15_000, 2);
    session.type('q');
    await session.waitFor('End the session now?');
    session.type('n');
    const key = (name: string) => (l: TraceLine) => l.event === 'key' && l.key === name;
    await waitForTrace(trace, key('n'), 15_000, 2);
    session.type(' ');
    await waitForTrace(trace, key('space'), 15_000, 2);
    await waitForTrace(trace, (l) => l.event === 'resume', 15_000, 2);
    const lines = traceOf(trace);
    const secondN = lines.findIndex((l, i) => l.event === 'key' && l.key === 'n' && lines.slice(0, i).some((k) => k.event === 'key' && k.key === 'n'));
    const afterN = lines.slice(secondN + 1);
    // After "n" it stays paused: the space key comes first, and only then the resume.
    expect(afterN.map((l) => l.event === 'key' ? `key ${l.key}` : l.event).filter((e) => e === 'key space' || e === 'resume').slice(0, 2)).toEqual(['key space', 'resume']);
    session.type('q');
    await session.waitFor('End the session now?');
    session.type('y');
    expect((await session.exit()).exitCode).toBe(130);
  }, 40_000);

  it('a sound output that fails: the notice is wrapped at spaces, never mid-word, on the first screen; q still leaves at once (a render pending kept backex 20 s)', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'backex-nosound-'));
    writeFileSync(join(bin, 'aplay'), '#!/bin/sh\necho "aplay: audio open error: cannot find card 0" >&2\nexit 1\n', { mode: 0o755 });
    const home = shortHome();
    const trace = join(mkdtempSync(join(tmpdir(), 'backex-trace-')), 'trace.jsonl');
    // The bundled voice (no festival or espeak-ng on this PATH), played by the failing aplay.
    const session = new PtySession(['session', '--exercises', 'short-hold', '--voice', 'flite-rms'], { home, cols: 60, rows: 40, env: { BACKEX_TIME_SCALE: '20', BACKEX_TRACE: trace, PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin` } });
    sessions.push(session);
    await session.waitFor('Press Enter to start');
    await session.waitFor(/Speech stopped[\s\S]*voices --test/);
    const flat = session.visible().replace(/\s+/g, ' ');
    expect(flat).toContain('so the rest of this session is silent (the screen still shows every cue).');
    session.type('q');
    expect((await session.exit()).exitCode).toBe(0);
  }, 30_000);

  it('--plain: a sound output that fails is told once, not again on every "Next" page (a screen reader reads it once)', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'backex-nosound-'));
    writeFileSync(join(bin, 'aplay'), '#!/bin/sh\necho "aplay: audio open error: cannot find card 0" >&2\nexit 1\n', { mode: 0o755 });
    const trace = join(mkdtempSync(join(tmpdir(), 'backex-trace-')), 'trace.jsonl');
    const session = new PtySession(['session', '--exercises', 'short-hold,short-sides', '--voice', 'flite-rms', '--plain'], { home: shortHome(), cols: 100, rows: 40, env: { BACKEX_TIME_SCALE: '20', BACKEX_TRACE: trace, PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin` } });
    sessions.push(session);
    await session.waitFor('Press Enter to start');
    await session.waitFor(/Speech stopped/, 15_000, 'raw');
    session.type('\r');
    await answerPain(session, '1', 0);
    // The second exercise's page and pain question: the warning would have come again with it.
    await waitForTrace(trace, (l) => l.event === 'prompt', 15_000, 2);
    await session.waitFor(/Next: Short sides[\s\S]*from 0 \(none\) to 10 \(worst\)/, 15_000, 'raw');
    expect(session.raw.match(/Speech stopped/g)).toHaveLength(1);
    session.type('q\r');
    expect((await session.exit()).exitCode).toBe(130);
  }, 30_000);

  it('with no speech program installed, says so once and the session still runs', async () => {
    const emptyPath = mkdtempSync(join(tmpdir(), 'backex-nopath-'));
    const { session, trace } = start(['--exercises', 'short-hold'], { env: { PATH: emptyPath } });
    await session.waitFor('Press Enter to start');
    expect(session.screen()).toMatch(/No speech program found/);
    expect(session.screen().match(/No speech program found/g)).toHaveLength(1);
    session.type('\r');
    await answerPain(session, '1', 0);
    await waitForTrace(trace, (l) => l.event === 'exercise-end' && l.status === 'done');
    await session.waitFor(/how is your back pain now/i);
    session.type('\r');
    await skipNote(session);
    expect((await session.exit()).exitCode).toBe(0);
  }, 30_000);
});

describe('backex session without a terminal', async () => {
  it('--dry-run prints every cue with its time and the total, without prompting', async () => {
    const r = await runBackexInProcess(['session', '--exercises', 'bird-dog', '--dry-run']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/0:00 +pain check: How is your back pain right now, from 0 \(none\) to 10 \(worst\)\?/);
    expect(r.stdout).toMatch(/Rep 1 of 10: left arm and right leg/);
    // The same estimate `list` shows for it.
    const birdDog = JSON.parse((await runBackexInProcess(['list', '--json'])).stdout).find((e: { id: string }) => e.id === 'bird-dog');
    expect(r.stdout).toContain(`Total: ${formatDuration(exerciseSeconds(birdDog.dose, birdDog))}.`);
    expect(r.stdout).toMatch(/That is the session finished\. Well done\./);
    // The last pain question as the session asks it, with its scale.
    expect(r.stdout).toMatch(/pain check: And how is your back pain now, from 0 \(none\) to 10 \(worst\)\?\n.*That is the session finished/);
  });

  it('each exercise once, however it is chosen twice', async () => {
    const twice = JSON.parse((await runBackexInProcess(['session', '--exercises', 'bird-dog,11,superman,9', '--dry-run', '--json'])).stdout);
    expect(twice.exercises.map((e: { id: string }) => e.id)).toEqual(['bird-dog', 'superman']);
    const both = JSON.parse((await runBackexInProcess(['session', '--core', '--routine', 'core', '--dry-run', '--json'])).stdout);
    expect(both.exercises).toHaveLength(7);
    // One routine, named once (it was "core+core").
    expect(both.routine).toBe('core');
  });

  it('--dry-run --json is the timeline as data', async () => {
    const r = await runBackexInProcess(['session', '--core', '--dry-run', '--json']);
    const plan = JSON.parse(r.stdout);
    expect(plan.routine).toBe('core');
    expect(plan.exercises).toHaveLength(7);
    const list = JSON.parse((await runBackexInProcess(['list', '--routine', 'core', '--json'])).stdout);
    expect(plan.exercises.map((e: { id: string }) => e.id)).toEqual(list.map((e: { id: string }) => e.id));
    expect(plan.end).toMatchObject({ kind: 'session-done', atMs: plan.totalMs, say: 'That is the session finished. Well done.' });
  });

  it('refuses to start a session on a stdin that is not a terminal, pointing to --dry-run', () => {
    const r = runBackex(['session', '--core']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--dry-run/);
  });

  it('names with spaces instead of commas in --exercises: says to put commas between them', async () => {
    const r = await runBackexInProcess(['session', '--exercises', 'bird-dog', 'superman', '--dry-run']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("backex: no exercise 'bird-dog superman'; to choose several, put commas between them: --exercises bird-dog,superman");
    // One name of several words is still one exercise.
    expect((await runBackexInProcess(['session', '--exercises', 'bird', 'dog', '--dry-run'])).status).toBe(0);
  });

  it('an unknown exercise in --exercises is a usage error', async () => {
    const r = await runBackexInProcess(['session', '--exercises', 'bird-dog,brd-dgo', '--dry-run']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no exercise 'brd-dgo'; did you mean: .*bird-dog \(9\)/);
  });
});
