import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { onPath } from '../../src/voice/find-program.js';
import { safeText, safeVoiceName } from '../../src/voice/safe-text.js';
import { createSpeaker, type Speaker } from '../../src/voice/speaker.js';

const fixtures = fileURLToPath(new URL('../fixtures/speech/', import.meta.url));
const HOSTILE = '"); (system "touch pwned") ("';
const open: Speaker[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.closeSync();
});

/** A PATH of only the named stand-ins (perl scripts: their #! line names perl by its path): no real speech program is reachable. */
function pathWith(...programs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'backex-speech-bin-'));
  for (const p of programs) {
    // Every player name is the same recording stand-in.
    const source = ['paplay', 'pw-play', 'play', 'afplay'].includes(p) ? 'aplay' : p;
    writeFileSync(join(dir, p), readFileSync(join(fixtures, source)), { mode: 0o755 });
  }
  return dir;
}

/** One line of a stand-in's log: an utterance, a command, a render, or a player's start. */
export interface Said {
  t: number;
  pid: number;
  program?: string;
  text?: string;
  /** festival's: the utterance came while another was still being said, so it waited. */
  queued?: boolean;
  done?: string;
  command?: string;
  args?: string[];
  rendered?: string;
  player?: string;
  played?: string;
  file?: string;
  ms?: number;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function speaker(env: NodeJS.ProcessEnv, extra: Partial<Parameters<typeof createSpeaker>[0]> = {}) {
  const log = join(mkdtempSync(join(tmpdir(), 'backex-speech-')), 'said.jsonl');
  const notices: string[] = [];
  const traced: Record<string, unknown>[] = [];
  const s = await createSpeaker({
    enabled: true,
    platform: 'linux',
    env: { ...process.env, BACKEX_SPEECH_LOG: log, ...env },
    notice: (m) => notices.push(m),
    trace: (e) => traced.push(e),
    ...extra,
  });
  open.push(s);
  const said = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Said) : []);
  return { s, said, notices, traced, log };
}

async function until(check: () => boolean, ms = 60_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await wait(10);
  }
}

