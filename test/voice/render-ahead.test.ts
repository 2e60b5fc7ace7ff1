// Voices found and ranked, speech rendered ahead into the cache and played by
// a player: recording stand-ins first on PATH for each engine and for the
// players (test/fixtures/speech/), plus the real festival, festvox-us-slt-hts,
// espeak-ng and the bundled flite where they are installed.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DataError, UsageError } from '../../src/errors.js';
import { SpeechCache } from '../../src/voice/cache.js';
import { onPath } from '../../src/voice/find-program.js';
import { fliteRenderer } from '../../src/voice/flite.js';
import { createSpeaker, measurePhrases, type Speaker } from '../../src/voice/speaker.js';
import { findVoices } from '../../src/voice/voices.js';
import { silentWav, wavDurationMs } from '../../src/voice/wav.js';

const fixtures = fileURLToPath(new URL('../fixtures/speech/', import.meta.url));
const open: Speaker[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.closeSync();
});

interface Said {
  t: number;
  pid: number;
  program?: string;
  text?: string;
  command?: string;
  rendered?: string;
  player?: string;
  played?: string;
  file?: string;
  ms?: number;
}

/** A folder holding only these stand-ins (every player name is the recording player). */
function standIns(...programs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'backex-speech-bin-'));
  for (const p of programs) writeFileSync(join(dir, p), readFileSync(join(fixtures, ['festival', 'espeak-ng', 'say'].includes(p) ? p : 'aplay')), { mode: 0o755 });
  return dir;
}

function setup(path: string, extra: NodeJS.ProcessEnv = {}) {
  const home = mkdtempSync(join(tmpdir(), 'backex-home-'));
  const log = join(home, 'said.jsonl');
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: path, BACKEX_HOME: home, BACKEX_SPEECH_LOG: log, BACKEX_FAKE_MS_PER_CHAR: '5', BACKEX_FAKE_FESTIVAL_VOICES: 'cmu_us_slt_arctic_hts', ...extra };
  const said = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Said) : []);
  return { home, env, said, cacheDir: join(home, 'cache', 'speech') };
}

async function speakerFor(env: NodeJS.ProcessEnv, extra: Partial<Parameters<typeof createSpeaker>[0]> = {}) {
  const notices: string[] = [];
  const traced: Record<string, unknown>[] = [];
  const s = await createSpeaker({ enabled: true, platform: 'linux', env, notice: (m) => notices.push(m), trace: (e) => traced.push(e), ...extra });
  open.push(s);
  return { s, notices, traced };
}

