// The effects of `remind set` and `remind off`: the files of a reminder plan
// written (and every file and folder made, noted in reminder.json beside the
// history), the scheduler's commands run without a shell, and all of it undone.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { builtInDataDir } from '../catalogue/load.js';
import type { Day } from '../catalogue/schema.js';
import { describeFileError, UsageError } from '../errors.js';
import { backexPaths } from '../paths.js';
import { onPath } from '../voice/find-program.js';
import { commandText, LAUNCHD_LABEL, MARKER, TASK_NAME, UNIT, type ReminderContext, type ReminderPlan, type Scheduler } from './schedule.js';

/** What reminder.json keeps: enough to say what is set, and to undo it exactly. */
export interface ReminderState {
  v: 1;
  scheduler: Scheduler;
  days: Day[];
  time: string;
  routine?: string;
  /** The --data files the routine came from (absolute), for the command the reminder suggests. */
  data?: string[];
  files: string[];
  /** Folders `set` made (deepest last), removed by `off` when empty. */
  folders: string[];
  setAt: string;
}

/** The only files `set` writes: `off` touches nothing else, whatever reminder.json says. */
const OUR_FILES = new Set([`${UNIT}.service`, `${UNIT}.timer`, `${LAUNCHD_LABEL}.plist`]);

/**
 * What `off` runs: fixed by the scheduler, never read from reminder.json (a file
 * on disk must not be able to make backex run a command of its choosing).
 */
export function undoCommands(state: Pick<ReminderState, 'scheduler' | 'files'>, uid = process.getuid?.() ?? 0): string[][] {
  if (state.scheduler === 'systemd') return [['systemctl', '--user', 'disable', '--now', `${UNIT}.timer`], ['systemctl', '--user', 'daemon-reload']];
  if (state.scheduler === 'launchd') return state.files.filter((f) => basename(f) === `${LAUNCHD_LABEL}.plist`).map((f) => ['launchctl', 'bootout', `gui/${uid}`, f]);
  if (state.scheduler === 'schtasks') return [['schtasks', '/Delete', '/TN', TASK_NAME, '/F']];
  return [];
}

export function stateFile(env: NodeJS.ProcessEnv): string {
  return join(backexPaths(env).data, 'reminder.json');
}

/** Where backex runs: the platform (BACKEX_PLATFORM may stand in for it, for tests), home, and how to start backex. */
export function reminderContext(env: NodeJS.ProcessEnv, probeSystemd = true): ReminderContext {
  const platform = (env.BACKEX_PLATFORM as NodeJS.Platform | undefined) || process.platform;
  const bin = join(dirname(builtInDataDir()), 'bin', 'backex.js');
  return {
    platform,
    home: env.HOME || env.USERPROFILE || homedir(),
    xdgConfigHome: env.XDG_CONFIG_HOME,
    uid: process.getuid?.() ?? 0,
    command: [process.execPath, bin],
    backexHome: env.BACKEX_HOME,
    systemdUser: platform === 'linux' && probeSystemd && systemdUserSession(env),
  };
}

/** A systemd user session answers: `systemctl --user` can reach it (not so in most containers, or over plain ssh). */
function systemdUserSession(env: NodeJS.ProcessEnv): boolean {
  if (!onPath('systemctl', env)) return false;
  const r = spawnSync('systemctl', ['--user', 'show-environment'], { env, stdio: 'ignore', timeout: 5000 });
  return r.status === 0;
}

export function readState(env: NodeJS.ProcessEnv): ReminderState | undefined {
  const file = stateFile(env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(describeFileError(error, file, 'read'));
  }
  try {
    const state = JSON.parse(text) as ReminderState;
    const known = state.files?.every((f) => typeof f === 'string' && OUR_FILES.has(basename(f))) && state.folders?.every((f) => typeof f === 'string') && (state.data === undefined || (Array.isArray(state.data) && state.data.every((f) => typeof f === 'string')));
    if (state.v === 1 && known && ['systemd', 'launchd', 'schtasks'].includes(state.scheduler)) return state;
  } catch {
    // reported below
  }
  throw new UsageError(`${file} is damaged: remove the reminder by hand (README, "backex remind"), then delete that file`);
}

