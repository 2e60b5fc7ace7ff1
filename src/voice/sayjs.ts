// say.js on macOS and Windows, where its stop() ends the process it started.
// (On Linux backex never uses say.js: it passes text unescaped into festival,
// and its stop() kills a guessed process id.)
import { createRequire } from 'node:module';
import type { Engine, EngineOptions } from './engine.js';

interface SayJs {
  speak(text: string, voice?: string | null, speed?: number | null, callback?: (error?: string) => void): void;
  stop(callback?: (error?: string) => void): void;
}

export function createSayJs(options: EngineOptions): Engine {
  const say = createRequire(import.meta.url)('say') as SayJs;
  let talking = false;
  let closed = false;
  return {
    name: 'say.js',
    leadMs: 60,
    get busy() {
      return talking;
    },
    speak(text: string) {
      if (closed) return;
      talking = true;
      try {
        say.speak(text, options.voice ?? null, options.rate ? options.rate / 175 : null, (error) => {
          talking = false;
          if (error) options.fail(`the speech program failed (${error})`);
        });
      } catch (error) {
        talking = false;
        options.fail(`the speech program could not start (${(error as Error).message})`);
      }
    },
    interrupt() {
      if (!talking) return;
      talking = false;
      try {
        say.stop();
      } catch {
        // nothing was speaking
      }
    },
    close() {
      closed = true;
      this.interrupt();
    },
  };
}
