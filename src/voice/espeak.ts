// espeak-ng starts in about 20 ms, so one process per utterance is cheap, and
// its exit says exactly when it has finished; interrupting is killing it.
// Text goes in on stdin, never through a shell or as an option.
import { spawn, type ChildProcess } from 'node:child_process';
import { killGroup, type Engine, type EngineOptions } from './engine.js';

export function createEspeak(options: EngineOptions): Engine {
  let current: ChildProcess | null = null;
  let closed = false;
  const args = ['--stdin'];
  if (options.voice) args.push('-v', options.voice);
  if (options.rate) args.push('-s', String(options.rate));

  return {
    name: 'espeak-ng',
    leadMs: 20,
    get busy() {
      return current !== null;
    },
    speak(text: string) {
      if (closed) return;
      const child = spawn('espeak-ng', args, { stdio: ['pipe', 'ignore', 'ignore'], detached: true, env: options.env });
      current = child;
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (current === child) current = null;
        options.fail(error.code === 'ENOENT' ? 'espeak-ng is not installed' : `espeak-ng could not start (${error.message})`);
      });
      child.on('exit', () => {
        if (current === child) current = null;
      });
      child.stdin!.on('error', () => {});
      child.stdin!.end(`${text}\n`);
      child.unref();
    },
    interrupt() {
      if (current) killGroup(current.pid);
      current = null;
    },
    close() {
      closed = true;
      if (current) killGroup(current.pid);
      current = null;
    },
  };
}