async function until(check: () => boolean, ms = 60_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('WAV length', { timeout: 120_000 }, () => {
  it('reads the length from the header, past chunks it does not know', () => {
    expect(wavDurationMs(silentWav(1500))).toBe(1500);
    expect(wavDurationMs(silentWav(250, 32000, { id: 'LIST', data: new Uint8Array(7) }))).toBe(250);
    expect(wavDurationMs(new TextEncoder().encode('RIFF....WAVEnope'))).toBeUndefined();
    expect(wavDurationMs(new Uint8Array(3))).toBeUndefined();
  });
});

describe('finding voices, and choosing one', { timeout: 120_000 }, () => {
  it('ranks festival HTS first, then the bundled rms, then kal_diphone, then espeak-ng; the best is used', async () => {
    const { env } = setup(standIns('festival', 'espeak-ng', 'aplay'), { BACKEX_FAKE_FESTIVAL_VOICES: 'kal_diphone cmu_us_slt_arctic_hts' });
    const search = await findVoices(env, 'linux');
    const names = search.voices.map((v) => v.name);
    expect(names.slice(0, 2)).toEqual(['cmu_us_slt_arctic_hts', 'flite-rms']);
    expect(names.indexOf('kal_diphone')).toBeLessThan(names.indexOf('espeak-en-us'));
    expect(names).not.toContain('espeak-en-us-mbrola');
    expect(search.player).toBe('aplay');
    const { s } = await speakerFor(env, { search });
    expect(s.voice).toBe('cmu_us_slt_arctic_hts');
    expect(s.why).toMatch(/clearest/);
  });

  it('an unknown --voice is refused (exit 2), listing the voices there are', async () => {
    const { env } = setup(standIns('festival', 'espeak-ng', 'aplay'));
    const error = await createSpeaker({ enabled: true, platform: 'linux', env, voice: 'nosuch' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^no voice "nosuch" \(--voice\); the voices here are: cmu_us_slt_arctic_hts, flite-rms, flite-kal16, flite-slt, .*espeak-en-us/);
  });

  it('espeak-ng\'s own names still work (--voice en-gb)', async () => {
    const { env } = setup(standIns('espeak-ng', 'aplay'));
    const { s } = await speakerFor(env, { voice: 'en-gb' });
    expect(s.voice).toBe('espeak-en-gb');
  });

  it('a bundled voice without any player cannot be chosen, and says why', async () => {
    const { env } = setup(standIns('festival'));
    const error = await createSpeaker({ enabled: true, platform: 'linux', env, voice: 'flite-slt' }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/cannot speak here: it needs an audio player \(aplay, paplay, pw-play, play\)/);
  });

  it('the "voice" setting in settings.jsonc chooses, --voice wins over it, and a bad file is named', async () => {
    const { env, home } = setup(standIns('festival', 'espeak-ng', 'aplay'));
    mkdirSync(join(home, 'config'));
    writeFileSync(join(home, 'config', 'settings.jsonc'), '// my voice\n{ "voice": "espeak-en-gb", }\n');
    const search = await findVoices(env, 'linux');
    expect((await speakerFor(env, { search })).s.voice).toBe('espeak-en-gb');
    expect((await speakerFor(env, { search, voice: 'flite-awb' })).s.voice).toBe('flite-awb');
    writeFileSync(join(home, 'config', 'settings.jsonc'), '{ "voice": "gone" }');
    await expect(createSpeaker({ enabled: true, platform: 'linux', env, search })).rejects.toThrow(/no voice "gone" \("voice" in .*settings\.jsonc\)/);
    writeFileSync(join(home, 'config', 'settings.jsonc'), '{ "voice": ');
    const error = await createSpeaker({ enabled: true, platform: 'linux', env, search }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(/settings\.jsonc: line 1, column 12: expected a value here/);
  });
});

describe('speech rendered ahead, then only players', { timeout: 120_000 }, () => {
  const phrases = ['Get ready. Keep breathing, and count out loud with me.', 'three', 'two', 'one', 'Rep one of two.', 'Relax.'];

  it('prepare() fills the cache (0600 files in a 0700 folder); saying them then starts players only', async () => {
    const { env, said, cacheDir } = setup(standIns('festival', 'aplay'));
    const { s, notices } = await speakerFor(env);
    expect(s.engine).toBe('festival');
    await s.prepare(phrases);
    const renders = said().filter((l) => l.rendered);
    expect(renders.map((l) => l.text)).toEqual(phrases);
    expect(new Set(renders.map((l) => l.pid)).size).toBe(1);
    expect(lstatSync(cacheDir).mode & 0o777).toBe(0o700);
    const files = readdirSync(cacheDir);
    expect(files).toHaveLength(phrases.length);
    for (const f of files) expect(lstatSync(join(cacheDir, f)).mode & 0o777).toBe(0o600);
    expect(s.spokenMs('Relax.')).toBe('Relax.'.length * 5);

    for (const text of phrases) {
      s.say(text, { due: performance.now(), kind: 'sentence' });
      await s.quiet(10_000);
    }
    await until(() => said().filter((l) => l.player).length === phrases.length);
    expect(said().filter((l) => l.player).map((l) => l.played)).toEqual(phrases);
    // Nothing more was rendered: at each cue only a player started.
    expect(said().filter((l) => l.rendered)).toHaveLength(phrases.length);
    expect(notices).toEqual([]);
  });

  it('a later session finds the phrases in the cache and renders nothing', async () => {
    const { env, said } = setup(standIns('festival', 'aplay'));
    await (await speakerFor(env)).s.prepare(phrases);
    const before = said().filter((l) => l.rendered).length;
    const lengths = await measurePhrases(phrases, undefined, { env, platform: 'linux' });
    expect([...lengths.values()]).toEqual(phrases.map((p) => p.length * 5));
    expect(said().filter((l) => l.rendered)).toHaveLength(before);
  });

  it('a phrase not known ahead is rendered on the spot, then played', async () => {
    const { env, said } = setup(standIns('festival', 'aplay'));
    const { s, traced } = await speakerFor(env);
    s.say('Your pain was four.', { due: performance.now(), kind: 'sentence' });
    await s.quiet(10_000);
    await until(() => said().some((l) => l.played === 'Your pain was four.'));
    expect(traced.map((e) => e.event)).toEqual(['say', 'say-play']);
  });

  it('a count not rendered in time is dropped, not played late', async () => {
    const { env, said } = setup(standIns('festival', 'aplay'), { BACKEX_FAKE_RENDER_MS: '400' });
    const { s, traced } = await speakerFor(env, { lateToleranceMs: 50 });
    s.say('seven', { due: performance.now(), kind: 'count' });
    await s.quiet(10_000);
    expect(traced).toContainEqual(expect.objectContaining({ event: 'say-dropped', text: 'seven' }));
    expect(said().filter((l) => l.player)).toEqual([]);
  });

  it('a new phrase cuts the one sounding: its player is ended at once', async () => {
    const { env, said } = setup(standIns('festival', 'aplay'), { BACKEX_FAKE_MS_PER_CHAR: '200' });
    const { s, traced } = await speakerFor(env);
    await s.prepare(['A long sentence that takes a while to say.', 'one']);
    s.say('A long sentence that takes a while to say.', { due: performance.now(), kind: 'sentence' });
    await until(() => said().some((l) => l.player));
    const first = said().find((l) => l.player)!;
    s.say('one', { due: performance.now(), kind: 'count' });
    await until(() => !alive(first.pid));
    expect(traced).toContainEqual({ event: 'say-cut', by: 'one' });
    await until(() => said().some((l) => l.played === 'one'));
    s.hush();
    expect(s.processes()).toEqual(s.processes().filter(alive));
  });

  it('quiet() waits for a phrase still being rendered, and for its player', async () => {
    const { env, said } = setup(standIns('festival', 'aplay'), { BACKEX_FAKE_RENDER_MS: '300', BACKEX_FAKE_MS_PER_CHAR: '20' });
    const { s } = await speakerFor(env);
    const advice = 'Stop now, and speak to a physician or physiotherapist.';
    s.say(advice, { due: performance.now(), kind: 'sentence' });
    await s.quiet(30_000);
    const play = said().find((l) => l.played === advice);
    expect(play).toBeDefined();
    // It returned only once the player had played it all.
    expect(Date.now()).toBeGreaterThanOrEqual(play!.t + advice.length * 20 - 5);
  });

  it('close() ends the renderer and the player', async () => {
    const { env, said } = setup(standIns('festival', 'aplay'), { BACKEX_FAKE_MS_PER_CHAR: '500' });
    const { s } = await speakerFor(env);
    s.say('A sentence that sounds for a long time.', { due: performance.now(), kind: 'sentence' });
    await until(() => said().some((l) => l.player));
    const pids = s.processes();
    expect(pids.length).toBe(2);
    s.closeSync();
    await until(() => pids.every((p) => !alive(p)));
  });

  it('a cache folder that is a symlink is not used; speech goes to a private folder instead', () => {
    const home = mkdtempSync(join(tmpdir(), 'backex-home-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'backex-elsewhere-'));
    mkdirSync(join(home, 'cache'));
    symlinkSync(elsewhere, join(home, 'cache', 'speech'));
    const cache = SpeechCache.open({ BACKEX_HOME: home });
    expect(cache.dir).not.toBe(join(home, 'cache', 'speech'));
    expect(lstatSync(cache.dir).mode & 0o777).toBe(0o700);
  });

  it('a cached file replaced by a symlink is not followed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backex-cache-'));
    const cache = new SpeechCache(dir);
    const key = { engine: 'festival', voice: 'v', text: 'hello' };
    const target = join(mkdtempSync(join(tmpdir(), 'backex-target-')), 'secret.wav');
    writeFileSync(target, silentWav(100));
    symlinkSync(target, join(dir, cache.fileName(key)));
    expect(cache.lookup(key)).toBeUndefined();
  });

  it('stays within its size: the least recently used files go', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backex-cache-'));
    const cache = new SpeechCache(dir, 100_000);
    for (let i = 0; i < 8; i++) {
      const scratch = cache.scratchName();
      writeFileSync(join(dir, scratch), silentWav(1000));
      cache.adopt(scratch, { engine: 'e', voice: 'v', text: `phrase ${i}` });
    }
    const total = readdirSync(dir).reduce((sum, f) => sum + lstatSync(join(dir, f)).size, 0);
    expect(total).toBeLessThanOrEqual(100_000);
    expect(cache.lookup({ engine: 'e', voice: 'v', text: 'phrase 7' })).toBeDefined();
    expect(cache.lookup({ engine: 'e', voice: 'v', text: 'phrase 0' })).toBeUndefined();
  });
});

describe('speech that fails is said once, at once', { timeout: 120_000 }, () => {
  it('a festival that starts but never answers: one notice, before anything is said, and another voice is used', async () => {
    const { env } = setup(standIns('festival', 'espeak-ng', 'aplay'), { BACKEX_FAKE_FESTIVAL_HANG: '1' });
    const search = await findVoices(env, 'linux', 500);
    expect(search.problems).toEqual(['festival started but did not answer within 1 s, so its voices are not used']);
    const { s, notices } = await speakerFor(env, { search });
    expect(notices).toEqual(['Speech: festival started but did not answer within 1 s, so its voices are not used.']);
    expect(s.voice).toBe('flite-rms');
  });

  it('live festival (no player) that never answers: a notice as soon as its start-up time has passed', async () => {
    const voices = await findVoices(setup(standIns('festival')).env, 'linux');
    const { env } = setup(standIns('festival'), { BACKEX_FAKE_FESTIVAL_HANG: '1' });
    const { s, notices } = await speakerFor(env, { search: voices, startTimeoutMs: 200 });
    s.say('Hello', { due: performance.now(), kind: 'sentence' });
    await until(() => notices.length > 0);
    expect(notices).toEqual([expect.stringMatching(/^Speech stopped: festival started but did not answer within 0 s/)]);
  });

  it('live espeak-ng with a voice it does not have: the notice names espeak-ng\'s own words', async () => {
    const { env } = setup(standIns('espeak-ng'));
    const search = await findVoices(env, 'linux');
    const { s, notices } = await speakerFor(env, { search: { ...search, voices: search.voices.map((v) => (v.engine === 'espeak-ng' ? { ...v, engineVoice: 'xx' } : v)) } });
    s.say('Hello', { due: performance.now(), kind: 'sentence' });
    await until(() => notices.length > 0);
    expect(notices[0]).toMatch(/^Speech stopped: espeak-ng failed \(Error: The specified espeak-ng voice does not exist\.\)/);
  });

  it('a player that fails (no sound card): one notice, pointing at the sound output', async () => {
    const dir = standIns('festival');
    writeFileSync(join(dir, 'aplay'), '#!/bin/sh\necho "aplay: cannot find card 0" >&2\nexit 1\n', { mode: 0o755 });
    const { env } = setup(dir);
    const { s, notices } = await speakerFor(env);
    s.say('Hello', { due: performance.now(), kind: 'sentence' });
    await s.quiet(10_000);
    s.say('Again', { due: performance.now(), kind: 'sentence' });
    await s.quiet(10_000);
    expect(notices).toEqual([expect.stringMatching(/^Speech stopped: the audio player aplay failed \(aplay: cannot find card 0\).*sound output/)]);
  });

  it('festival\'s busy counts an utterance still waiting for festival to start: quiet() waits for it', async () => {
    // Live festival (no player), slow to start: the advice must be said before quiet() returns.
    const voices = await findVoices(setup(standIns('festival')).env, 'linux');
    const { env, said } = setup(standIns('festival'), { BACKEX_FAKE_MS_PER_CHAR: '1', BACKEX_FAKE_FESTIVAL_START_MS: '1000' });
    const { s } = await speakerFor(env, { search: voices });
    s.say('Stop now.', { due: performance.now(), kind: 'sentence' });
    await s.quiet(30_000);
    expect(said().some((l) => l.text === 'Stop now.')).toBe(true);
  });
});

describe('the bundled voice (flite, WebAssembly, in a child process)', { timeout: 120_000 }, () => {
  it('renders real speech, and a crash of its child mid-session costs nothing', async () => {
    const { env, said } = setup(standIns('aplay'));
    const { s, notices } = await speakerFor(env, { voice: 'flite-slt' });
    expect(s.engine).toBe('flite');
    await s.prepare(['Rep three of ten.']);
    const ms = s.spokenMs('Rep three of ten.')!;
    expect(ms).toBeGreaterThan(500);
    expect(ms).toBeLessThan(3000);
    const [child] = s.processes();
    expect(child).toBeDefined();
    // Within the memory aim for everything started for speech (its peak so far: compiling and one phrase).
    const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child}/status`, 'utf8'))![1]);
    expect(peakKb).toBeLessThan(100 * 1024);
    // The child dies in the middle of rendering the next phrases.
    const more = s.prepare(['Hold for five.', 'One, two, three.']);
    process.kill(child!, 'SIGKILL');
    await more;
    expect(s.spokenMs('Hold for five.')).toBeGreaterThan(300);
    expect(s.spokenMs('One, two, three.')).toBeGreaterThan(300);
    s.say('Hold for five.', { due: performance.now(), kind: 'sentence' });
    await until(() => said().some((l) => l.player));
    expect(notices).toEqual([]);
    expect(s.processes()).not.toContain(child);
  });
});

describe('the bundled voice when idle', { timeout: 120_000 }, () => {
  it('its child exits when idle (its memory with it), and the next phrase starts a fresh one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backex-cache-'));
    const renderer = fliteRenderer({ dir, voice: 'kal', env: process.env, idleExitMs: 50 });
    try {
      await renderer.render('one', 'a.wav');
      const [first] = renderer.pids();
      await until(() => renderer.pids().length === 0 && !alive(first!));
      await renderer.render('two', 'b.wav');
      expect(wavDurationMs(readFileSync(join(dir, 'b.wav')))).toBeGreaterThan(100);
      expect(renderer.pids()).not.toContain(first);
    } finally {
      renderer.close();
    }
  });
});

describe.skipIf(!onPath('festival') || !onPath('espeak-ng'))('real festival, festvox-us-slt-hts and espeak-ng', { timeout: 120_000 }, () => {
  it('the HTS voice is found and used first', async () => {
    const { env } = setup(`${standIns('aplay')}:${process.env.PATH}`);
    const search = await findVoices(env, 'linux');
    expect(search.voices[0]!.name).toBe('cmu_us_slt_arctic_hts');
    expect(search.voices.some((v) => v.name === 'espeak-en-us')).toBe(true);
  });

  it.each(['cmu_us_slt_arctic_hts', 'espeak-en-us'])('%s renders a WAV whose length is the spoken length', async (voice) => {
    const { env } = setup(`${standIns('aplay')}:${process.env.PATH}`);
    const lengths = await measurePhrases(['one', 'Rep three of ten. Hold for five. One, two, three.'], voice, { env, platform: 'linux' });
    expect(lengths.get('one')).toBeGreaterThan(150);
    expect(lengths.get('Rep three of ten. Hold for five. One, two, three.')).toBeGreaterThan(2000);
    expect(lengths.get('one')!).toBeLessThan(lengths.get('Rep three of ten. Hold for five. One, two, three.')!);
  });

  it('--rate changes the HTS voice\'s pace too (it ignores Duration_Stretch)', async () => {
    const { env } = setup(`${standIns('aplay')}:${process.env.PATH}`);
    const text = 'Rep three of ten. Hold for five.';
    const normal = (await measurePhrases([text], 'cmu_us_slt_arctic_hts', { env, platform: 'linux' })).get(text)!;
    const slow = (await measurePhrases([text], 'cmu_us_slt_arctic_hts', { env, platform: 'linux', rate: 100 })).get(text)!;
    expect(slow).toBeGreaterThan(normal * 1.4);
  });

  it('rendering with festival HTS stays under 100 MB resident', async () => {
    const { env } = setup(`${standIns('aplay')}:${process.env.PATH}`);
    const { s } = await speakerFor(env);
    expect(s.voice).toBe('cmu_us_slt_arctic_hts');
    const done = s.prepare(['Exercise one of six: bird dog. Start on your hands and knees, with your spine neutral.', 'Get ready. Keep breathing, and count out loud with me.']);
    await until(() => s.processes().length > 0);
    const [pid] = s.processes();
    await done;
    // VmHWM: the most it ever held.
    const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
    expect(peakKb).toBeLessThan(100 * 1024);
  });
});
