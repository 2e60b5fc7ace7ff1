// Runs the built backex as a user does: a child process with its own BACKEX_HOME.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(root, 'bin', 'backex.js');

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'backex-test-'));
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

type RunOptions = { env?: NodeJS.ProcessEnv; cwd?: string; home?: string };

function envFor(options: RunOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, BACKEX_HOME: options.home ?? tempHome(), COLUMNS: '120', ...options.env };
  delete env.FORCE_COLOR;
  if (options.env && 'FORCE_COLOR' in options.env) env.FORCE_COLOR = options.env.FORCE_COLOR;
  return env;
}

export function runBackex(args: string[], options: RunOptions = {}): RunResult {
  const env = envFor(options);
  const result = spawnSync(process.execPath, [bin, ...args], { env, cwd: options.cwd ?? root, encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking the test's process: for tests that run side by side with others reading a terminal. */
export function runBackexAsync(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: envFor(options), cwd: options.cwd ?? root, stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

type Cli = { run(argv: string[]): Promise<number> };
let cli: Promise<Cli> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/**
 * The built backex run inside the test's own process: the same bundle, command
 * line, environment, folder and exit code as `runBackex`, with stdout and stderr
 * caught and neither of them a terminal. A child process costs about 0.1 s of CPU
 * to start (0.2 s on a busy machine), and the suite ran some 300 of them for
 * commands that need no process of their own. What only a whole process shows
 * (exit on a closed pipe, the crash handler, signals, what start-up loads, hostile
 * files that could block or overflow) stays with `runBackex`, and each command
 * has child-process tests in test/e2e/.
 * One at a time: process.env, the folder and process.stdout belong to the process.
 */
export function runBackexInProcess(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const result = queue.then(() => runNow(args, options));
  queue = result.catch(() => undefined);
  return result;
}

class ExitCalled extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code}) called in-process`);
  }
}

function setEnv(target: NodeJS.ProcessEnv): void {
  for (const key of Object.keys(process.env)) if (!(key in target)) delete process.env[key];
  // Only what differs: setting TZ, even to the same value, makes Node reset its time zone.
  for (const [key, value] of Object.entries(target)) if (value !== undefined && process.env[key] !== value) process.env[key] = value;
}

async function runNow(args: string[], options: RunOptions): Promise<RunResult> {
  // Node's own loader, not vitest's: the bundle loads once per worker as Node loads it, chunks and all.
  cli ??= import(/* @vite-ignore */ pathToFileURL(join(root, 'dist', 'cli.js')).href) as Promise<Cli>;
  const { run } = await cli;
  const savedEnv = { ...process.env };
  const savedCwd = process.cwd();
  const out = { stdout: '', stderr: '' };
  const restores: (() => void)[] = [];
  const replace = (target: object, key: string, value: unknown) => {
    const own = Object.getOwnPropertyDescriptor(target, key);
    Object.defineProperty(target, key, { value, configurable: true, writable: true });
    restores.push(() => (own ? Object.defineProperty(target, key, own) : delete (target as Record<string, unknown>)[key]));
  };
  for (const name of ['stdout', 'stderr'] as const) {
    replace(process[name], 'write', (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
      out[name] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') queueMicrotask(() => done());
      return true;
    });
    replace(process[name], 'isTTY', false);
    replace(process[name], 'columns', undefined);
  }
  replace(process.stdin, 'isTTY', false);
  replace(process, 'exit', (code?: number) => {
    throw new ExitCalled(code ?? 0);
  });
  let status: number;
  try {
    setEnv(envFor(options));
    process.chdir(options.cwd ?? root);
    status = await run([process.execPath, bin, ...args]);
  } catch (error) {
    if (!(error instanceof ExitCalled)) throw error;
    status = error.code;
  } finally {
    for (const restore of restores.reverse()) restore();
    process.chdir(savedCwd);
    setEnv(savedEnv);
  }
  return { status, ...out };
}
