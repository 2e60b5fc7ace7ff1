// Writing history: health data, so it stays on this machine, private (folder
// 0700, file 0600) and safe. Append-only JSON lines, one event per line, each
// written with one write() on an O_APPEND file and fsync'd before the session
// moves on: a crash, kill -9 or power cut loses at most the exercise in
// progress, two sessions in two terminals interleave whole lines, and an
// older record is never rewritten. A failure (full disk, no permission) never
// stops the session: one warning, then nothing more is written.
// A symbolic link in place of the file is never followed (another user could
// plant one to collect the records), a data folder or file of another user is
// refused, and only a file backex creates has its mode set.
import { closeSync, constants, fchmodSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ExerciseRecord, Felt, SessionEnd, SessionStart } from '../engine/record.js';
import { describeFileError } from '../errors.js';
import { historyFile } from '../paths.js';
import { visible } from '../terminal/visible.js';
import { linkRefusal } from './read.js';

/** Bumped only if a line's meaning changes; readers skip versions they do not know. */
export const FORMAT_VERSION = 1;

export type HistoryLine =
  | ({ v: 1; type: 'session-start'; pid: number } & SessionStart)
  | { v: 1; type: 'exercise'; sessionId: string; exercise: ExerciseRecord }
  | ({ v: 1; type: 'session-end' } & SessionEnd)
  | { v: 1; type: 'checkin'; sessionId: string; at: string; pain: number; felt: Felt | null };

export interface HistoryWriter {
  start(session: SessionStart): void;
  exercise(sessionId: string, record: ExerciseRecord): void;
  end(session: SessionEnd): void;
  close(): void;
  /** False once a write has failed: from then on nothing of this session is saved (say so in its summary). */
  readonly saving: boolean;
  /** Why it is not saving, in plain words ("cannot write ...: the disk is full"); null while saving. */
  readonly problem: string | null;
}

export interface HistoryOptions {
  env?: NodeJS.ProcessEnv;
  file?: string;
  warn: (message: string) => void;
}

/** The user's id, where the system has one (not on Windows). */
const me = () => process.getuid?.();

/**
 * Creates the folder chain with mode 0700 and sets the folders it created to
 * 0700 (whatever the umask). The folder itself is backex's own, so if it
 * already exists, group and other permissions are taken off it; the folders
 * above it are the user's and left alone.
 */
export function makePrivateFolder(dir: string): void {
  const created = mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdirSync returns the first folder it made: that one and every one below it are ours.
  for (let folder = dir; ; folder = dirname(folder)) {
    quietlyWithFd(folder, (fd) => setPrivate(fd, 0o700, created !== undefined));
    if (!created || folder === created || dirname(folder) === folder) break;
  }
}

/** Whether the file is empty or ends a line: anything else is a torn write to step over. */
function endsWithNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

/** Opens a file or folder read-only for `use`, then closes it; best effort: any failure is ignored. */
export function quietlyWithFd(path: string, use: (fd: number) => void): void {
  try {
    const fd = openSync(path, 'r');
    try {
      use(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not ours to change, or not possible here.
  }
}

/**
 * Sets a folder or regular file to `mode` (exact), or only takes the bits
 * beyond `mode` off it (so a folder the user made read-only stays so). Never
 * touches a device (a test links the history to /dev/full), nor fails.
 */
function setPrivate(fd: number, mode: number, exact: boolean): void {
  try {
    const stat = fstatSync(fd);
    // Another user's folder (root could change it) is refused later, never changed.
    const mine = me();
    if (mine !== undefined && stat.uid !== mine) return;
    const wanted = exact ? mode : stat.mode & mode;
    if ((stat.isFile() || stat.isDirectory()) && (stat.mode & 0o777) !== wanted) fchmodSync(fd, wanted);
  } catch {
    // Someone else's file we may still append to: its mode is theirs.
  }
}

/** A refusal in plain words, said as it is (not through describeFileError). */
export class Refused extends Error {}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const APPEND = constants.O_RDWR | constants.O_APPEND | NOFOLLOW;

/** Refuses a folder or file that belongs to another user: backex keeps health data only in the user's own. */
function mustBeMine(uid: number, what: string, file: string): void {
  const mine = me();
  if (mine !== undefined && uid !== mine) throw new Refused(`cannot write ${visible(file)}: ${what} belongs to another user, so backex will not keep your history there`);
}

/**
 * Opens the history to append, creating it (and its folder) if need be:
 * never through a symbolic link, only a plain file and folder of the user's
 * own, and mode 0600 set only on a file created here. Throws Refused or the
 * system's error; the file descriptor is the caller's to close.
 */
export function openForAppend(file: string): number {
  const dir = dirname(file);
  makePrivateFolder(dir);
  mustBeMine(statSync(dir).uid, `the folder ${visible(dir)}`, file);
  let fd: number;
  let created = false;
  try {
    // O_EXCL: also fails on a link (even a dangling one), which the open below then refuses.
    fd = openSync(file, APPEND | constants.O_CREAT | constants.O_EXCL, 0o600);
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    try {
      fd = openSync(file, APPEND | (constants.O_NONBLOCK ?? 0));
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === 'ELOOP') throw new Refused(linkRefusal(file, 'write'));
      throw again;
    }
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Refused(`cannot write ${visible(file)}: it is not a plain file, so it cannot hold your history`);
    mustBeMine(stat.uid, 'the file', file);
    // Whatever the umask: 0600. Never on a file backex did not create (its mode is its owner's choice).
    if (created) fchmodSync(fd, 0o600);
    return fd;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** Appends one whole line (after a newline if the file ends in a torn one) and flushes it to disk. */
function appendLine(fd: number, line: HistoryLine, first: boolean): void {
  let text = `${JSON.stringify(line)}\n`;
  // A torn last line (a write cut short by a full disk or a crash) must not swallow our first line.
  if (first && !endsWithNewline(fd)) text = `\n${text}`;
  const bytes = Buffer.from(text);
  // A short write without an error is allowed by POSIX: write the rest.
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
  fsyncSync(fd);
}

/** Why a write failed, in plain words, naming the file. */
export const writeProblem = (error: unknown, file: string) => (error instanceof Refused ? error.message : describeFileError(error, visible(file)));

export function openHistory({ env = process.env, file = historyFile(env), warn }: HistoryOptions): HistoryWriter {
  let fd: number | null = null;
  let problem: string | null = null;

  const append = (line: HistoryLine) => {
    if (problem !== null) return;
    try {
      const first = fd === null;
      fd ??= openForAppend(file);
      appendLine(fd, line, first);
    } catch (error) {
      problem = writeProblem(error, file);
      warn(`This session is not being saved (${problem}). Your earlier history is untouched.`);
    }
  };

  return {
    start: (session) => append({ v: FORMAT_VERSION, type: 'session-start', pid: process.pid, ...session }),
    exercise: (sessionId, exercise) => append({ v: FORMAT_VERSION, type: 'exercise', sessionId, exercise }),
    end: (session) => append({ v: FORMAT_VERSION, type: 'session-end', ...session }),
    close: () => {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
    get saving() {
      return problem === null;
    },
    get problem() {
      return problem;
    },
  };
}

/** Appends one line on its own (a check-in): opened, written, flushed, closed. Null when saved, otherwise why not, in plain words. */
export function appendOne(file: string, line: HistoryLine): string | null {
  let fd: number | undefined;
  try {
    fd = openForAppend(file);
    appendLine(fd, line, true);
    return null;
  } catch (error) {
    return writeProblem(error, file);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
