// say.js on macOS and Windows, where its stop() ends the process it started.
// (On Linux backex never uses say.js: it passes text unescaped into festival,
// and its stop() kills a guessed process id.)
import { createRequire } from 'node:module';
import type { ChildProcess } from 'node:child_process';
import { idleWaiters, type Engine, type EngineOptions } from './engine.js';

interface SayJs {
  speak(text: string, voice?: string | null, speed?: number | null, callback?: (error?: Error | null) => void): void;
  stop(callback?: (error?: Error) => void): void;
  /** The process say.js started last (say.js keeps only one). */
  child: ChildProcess | null;
}

export function createSayJs(options: EngineOptions, platform: NodeJS.Platform): Engine {
  // say.js's own instance follows process.platform; one made for `platform` lets tests play macOS.
  const sayModule = createRequire(import.meta.url)('say') as { Say: new (platform: NodeJS.Platform) => SayJs };
  const say = new sayModule.Say(platform);
  /** Number of the utterance sounding now (0: none); those we stopped are not failures. */
  let talking = 0;
  let count = 0;
  const stopped = new Set<number>();
  let closed = false;
  const idle = idleWaiters(() => talking !== 0);
  return {
    name: 'say.js',
    leadMs: 60,
    get busy() {
      return talking !== 0;
    },
    speak(text: string) {
      if (closed) return;
      const utterance = ++count;
      talking = utterance;
      try {
        say.speak(text, options.voice ?? null, options.rate ? options.rate / 175 : null, (error) => {
          if (talking === utterance) talking = 0;
          idle.check();
          // A stopped utterance ends with an error too ("could not talk"): that one is ours.
          if (error && !stopped.delete(utterance)) options.fail(`the speech program failed (${error.message})`);
        });
        // say.js listens for no 'error' event: a missing program would crash the process.
        say.child?.once('error', (error: NodeJS.ErrnoException) => {
          if (talking === utterance) talking = 0;
          idle.check();
          options.fail(error.code === 'ENOENT' ? 'the speech program is not installed' : `the speech program could not start (${error.message})`);
        });
      } catch (error) {
        talking = 0;
        options.fail(`the speech program could not start (${(error as Error).message})`);
      }
    },
    interrupt() {
      if (!talking) return;
      stopped.add(talking);
      talking = 0;
      idle.check();
      try {
        say.stop();
      } catch {
        // nothing was speaking
      }
    },
    close() {
      this.interrupt();
      closed = true;
    },
    onIdle: (callback) => idle.add(callback),
    pids: () => (talking && say.child?.pid ? [say.child.pid] : []),
  };
}
