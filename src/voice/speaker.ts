// The speaker between the session and a speech engine. It never blocks the
// timer and never lets speech pile up: a count that would be heard late is
// dropped, and a new utterance cuts off whatever is still sounding, so a long
// sentence never delays the next count. Engines: festival (kept running) or
// espeak-ng on Linux, say.js on macOS and Windows; none found means a silent
// session after one notice.
import type { Engine, EngineOptions } from './engine.js';
import { onPath } from './find-program.js';
import { safeText, safeVoiceName } from './safe-text.js';

export type UtteranceKind = 'count' | 'sentence';

export interface SayOptions {
  /** performance.now() when this should be handed over (already early by leadMs). */
  due: number;
  kind: UtteranceKind;
}

export interface Speaker {
  readonly engine: Engine['name'] | 'none';
  readonly leadMs: number;
  say(text: string, options: SayOptions): void;
  /** Silence now (on pause); the engine stays ready. */
  hush(): void;
  /** Resolves once nothing is sounding (or after maxMs): safety advice must be heard to its end. */
  quiet(maxMs: number): Promise<void>;
  close(): Promise<void>;
  closeSync(): void;
}

export interface SpeakerOptions {
  enabled: boolean;
  voice?: string;
  rate?: number;
  trace?: (event: Record<string, unknown>) => void;
  notice?: (message: string) => void;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** A count handed over later than this is dropped (default 150 ms). */
  lateToleranceMs?: number;
}

/** The program say.js runs where backex uses it, looked for on PATH first (say.js would crash without it). */
const SAYJS_PROGRAM: Partial<Record<NodeJS.Platform, string>> = { darwin: 'say', win32: 'powershell' };

export const INSTALL_HINT = 'To hear the counts, install festival or espeak-ng (Debian/Ubuntu: sudo apt install espeak-ng).';

const silent: Speaker = { engine: 'none', leadMs: 0, say() {}, hush() {}, async quiet() {}, async close() {}, closeSync() {} };

export async function createSpeaker(options: SpeakerOptions): Promise<Speaker> {
  if (!options.enabled) return silent;
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const trace = options.trace ?? (() => {});
  const tolerance = options.lateToleranceMs ?? 150;
  let failed = false;
  let engine: Engine | null = null;

  const voice = options.voice === undefined ? undefined : safeVoiceName(options.voice);
  if (options.voice !== undefined && voice === undefined) options.notice?.(`The voice name "${options.voice}" is not valid (letters, digits, _ and - only), so the default voice is used.`);
  const engineOptions: EngineOptions = {
    ...(voice && { voice }),
    ...(options.rate && { rate: options.rate }),
    env,
    fail: (reason) => {
      // Once: the session carries on in silence, with one notice.
      if (failed) return;
      failed = true;
      engine?.close();
      options.notice?.(`Speech stopped: ${reason}, so the rest of this session is silent (the screen still shows every cue). ${INSTALL_HINT}`);
    },
  };

  const sayJsProgram = SAYJS_PROGRAM[platform];
  if (sayJsProgram !== undefined) {
    if (!onPath(sayJsProgram, env, platform)) {
      options.notice?.(`No speech program found (${sayJsProgram}), so this session will be silent (the screen still shows every cue).`);
      return silent;
    }
    engine = (await import('./sayjs.js')).createSayJs(engineOptions, platform);
  } else if (onPath('festival', env)) {
    engine = (await import('./festival.js')).createFestival(engineOptions);
  } else if (onPath('espeak-ng', env)) {
    engine = (await import('./espeak.js')).createEspeak(engineOptions);
  } else {
    options.notice?.(`No speech program found, so this session will be silent (the screen still shows every cue). ${INSTALL_HINT}`);
    return silent;
  }
  const active = engine;

  return {
    engine: active.name,
    leadMs: active.leadMs,
    say(text, { due, kind }) {
      if (failed) return;
      const lateMs = performance.now() - due;
      if (kind === 'count' && lateMs > tolerance) {
        trace({ event: 'say-dropped', text, lateMs: Math.round(lateMs) });
        return;
      }
      const safe = safeText(text);
      if (!safe) return;
      if (active.busy) {
        // Traced, so the bench can show that announcements fit their time and are rarely cut.
        trace({ event: 'say-cut', by: safe });
        active.interrupt();
      }
      active.speak(safe, kind === 'count' ? due + tolerance : undefined);
      trace({ event: 'say', text: safe });
    },
    hush() {
      active.interrupt();
    },
    async quiet(maxMs) {
      const until = performance.now() + maxMs;
      while (active.busy && !failed && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    },
    async close() {
      active.close();
    },
    closeSync() {
      active.close();
    },
  };
}
