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
}

export interface HistoryOptions {
  env?: NodeJS.ProcessEnv;
  file?: string;
  warn: (message: string) => void;
}

/** Creates the folder chain with mode 0700, and tightens the folders it created (whatever the umask). */
export function makePrivateFolder(dir: string): void {
  const created = mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (created) {
    // mkdirSync returns the first folder it made; tighten it and every one below it.
    let folder = dir;
    for (;;) {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      chmodQuietly(folder);
      if (folder === created || dirname(folder) === folder) break;
      folder = dirname(folder);
    }
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

function chmodQuietly(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fchmodSync(fd, 0o700);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not ours to change.
  }
}

export function openHistory({ env = process.env, file = historyFile(env), warn }: HistoryOptions): HistoryWriter {
  let fd: number | null = null;
  let broken = false;

  const append = (line: HistoryLine) => {
    if (broken) return;
    try {
      let text = `${JSON.stringify(line)}\n`;
      if (fd === null) {
        makePrivateFolder(dirname(file));
        fd = openSync(file, 'a+', 0o600);
        fchmodSync(fd, 0o600);
        // A torn last line (a write cut short by a full disk or a crash) must not swallow our first line.
        if (!endsWithNewline(fd)) text = `\n${text}`;
      }
      const bytes = Buffer.from(text);
      // A short write without an error is allowed by POSIX: write the rest.
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
      fsyncSync(fd);
    } catch (error) {
      broken = true;
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? `no permission to write ${file}` : code === 'EROFS' ? 'the disk is read-only' : (error as Error).message;
      warn(`This session is not being saved: ${reason}. Your earlier history is untouched.`);
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
  };
}