describe('safe text', { timeout: 120_000 }, () => {
  it.each([
    [HOSTILE, '; system touch pwned'],
    ['...', ''],
    [' ! ', ''],
    ['Rep 3 of 10: left arm and right leg.', 'Rep 3 of 10: left arm and right leg.'],
    ['back\\slash "quoted" (brackets) ;semi', 'back slash quoted brackets;semi'],
    ['Don\'t hold your breath!', 'Don\'t hold your breath!'],
    ['Étirement du dos', 'Étirement du dos'],
    ['line\nbreak\u0007bell', 'line break bell'],
  ])('%j -> %j', (input, output) => {
    const safe = safeText(input);
    expect(safe).toBe(output);
    expect(safe).not.toMatch(/["\\()]/);
    if (safe) expect(safe).toMatch(/[a-z0-9]/i);
  });

  it('voice names are identifiers only', () => {
    expect(safeVoiceName('kal_diphone')).toBe('kal_diphone');
    expect(safeVoiceName('en-us')).toBe('en-us');
    expect(safeVoiceName('x) (system "ls")')).toBeUndefined();
  });
});

describe('the speaker with a recording festival stand-in', { timeout: 120_000 }, () => {
  it('says what it is given, in order, and starts festival once (kept running)', async () => {
    // Counts wait for festival to start: a wide tolerance keeps this test free of the machine's speed.
    const { s, said } = await speaker({ PATH: pathWith('festival') }, { lateToleranceMs: 60_000 });
    expect(s.engine).toBe('festival');
    for (const word of ['three', 'two', 'one']) {
      s.say(word, { due: performance.now(), kind: 'count' });
      await until(() => said().some((l) => l.text === word));
      await s.quiet(10_000);
    }
    const words = said().filter((l) => l.text);
    expect(words.map((l) => l.text)).toEqual(['three', 'two', 'one']);
    expect(new Set(words.map((l) => l.pid)).size).toBe(1);
  });

  it('a count is passed on at once, not queued behind a long sentence', async () => {
    const { s, said } = await speaker({ PATH: pathWith('festival'), BACKEX_FAKE_MS_PER_CHAR: '100' });
    // Both festival processes warm: each has taken its settings (its ready marker follows at once).
    await until(() => new Set(said().filter((l) => l.command === '(voice_kal_diphone)').map((l) => l.pid)).size === 2);
    s.say('Get ready. Keep breathing, and count out loud with me.', { due: performance.now(), kind: 'sentence' });
    await until(() => said().some((l) => l.text?.startsWith('Get ready')));
    s.say('one', { due: performance.now(), kind: 'count' });
    await until(() => said().some((l) => l.text === 'one'));
    const log = said();
    const one = log.findIndex((l) => l.text === 'one');
    // The sentence takes 5 s at this pace: the count was started at once, not after it (the bench measures how soon).
    expect(log[one]!.queued).toBe(false);
    const sentenceDone = log.findIndex((l) => l.done?.startsWith('Get ready'));
    expect(sentenceDone === -1 || sentenceDone > one).toBe(true);
  });

  it('a count waiting for festival to start is dropped once its moment has passed, and traced like any late count', async () => {
    // festival takes a second to start (it reads nothing before then): the count is due now, with 200 ms to spare.
    const { s, said, traced } = await speaker({ PATH: pathWith('festival'), BACKEX_FAKE_FESTIVAL_START_MS: '1000' }, { lateToleranceMs: 200 });
    s.say('one', { due: performance.now(), kind: 'count' });
    expect(traced).toEqual([{ event: 'say', text: 'one' }]);
    await until(() => traced.some((e) => e.event === 'say-dropped'));
    expect(traced[1]).toMatchObject({ event: 'say-dropped', text: 'one' });
    expect(traced[1]!.lateMs as number).toBeGreaterThan(200);
    // A sentence is never dropped: said once festival is there.
    s.say('Relax now.', { due: performance.now(), kind: 'sentence' });
    await until(() => said().some((l) => l.text === 'Relax now.'));
    expect(said().filter((l) => l.text).map((l) => l.text)).toEqual(['Relax now.']);
  });

  it('a count that would be heard late is dropped, and traced', async () => {
    const { s, said, traced } = await speaker({ PATH: pathWith('festival') }, { lateToleranceMs: 60_000 });
    s.say('four', { due: performance.now() - 100_000, kind: 'count' });
    s.say('five', { due: performance.now(), kind: 'count' });
    await until(() => said().some((l) => l.text === 'five'));
    await wait(100);
    expect(said().map((l) => l.text).filter(Boolean)).toEqual(['five']);
    expect(traced).toContainEqual(expect.objectContaining({ event: 'say-dropped', text: 'four' }));
    expect(traced).toContainEqual({ event: 'say', text: 'five' });
  });

  it('a hostile text reaches festival without quotes or brackets', async () => {
    const { s, said } = await speaker({ PATH: pathWith('festival') });
    s.say(`Superman ${HOSTILE}`, { due: performance.now(), kind: 'sentence' });
    await until(() => said().some((l) => l.text));
    expect(said().find((l) => l.text)!.text).toBe('Superman; system touch pwned');
    expect(said().some((l) => l.command?.includes('system'))).toBe(false);
  });

  it('passes the voice and rate to festival as settings', async () => {
    const { s, said } = await speaker({ PATH: pathWith('festival') }, { voice: 'kal_diphone', rate: 140 });
    s.say('hello', { due: performance.now(), kind: 'sentence' });
    await until(() => said().some((l) => l.text === 'hello'));
    const commands = said().map((l) => l.command).filter(Boolean);
    expect(commands).toContain('(voice_kal_diphone)');
    expect(commands).toContain("(Parameter.set 'Duration_Stretch 1.25)");
  });
});

describe('the speaker with espeak-ng, and with nothing', { timeout: 120_000 }, () => {
  it('uses espeak-ng when festival is missing, with text on stdin', async () => {
    const { s, said } = await speaker({ PATH: pathWith('espeak-ng') }, { rate: 150, voice: 'en-gb' });
    expect(s.engine).toBe('espeak-ng');
    s.say('Relax.', { due: performance.now(), kind: 'count' });
    await until(() => said().length > 0);
    expect(said()[0]).toMatchObject({ text: 'Relax.', args: ['--stdin', '-v', 'en-gb', '-s', '150'] });
  });

  it('with no speech program: one notice naming what to install, and say() does nothing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'backex-empty-'));
    const { s, notices } = await speaker({ PATH: empty });
    expect(s.engine).toBe('none');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/No speech program found.*espeak-ng/);
    expect(() => s.say('one', { due: performance.now(), kind: 'count' })).not.toThrow();
  });

  it('--no-voice: silent, no notice', async () => {
    const { s, notices } = await speaker({}, { enabled: false });
    expect(s.engine).toBe('none');
    expect(notices).toEqual([]);
  });
});

