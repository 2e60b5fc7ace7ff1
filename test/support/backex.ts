// Runs the built backex as a user does: a child process with its own BACKEX_HOME.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
