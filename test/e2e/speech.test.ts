// What a session says, and when: a recording stand-in for festival first on
// PATH logs every utterance with its time, which is lined up with the trace.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { onPath } from '../../src/voice/find-program.js';
import { tempHome } from '../support/backex.js';
import { PtySession, skipNote } from '../support/pty.js';

const fixtures = fileURLToPath(new URL('../fixtures/speech/', import.meta.url));
const HOSTILE_NAME = 'Superman") (system "touch pwned") ("';
const sessions: PtySession[] = [];
// The tests run side by side (each mostly waits on its session): a failed one's session is ended here.
afterAll(() => {
  for (const s of sessions.splice(0)) s.kill();
});

function home(): string {
  const dir = tempHome();
  mkdirSync(join(dir, 'config'), { recursive: true });
  writeFileSync(
    join(dir, 'config', 'short.json'),
    JSON.stringify({
      exercises: [
        { id: 'short-hold', name: 'Short hold', category: 'core', position: 'Lie on your back.', steps: ['Hold.'], dose: { reps: 2, holdSeconds: 3, sides: 'none' } },
        { id: 'hostile', name: HOSTILE_NAME, category: 'core', position: 'Lie down"); (system "touch pwned2") ("', steps: ['Hold.'], dose: { reps: 1, holdSeconds: 1, sides: 'none' } },
      ],
    }),
  );
  return dir;
}

