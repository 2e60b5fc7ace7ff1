// Playing a rendered phrase: a player program found on PATH by name (so a
// test can put a recording stand-in first), started with the file's path as
// its one argument, never through a shell. Cutting a phrase short is killing
// the player (and anything it started).
import { spawn, type ChildProcess } from 'node:child_process';
import { killGroup } from './engine.js';
import { onPath } from './find-program.js';

export interface PlayerProgram {
  name: string;
  args(file: string): string[];
  /** Extra environment (Windows passes the path this way, not inside a command). */
  env?(file: string): NodeJS.ProcessEnv;
}

// aplay first: it is what festival itself plays through, and ALSA's default
// device reaches PulseAudio or PipeWire where they run. Then the sound
// servers' own players, then sox's.
const LINUX: PlayerProgram[] = [
  { name: 'aplay', args: (f) => ['-q', f] },
  { name: 'paplay', args: (f) => [f] },
  { name: 'pw-play', args: (f) => [f] },
  { name: 'play', args: (f) => ['-q', f] },
];
const MAC: PlayerProgram[] = [{ name: 'afplay', args: (f) => [f] }];
const WINDOWS: PlayerProgram[] = [
  {
    name: 'powershell',
    // The path reaches PowerShell as an environment variable, so no quoting can go wrong.
    args: () => ['-NoProfile', '-NonInteractive', '-Command', '(New-Object Media.SoundPlayer $env:BACKEX_WAV).PlaySync()'],
    env: (f) => ({ BACKEX_WAV: f }),
  },
];

export const PLAYER_NAMES = { linux: LINUX.map((p) => p.name), darwin: ['afplay'], win32: ['powershell'] };

export function findPlayer(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): PlayerProgram | undefined {
  const candidates = platform === 'darwin' ? MAC : platform === 'win32' ? WINDOWS : LINUX;
  return candidates.find((p) => onPath(p.name, env, platform));
}

export interface Playing {
  readonly child: ChildProcess;
  /** Resolves when it has finished or was stopped; `code` is null when it was stopped or killed. */
  readonly done: Promise<{ code: number | null; error?: string }>;
  stop(): void;
}

export function play(player: PlayerProgram, file: string, env: NodeJS.ProcessEnv): Playing {
  const child = spawn(player.name, player.args(file), { stdio: ['ignore', 'ignore', 'pipe'], detached: true, env: { ...env, ...player.env?.(file) } });
  let stopped = false;
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    if (stderr.length < 500) stderr += chunk;
  });
  child.unref();
  (child.stderr as unknown as { unref?: () => void }).unref?.();
  const done = new Promise<{ code: number | null; error?: string }>((resolve) => {
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ code: -1, error: error.code === 'ENOENT' ? `${player.name} is not installed` : `${player.name} could not start (${error.message})` }));
    child.on('close', (code) => {
      if (stopped || code === null) resolve({ code: null });
      else if (code === 0) resolve({ code });
      else resolve({ code, error: `the audio player ${player.name} failed (${stderr.trim().split('\n')[0] || `exit code ${code}`})` });
    });
  });
  return {
    child,
    done,
    stop() {
      if (stopped) return;
      stopped = true;
      killGroup(child.pid);
    },
  };
}