/** The folders mkdir -p would make for `dir`, outermost first. */
function missingFolders(dir: string): string[] {
  const missing: string[] = [];
  for (let folder = dir; !existsSync(folder) && dirname(folder) !== folder; folder = dirname(folder)) missing.unshift(folder);
  return missing;
}

function run(command: string[], env: NodeJS.ProcessEnv): string | undefined {
  const [program, ...args] = command as [string, ...string[]];
  const r = spawnSync(program, args, { env, encoding: 'utf8', timeout: 20_000 });
  if (r.error) return `${commandText(command)} could not start: ${(r.error as NodeJS.ErrnoException).code === 'ENOENT' ? `${program} is not on PATH` : r.error.message}`;
  if (r.status !== 0) return `${commandText(command)} failed (exit ${r.status}): ${(r.stderr || r.stdout || '').trim().split('\n')[0] ?? ''}`;
  return undefined;
}

/** Whether a file is one backex wrote (it carries the marker). */
function isOurs(path: string): boolean {
  try {
    return readFileSync(path, 'utf8').includes(MARKER);
  } catch {
    return false;
  }
}

/** Writes the plan's files and runs its commands; on any failure, undoes what it did and says why. */
export function applyPlan(plan: ReminderPlan, state: Omit<ReminderState, 'files' | 'folders'>, env: NodeJS.ProcessEnv): void {
  for (const { path } of plan.files) {
    if (existsSync(path) && !isOurs(path)) throw new UsageError(`${path} is in the way, and backex did not write it: move it, then run this again`);
  }
  const folders: string[] = [];
  const written: string[] = [];
  const undo = () => {
    for (const path of written) tryUnlink(path);
    removeEmpty(folders);
  };
  try {
    for (const { path, content } of plan.files) {
      const missing = missingFolders(dirname(path));
      if (missing.length > 0) mkdirSync(dirname(path), { recursive: true });
      folders.push(...missing);
      writeFileSync(path, content, { mode: 0o644 });
      written.push(path);
    }
    const stateDir = backexPaths(env).data;
    const missing = missingFolders(stateDir);
    if (missing.length > 0) mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    folders.push(...missing);
    const full: ReminderState = { ...state, files: written, folders };
    writeFileSync(stateFile(env), `${JSON.stringify(full, null, 2)}\n`, { mode: 0o600 });
    written.push(stateFile(env));
  } catch (error) {
    undo();
    if (error instanceof UsageError) throw error;
    throw new UsageError(describeFileError(error, (error as { path?: string }).path ?? 'a reminder file'));
  }
  for (const command of plan.run) {
    const failed = run(command, env);
    if (failed) {
      for (const back of plan.undo) run(back, env);
      undo();
      throw new UsageError(`${failed}; no reminder was set`);
    }
  }
}

function tryUnlink(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}

function removeEmpty(folders: string[]): void {
  for (const folder of [...folders].reverse()) {
    try {
      if (statSync(folder).isDirectory() && readdirSync(folder).length === 0) rmdirSync(folder);
    } catch {
      // Gone already, or not empty: left as it is.
    }
  }
}

/** Undoes a reminder: its commands, then its files (only those still carrying the marker), its empty folders, reminder.json. Returns what it did, and warnings. */
export function removeReminder(state: ReminderState, env: NodeJS.ProcessEnv): { done: string[]; warnings: string[] } {
  const done: string[] = [];
  const warnings: string[] = [];
  for (const command of undoCommands(state)) {
    const failed = run(command, env);
    if (failed) warnings.push(failed);
    else done.push(`ran ${commandText(command)}`);
  }
  for (const path of state.files) {
    if (!existsSync(path)) continue;
    if (!isOurs(path)) {
      warnings.push(`${path} no longer looks like backex's (it was changed), so it was left where it is`);
      continue;
    }
    if (tryUnlink(path)) done.push(`removed ${path}`);
    else warnings.push(`could not remove ${path}`);
  }
  tryUnlink(stateFile(env));
  removeEmpty(state.folders);
  return { done, warnings };
}
