// Renderers turn a phrase (already safe text) into a WAV file in the cache
// folder. One phrase at a time (the speaker queues them), so rendering ahead
// takes at most one core and one engine process:
// - festival: one `festival --pipe --heap 500000` kept running (its default
//   heap costs about 330 MB; this one about 35 MB), writing each utterance
//   with utt.save.wave to a file name relative to its folder, so no path ever
//   goes into festival's Scheme input;
// - espeak-ng: one short process per phrase (`-w`), text on stdin;
// - flite (the bundled voice, WebAssembly): a Node child process, restarted
//   if it crashes (see flite.ts).
import { onLines } from './lines.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { killGroup } from './engine.js';

export type RenderEngine = 'festival' | 'espeak-ng' | 'flite';

export interface Renderer {
  readonly engine: RenderEngine;
  /** Writes `text` as a WAV to `name` (relative to the cache folder). Rejects with a plain reason. */
  render(text: string, name: string): Promise<void>;
  /** Ends every process it started; synchronous, for exit handlers. */
  close(): void;
  /** Process ids alive now (the bench adds up their memory). */
  pids(): number[];
}

/** The renderer gave up for good: speech cannot go on with this voice. */
export class RenderFailure extends Error {}

export interface RendererOptions {
  dir: string;
  voice: string;
  rate?: number | undefined;
  env: NodeJS.ProcessEnv;
  /** How long festival may take to start before it is taken as broken (it starts in about 0.1 s). */
  startTimeoutMs?: number;
  /** How long one phrase may take to render. */
  renderTimeoutMs?: number;
}

/** Festival's words per minute at Duration_Stretch 1, about; and flite's. */
const BASE_WPM = 175;

const READY = 'backex-ready';
const DONE = 'backex-done-';

/** Festival's pace: Duration_Stretch for most voices; HTS voices ignore it and take hts_engine's speed (-r) instead. */
export function festivalRate(voice: string, rate: number): string[] {
  const lines = [`(Parameter.set 'Duration_Stretch ${(BASE_WPM / rate).toFixed(2)})`];
  if (/hts/.test(voice)) lines.push(`(set! hts_engine_params (append hts_engine_params (list (list "-r" ${(rate / BASE_WPM).toFixed(2)}))))`);
  return lines;
}

export function festivalRenderer(options: RendererOptions): Renderer {
  let child: ChildProcess | null = null;
  let ready: Promise<void> | null = null;
  let next = 1;
  let deaths = 0;
  let closed = false;
  const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  const startTimeout = options.startTimeoutMs ?? 5000;
  const renderTimeout = options.renderTimeoutMs ?? 20_000;

  function start(): Promise<void> {
    const proc = spawn('festival', ['--pipe', '--heap', '500000'], { cwd: options.dir, stdio: ['pipe', 'ignore', 'pipe'], detached: true, env: options.env });
    child = proc;
    proc.unref();
    (proc.stdin as unknown as { unref?: () => void }).unref?.();
    (proc.stderr as unknown as { unref?: () => void }).unref?.();
    proc.stdin!.on('error', () => {});
    let errors = '';
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        killGroup(proc.pid);
        reject(new RenderFailure(`festival started but did not answer within ${Math.round(startTimeout / 1000)} s`));
      }, startTimeout);
      // Not unref()ed: while festival starts or renders, that is what keeps a short command (voices --test) alive.
      onLines(proc.stderr!, (line) => {
        if (line === READY) {
          clearTimeout(timer);
          resolve();
        } else if (line.startsWith(DONE)) {
          const id = Number(line.slice(DONE.length));
          waiting.get(id)?.resolve();
          waiting.delete(id);
        } else if (/error/i.test(line)) errors = line.trim();
      });
      proc.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new RenderFailure(error.code === 'ENOENT' ? 'festival is not installed' : `festival could not start (${error.message})`));
      });
      proc.on('exit', () => {
        clearTimeout(timer);
        if (child === proc) {
          child = null;
          ready = null;
        }
        if (closed) return;
        deaths++;
        const reason = `festival stopped${errors ? ` (${errors})` : ''}`;
        reject(new RenderFailure(reason));
        for (const [id, w] of waiting) {
          w.reject(deaths > 3 ? new RenderFailure(`${reason}, again`) : new Error(reason));
          waiting.delete(id);
        }
      });
      const setup = [`(voice_${options.voice})`];
      if (options.rate) setup.push(...festivalRate(options.voice, options.rate));
      proc.stdin!.write(`${setup.join('\n')}\n(format stderr "${READY}\\n")\n`);
    });
  }

  return {
    engine: 'festival',
    async render(text, name) {
      if (closed) throw new Error('closed');
      if (deaths > 3) throw new RenderFailure('festival keeps stopping');
      ready ??= start();
      await ready;
      const id = next++;
      const proc = child!;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          killGroup(proc.pid);
          reject(new RenderFailure(`festival took over ${Math.round(renderTimeout / 1000)} s for one phrase`));
        }, renderTimeout);
        waiting.set(id, {
          resolve: () => (clearTimeout(timer), resolve()),
          reject: (e) => (clearTimeout(timer), reject(e)),
        });
        proc.stdin!.write(`(utt.save.wave (utt.synth (Utterance Text "${text}")) "${name}" 'riff)\n(format stderr "${DONE}${id}\\n")\n`);
      });
    },
    close() {
      closed = true;
      if (child) killGroup(child.pid);
      child = null;
    },
    pids: () => (child?.pid ? [child.pid] : []),
  };
}

export function espeakRenderer(options: RendererOptions): Renderer {
  const running = new Set<ChildProcess>();
  let closed = false;
  return {
    engine: 'espeak-ng',
    render(text, name) {
      if (closed) return Promise.reject(new Error('closed'));
      const args = ['-v', options.voice, ...(options.rate ? ['-s', String(options.rate)] : []), '-w', name, '--stdin'];
      const proc = spawn('espeak-ng', args, { cwd: options.dir, stdio: ['pipe', 'ignore', 'pipe'], detached: true, env: options.env });
      running.add(proc);
      let stderr = '';
      proc.stderr!.setEncoding('utf8');
      proc.stderr!.on('data', (c: string) => (stderr += c));
      proc.stdin!.on('error', () => {});
      proc.stdin!.end(`${text}\n`);
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => killGroup(proc.pid), options.renderTimeoutMs ?? 20_000);
        proc.on('error', (error: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          running.delete(proc);
          reject(new RenderFailure(error.code === 'ENOENT' ? 'espeak-ng is not installed' : `espeak-ng could not start (${error.message})`));
        });
        proc.on('close', (code) => {
          clearTimeout(timer);
          running.delete(proc);
          if (code === 0) resolve();
          // espeak-ng says "The specified espeak-ng voice does not exist." for an unknown voice: that will not get better.
          else reject(new RenderFailure(`espeak-ng failed (${stderr.trim().split('\n')[0] || (code === null ? 'it was stopped' : `exit code ${code}`)})`));
        });
      });
    },
    close() {
      closed = true;
      for (const proc of running) killGroup(proc.pid);
      running.clear();
    },
    pids: () => [...running].map((p) => p.pid!).filter(Boolean),
  };
}

export { BASE_WPM };
