// Festival kept running (`festival --pipe`) and fed one (SayText "...") per
// utterance: this keeps festival's start-up (0.2-0.4 s) off every count. After
// each utterance festival writes a marker to stderr (unbuffered, unlike its
// stdout on a pipe), so we know exactly when it has finished. Festival queues
// commands, so a new utterance cannot cut in: instead the talking process is
// killed with its audio player and a warm spare takes over at once.
// This is used only where no audio player of our own is found (otherwise
// phrases are rendered ahead and played: render.ts). `--heap 500000` keeps
// each process near 35 MB (330 MB at festival's default heap).
import { onLines } from './lines.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { idleWaiters, killGroup, type Engine, type EngineOptions } from './engine.js';
import { festivalRate } from './render.js';

interface Worker {
  child: ChildProcess;
  ready: boolean;
  /** While festival is still starting: the one utterance to say when it is ready (the newest wins), unless it is a count gone stale. */
  waiting?: { text: string; expiresAt?: number };
  /** Utterance numbers sent and not yet reported done. */
  pending: Set<number>;
  killed: boolean;
}

const READY = 'backex-ready';
const DONE = 'backex-done-';

export function createFestival(options: EngineOptions): Engine {
  let current: Worker;
  let spare: Worker;
  let next = 1;
  let closed = false;
  let failures = 0;
  const idle = idleWaiters(() => current.pending.size > 0 || current.waiting !== undefined);
  const startTimeout = options.startTimeoutMs ?? 5000;
  const setup: string[] = [];
  if (options.voice) setup.push(`(voice_${options.voice})`);
  // Festival's default pace is about 175 words a minute; Duration_Stretch slows (>1) or quickens it.
  if (options.rate) setup.push(...festivalRate(options.voice ?? '', options.rate));

  function start(): Worker {
    const child = spawn('festival', ['--pipe', '--heap', '500000'], { stdio: ['pipe', 'ignore', 'pipe'], detached: true, env: options.env });
    const worker: Worker = { child, ready: false, pending: new Set(), killed: false };
    // A festival that starts but never answers would leave a silent session with no word said: say so at once.
    const timer = setTimeout(() => {
      if (!worker.ready && !worker.killed && !closed) options.fail(`festival started but did not answer within ${Math.round(startTimeout / 1000)} s`);
    }, startTimeout);
    timer.unref();
    onLines(child.stderr!, (line) => {
      if (line === READY) {
        clearTimeout(timer);
        worker.ready = true;
        const waiting = worker.waiting;
        worker.waiting = undefined;
        // A count that would now be heard late is dropped, as the speaker drops late counts.
        if (waiting && (waiting.expiresAt === undefined || performance.now() <= waiting.expiresAt)) send(worker, waiting.text);
        else if (waiting) options.dropped?.(waiting.text, performance.now() - waiting.expiresAt!);
        idle.check();
      } else if (line.startsWith(DONE)) {
        worker.pending.delete(Number(line.slice(DONE.length)));
        idle.check();
      }
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      worker.killed = true;
      options.fail(error.code === 'ENOENT' ? 'festival is not installed' : `festival could not start (${error.message})`);
    });
    child.on('exit', () => {
      if (worker.killed || closed) return;
      worker.killed = true;
      // Died by itself: replace it, but give up after a few tries rather than spin.
      if (++failures > 3) options.fail('festival keeps stopping');
      else if (worker === current) promote();
      else spare = start();
    });
    child.stdin!.on('error', () => {});
    child.unref();
    (child.stdin as unknown as { unref?: () => void }).unref?.();
    (child.stderr as unknown as { unref?: () => void }).unref?.();
    child.stdin!.write(`${setup.join('\n')}\n(format stderr "${READY}\\n")\n`);
    return worker;
  }

  function send(worker: Worker, text: string): void {
    const id = next++;
    worker.pending.add(id);
    // One command per line: festival reads them in order.
    worker.child.stdin!.write(`(SayText "${text}")\n(format stderr "${DONE}${id}\\n")\n`);
  }

  function stop(worker: Worker): void {
    worker.killed = true;
    killGroup(worker.child.pid);
  }

  function promote(): void {
    current = spare;
    spare = start();
  }

  current = start();
  spare = start();

  return {
    name: 'festival',
    leadMs: 8,
    get busy() {
      // An utterance still waiting for festival to start is not said yet: quiet() must wait for it too.
      return current.pending.size > 0 || current.waiting !== undefined;
    },
    speak(text: string, expiresAt?: number) {
      if (closed) return;
      // Still starting (at the very beginning, or a spare after quick interruptions): keep the newest, say it when ready.
      if (!current.ready) current.waiting = { text, ...(expiresAt !== undefined && { expiresAt }) };
      else send(current, text);
    },
    interrupt() {
      current.waiting = undefined;
      if (closed || current.pending.size === 0) return idle.check();
      stop(current);
      promote();
      idle.check();
    },
    close() {
      if (closed) return;
      closed = true;
      stop(current);
      stop(spare);
      current.waiting = undefined;
      current.pending.clear();
      idle.check();
    },
    onIdle: (callback) => idle.add(callback),
    pids: () => [current, spare].filter((w) => !w.killed && w.child.pid).map((w) => w.child.pid!),
  };
}
