// espeak-ng starts in about 20 ms, so one process per utterance is cheap, and
// its exit says exactly when it has finished; interrupting is killing it.
// Text goes in on stdin, never through a shell or as an option.
import { spawn, type ChildProcess } from 'node:child_process';
import { idleWaiters, killGroup, type Engine, type EngineOptions } from './engine.js';

export function createEspeak(options: EngineOptions): Engine {
  let current: ChildProcess | null = null;
  let closed = false;
  const idle = idleWaiters(() => current !== null);
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
      const child = spawn('espeak-ng', args, { stdio: ['pipe', 'ignore', 'pipe'], detached: true, env: options.env });
      current = child;
      let stderr = '';
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (c: string) => (stderr += c));
      (child.stderr as unknown as { unref?: () => void }).unref?.();
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (current === child) current = null;
        options.fail(error.code === 'ENOENT' ? 'espeak-ng is not installed' : `espeak-ng could not start (${error.message})`);
        idle.check();
      });
      child.on('close', (code) => {
        if (current === child) current = null;
        // An unknown voice, a broken install: espeak-ng says why and exits at once; silence without a word would leave the user guessing.
        if (code !== 0 && code !== null && !closed) options.fail(`espeak-ng failed (${stderr.trim().split('\n')[0] || `exit code ${code}`})`);
        idle.check();
      });
      child.stdin!.on('error', () => {});
      child.stdin!.end(`${text}\n`);
      child.unref();
    },
    interrupt() {
      if (current) killGroup(current.pid);
      current = null;
      idle.check();
    },
    close() {
      closed = true;
      if (current) killGroup(current.pid);
      current = null;
      idle.check();
    },
    onIdle: (callback) => idle.add(callback),
    pids: () => (current?.pid ? [current.pid] : []),
  };
}
