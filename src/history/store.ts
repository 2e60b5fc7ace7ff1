// Writing history: health data, so it stays on this machine, private (folder
// 0700, file 0600) and safe. Append-only JSON lines, one event per line, each
// written with one write() on an O_APPEND file and fsync'd before the session
// moves on: a crash, kill -9 or power cut loses at most the exercise in
// progress, two sessions in two terminals interleave whole lines, and an
// older record is never rewritten. A failure (full disk, no permission) never
// stops the session: one warning, then nothing more is written.
import { closeSync, fchmodSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ExerciseRecord, SessionEnd, SessionStart } from '../engine/record.js';
import { describeFileError } from '../errors.js';
import { historyFile } from '../paths.js';

/** Bumped only if a line's meaning changes; readers skip versions they do not know. */
export const FORMAT_VERSION = 1;

export type HistoryLine =
  | ({ v: 1; type: 'session-start'; pid: number } & SessionStart)
  | { v: 1; type: 'exercise'; sessionId: string; exercise: ExerciseRecord }
  | ({ v: 1; type: 'session-end' } & SessionEnd);

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
    const wanted = exact ? mode : stat.mode & mode;
    if ((stat.isFile() || stat.isDirectory()) && (stat.mode & 0o777) !== wanted) fchmodSync(fd, wanted);
  } catch {
    // Someone else's file we may still append to: its mode is theirs.
  }
}

export function openHistory({ env = process.env, file = historyFile(env), warn }: HistoryOptions): HistoryWriter {
  let fd: number | null = null;
  let problem: string | null = null;

  const append = (line: HistoryLine) => {
    if (problem !== null) return;
    try {
      let text = `${JSON.stringify(line)}\n`;
      if (fd === null) {
        makePrivateFolder(dirname(file));
        fd = openSync(file, 'a+', 0o600);
        setPrivate(fd, 0o600, true);
        // A torn last line (a write cut short by a full disk or a crash) must not swallow our first line.
        if (!endsWithNewline(fd)) text = `\n${text}`;
      }
      const bytes = Buffer.from(text);
      // A short write without an error is allowed by POSIX: write the rest.
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
      fsyncSync(fd);
    } catch (error) {
      problem = describeFileError(error, file);
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
