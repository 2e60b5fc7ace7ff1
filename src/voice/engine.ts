// What every speech engine offers the speaker: speak now, stop now, and say
// whether it is still talking. Text reaching an engine is already safe.
export interface Engine {
  readonly name: 'festival' | 'espeak-ng' | 'say.js';
  /** Typical ms from speak() to audio starting (npm run bench measures it). */
  readonly leadMs: number;
  /** True while an utterance may still be sounding. */
  readonly busy: boolean;
  /** Says text now; a count passes `expiresAt` (performance.now()): if the engine cannot start it by then, it is dropped. */
  speak(text: string, expiresAt?: number): void;
  /** Silences the current utterance at once. */
  interrupt(): void;
  /** Ends every process the engine started; synchronous, so it works from an exit handler. */
  close(): void;
  /** Calls back once, when nothing is sounding or waiting to sound (at once if so already). */
  onIdle(callback: () => void): void;
  /** Process ids alive now. */
  pids(): number[];
}

/** Keeps the callbacks waiting for an engine to fall quiet, and calls them when it does. */
export function idleWaiters(isBusy: () => boolean): { add(callback: () => void): void; check(): void } {
  const waiting = new Set<() => void>();
  return {
    add(callback) {
      if (!isBusy()) callback();
      else waiting.add(callback);
    },
    check() {
      if (isBusy()) return;
      for (const callback of [...waiting]) {
        waiting.delete(callback);
        callback();
      }
    },
  };
}

export interface EngineOptions {
  voice?: string;
  rate?: number;
  env: NodeJS.ProcessEnv;
  /** How long festival may take to start before it counts as broken. */
  startTimeoutMs?: number;
  /** The engine broke for good (program missing, died): called once. */
  fail: (reason: string) => void;
  /** A count given `expiresAt` could not be started in time and was dropped (traced, as the speaker's own drops are). */
  dropped?: (text: string, lateMs: number) => void;
}

/** Kills a detached child and everything it started (its process group). */
export function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