describe('say.js, as on macOS (a recording `say` stand-in)', { timeout: 120_000 }, () => {
  // say.js starts its program with the process's own environment, so the stand-in's settings go there for these tests.
  const saved = { ...process.env };
  afterEach(() => {
    // Put back the same object (test files may share a process: vitest.config.ts).
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });
  const realPath = saved.PATH;

  it('with no `say` on PATH: silent, with one notice, instead of a crash', async () => {
    process.env.PATH = mkdtempSync(join(tmpdir(), 'backex-empty-'));
    const { s, notices } = await speaker({ PATH: process.env.PATH }, { platform: 'darwin' });
    expect(s.engine).toBe('none');
    expect(notices).toEqual([expect.stringMatching(/No speech program found \(say\)/)]);
  });

  it('speaks through say.js, and cutting a sentence short does not silence the rest of the session', async () => {
    process.env.PATH = `${pathWith('say')}:${realPath}`;
    const { s, said, notices, log } = await speaker({ PATH: process.env.PATH }, { platform: 'darwin' });
    Object.assign(process.env, { BACKEX_SPEECH_LOG: log, BACKEX_FAKE_MS_PER_CHAR: '100' });
    expect(s.engine).toBe('say.js');
    s.say('Get ready. Keep breathing, and count out loud with me.', { due: performance.now(), kind: 'sentence' });
    await until(() => said().some((l) => l.text?.startsWith('Get ready')));
    s.say('one', { due: performance.now(), kind: 'count' });
    await until(() => said().some((l) => l.text === 'one'));
    await wait(600); // say.js reports the cut-off sentence as an error: it must not count as a failure
    s.say('two', { due: performance.now(), kind: 'count' });
    await until(() => said().some((l) => l.text === 'two'));
    expect(notices).toEqual([]);
  });
});

describe.skipIf(!onPath('festival'))('real festival', { timeout: 120_000 }, () => {
  // Festival's reader ends the string at its ";" (a comment), and crashes on an empty SayText;
  // without the ";" the same trick runs the command. Both must run nothing once made safe.
  const variants = [`Superman${HOSTILE}`, 'Superman") (system "touch pwned") ("'];
  const fake = mkdtempSync(join(tmpdir(), 'backex-noplay-'));
  writeFileSync(join(fake, 'aplay'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  const festival = (text: string) => {
    const cwd = mkdtempSync(join(tmpdir(), 'backex-pwn-'));
    spawnSync('festival', ['--pipe'], { cwd, input: `(SayText "${text}")\n`, env: { ...process.env, PATH: `${fake}:${process.env.PATH}` } });
    return existsSync(join(cwd, 'pwned'));
  };

  it('the danger is real: unescaped, as say.js writes it, a name can run a command', () => {
    expect(festival(variants[1]!)).toBe(true);
  });

  it.each(variants)('made safe, %j runs nothing', (name) => {
    expect(festival(safeText(name))).toBe(false);
  });
});
