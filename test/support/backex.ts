// Runs the built backex as a user does: a child process with its own BACKEX_HOME.
import { spawnSync } from 'node:child_process';
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

export function runBackex(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; home?: string } = {}): RunResult {
  const env: NodeJS.ProcessEnv = { ...process.env, BACKEX_HOME: options.home ?? tempHome(), COLUMNS: '120', ...options.env };
  delete env.FORCE_COLOR;
  if (options.env && 'FORCE_COLOR' in options.env) env.FORCE_COLOR = options.env.FORCE_COLOR;
  const result = spawnSync(process.execPath, [bin, ...args], { env, cwd: options.cwd ?? root, encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