/** PATH with only the festival stand-in, or with the real festival and a silent aplay. */
function speechPath(kind: 'stand-in' | 'real'): string {
  const dir = mkdtempSync(join(tmpdir(), 'backex-speech-path-'));
  if (kind === 'stand-in') {
    writeFileSync(join(dir, 'festival'), readFileSync(join(fixtures, 'festival')), { mode: 0o755 });
    return dir;
  }
  writeFileSync(join(dir, 'aplay'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  return `${dir}:${process.env.PATH}`;
}

const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);

async function until(check: () => boolean, ms = 20_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function runShort(kind: 'stand-in' | 'real', exercises: string, cwd?: string, firstAnswer?: string, msPerChar = 3) {
  const dir = mkdtempSync(join(tmpdir(), 'backex-speech-'));
  const trace = join(dir, 'trace.jsonl');
  const said = join(dir, 'said.jsonl');
  const session = new PtySession(['session', '--exercises', exercises], {
    home: home(),
    env: { BACKEX_TIME_SCALE: '5', BACKEX_TRACE: trace, BACKEX_SPEECH_LOG: said, BACKEX_FAKE_MS_PER_CHAR: String(msPerChar), PATH: speechPath(kind) },
    ...(cwd && { cwd }),
  });
  sessions.push(session);
  await session.waitFor('Press Enter to start');
  // A person hears the welcome out (the real festival's words are not logged: it is only checked to run nothing).
  if (kind === 'stand-in') await until(() => lines(said).some((l) => /Press Enter to start\.$/.test(l.text ?? '')));
  session.type('\r');
  await session.waitFor('from 0 (none) to 10 (worst)');
  // A person hears the question out before answering: the exercise's first words then find the voice free.
  if (kind === 'stand-in') await until(() => lines(said).some((l) => /How is your back pain/.test(l.done ?? '')));
  if (firstAnswer !== undefined) {
    session.type(`${firstAnswer}\r`);
    await session.waitFor('Type a whole number');
    // A person listens to the hint before trying again (a newer utterance would cut it off).
    if (kind === 'stand-in') await until(() => lines(said).some((l) => /Type a whole number/.test(l.text ?? '')));
  }
  session.type('2\r');
  await until(() => lines(trace).some((l) => l.event === 'exercise-end'));
  await session.waitFor(/how is your back pain now/i);
  session.type('\r');
  await skipNote(session);
  expect((await session.exit()).exitCode).toBe(0);
  await until(() => lines(trace).some((l) => l.event === 'session-end'));
  return { trace: lines(trace), said: lines(said) };
}

describe.concurrent('a session, by ear', () => {
  it('says every cue, in order, each count on its beat (none late, none queued)', async () => {
    // A slow voice (20 ms a character at 5 times the speed): some phrases are still being said when the next is due.
    const { trace, said } = await runShort('stand-in', 'short-hold', undefined, undefined, 20);
    const words = said.filter((l) => l.text).map((l) => l.text as string);
    const expected = [
      'Remember: stop if anything hurts, and keep breathing. Press Enter to start.',
      'Next: Short hold. How is your back pain right now, from zero, none, to ten, worst?',
      'Short hold. Lie on your back.',
      'Hold.',
      'Get ready. Keep breathing, and count out loud with me.',
      'three', 'two', 'one',
      'Rep one of two.', 'Hold for three.', 'one', 'two', 'three', 'Relax.',
      'Last one. Rep two of two.', 'Hold for three.', 'one', 'two', 'three', 'Relax.',
      'Well done: Short hold is finished.',
      'And how is your back pain now, from zero, none, to ten, worst?',
      'That is the session finished. Well done.',
    ];
    // Every cue was handed to the voice in order, or, for a phrase on the beat (a count, or the "Relax."
    // that ends a hold) whose moment had passed on a busy machine, dropped rather than said late
    // (how often: npm run bench; none on a quiet machine).
    const voiced = trace.filter((l) => l.event === 'say' || l.event === 'say-dropped' || l.event === 'say-cut');
    const lastSay = (i: number) => voiced.slice(0, i).findLast((l) => l.event === 'say');
    // The speaker drops a late phrase instead of handing it over; festival drops one it was given while
    // still starting (after its say): only the first kind stands in for a cue.
    const engineDrop = (l: { event: string; text?: string }, i: number) => l.event === 'say-dropped' && lastSay(i)?.text === l.text;
    const handed = voiced.filter((l, i) => l.event === 'say' || (l.event === 'say-dropped' && !engineDrop(l, i)));
    expect(handed.map((l) => l.text).slice(0, expected.length)).toEqual(expected);
    for (const late of voiced.filter((l) => l.event === 'say-dropped')) {
      expect(late.text).toMatch(/^(one|two|three|Relax\.)$/);
      expect(late.lateMs).toBeGreaterThan(150);
    }
    // What was handed over was heard, in order, but for a phrase the next one cut short (festival is
    // stopped and started again to cut: a phrase handed to one still starting is cut before it sounds)
    // or one dropped by festival as above.
    let heard = 0;
    voiced.forEach((line, i) => {
      if (line.event !== 'say') return;
      if (words[heard] === line.text) heard++;
      else {
        const next = voiced[i + 1];
        const cutOrDropped = next !== undefined && (next.event === 'say-cut' || engineDrop(next, i + 1));
        expect(cutOrDropped, `"${line.text}" was neither heard nor cut nor dropped`).toBe(true);
      }
    });
    expect(heard).toBe(words.length);
    expect(words.at(-1)).toBe('That is the session finished. Well done.');

    // On its beat: each count is handed over as its tick comes (before the next tick), and festival
    // starts it at once, never after another phrase it was still saying (queued).
    const ticks = trace.map((l, i) => (l.event === 'tick' ? i : -1)).filter((i) => i >= 0);
    const countCues = trace.map((l, i) => [l, i] as const).filter(([l]) => l.event === 'cue' && /^(Hold \d|Starting in)/.test(l.text));
    expect(countCues.length).toBe(2 * 3 + 3);
    for (const [cue, at] of countCues) {
      const nextTick = ticks.find((i) => i > at) ?? trace.length;
      const spoken = trace.slice(at, nextTick).filter((l) => handed.includes(l));
      expect(spoken, String(cue.text)).toHaveLength(1);
    }
    const countsSaid = said.filter((l) => /^(one|two|three)$/.test(l.text ?? ''));
    expect(countsSaid.length).toBeGreaterThan(0);
    for (const count of countsSaid) expect(count.queued, JSON.stringify(count)).toBe(false);
    // (So the check above can fail: some phrase was still being said when the next came, and was cut.)
    expect(trace.filter((l) => l.event === 'say-cut').length).toBeGreaterThan(0);
  }, 40_000);

  it('a refused pain answer is explained aloud, not only on screen', async () => {
    const { said } = await runShort('stand-in', 'short-hold', undefined, 'x');
    const words = said.filter((l) => l.text).map((l) => l.text as string);
    expect(words).toContain('Type a whole number from zero, no pain, to ten, worst pain, then press Enter.');
  }, 40_000);

  it('advice to stop is heard to its end before the session ends (pain of 8)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backex-speech-'));
    const trace = join(dir, 'trace.jsonl');
    const said = join(dir, 'said.jsonl');
    // 20 ms a character: the advice takes about 3 s to "say", far longer than the session needs to end.
    const session = new PtySession(['session', '--exercises', 'short-hold'], {
      home: home(),
      env: { BACKEX_TIME_SCALE: '20', BACKEX_TRACE: trace, BACKEX_SPEECH_LOG: said, BACKEX_FAKE_MS_PER_CHAR: '20', PATH: speechPath('stand-in') },
    });
    sessions.push(session);
    await session.waitFor('Press Enter to start');
    session.type('\r');
    await session.waitFor('from 0 (none) to 10 (worst)');
    session.type('8\r');
    await skipNote(session, 30_000);
    expect((await session.exit(30_000)).exitCode).toBe(0);
    await until(() => lines(trace).some((l) => l.event === 'session-end'));
    const advice = lines(said).find((l) => /physician or physiotherapist/.test(l.text ?? ''));
    expect(advice).toBeDefined();
    // Nothing cut it short (earlier phrases may be: Enter was pressed at once), and the session ended only once it had been said.
    const adviceSaid = lines(trace).find((l) => l.event === 'say' && /physician or physiotherapist/.test(l.text));
    expect(lines(trace).filter((l) => l.event === 'say-cut' && l.t > adviceSaid.t)).toEqual([]);
    const end = lines(trace).find((l) => l.event === 'session-end');
    expect(end.origin + end.t).toBeGreaterThanOrEqual(advice.t + advice.text.length * 20 - 50);
  }, 40_000);

  it('a hostile exercise name is spoken without quotes or brackets, and runs nothing', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'backex-cwd-'));
    const { said } = await runShort('stand-in', 'hostile', cwd);
    const words = said.filter((l) => l.text).map((l) => l.text as string);
    expect(words).toContain('Superman system touch pwned. Lie down; system touch pwned2');
    for (const w of said) expect(JSON.stringify(w.text ?? w.command ?? w.done)).not.toMatch(/\(system|\\"/);
    expect(existsSync(join(cwd, 'pwned'))).toBe(false);
  }, 40_000);

  it.skipIf(!onPath('festival'))('with the real festival too, the hostile name runs nothing', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'backex-cwd-'));
    await runShort('real', 'hostile', cwd);
    expect(existsSync(join(cwd, 'pwned'))).toBe(false);
    expect(existsSync(join(cwd, 'pwned2'))).toBe(false);
  }, 40_000);
});
