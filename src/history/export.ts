// One row per exercise done, for a spreadsheet or a physiotherapist:
// CSV by RFC 4180 (fields with a comma, quote or line break are quoted), and
// the file written so that it is private and never half there.
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, linkSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SessionRecord } from '../engine/record.js';
import { describeFileError, UsageError } from '../errors.js';
import { quietlyWithFd } from './store.js';

export const EXPORT_COLUMNS = ['date', 'session', 'routine', 'exercise', 'name', 'pain_before', 'reps_planned', 'reps_done', 'sides_planned', 'sides_done', 'status', 'session_status'] as const;

export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

/** Oldest first, as a spreadsheet reads best. */
export function exportRows(sessions: SessionRecord[]): ExportRow[] {
  return [...sessions].reverse().flatMap((s) =>
    s.exercises.map((e) => ({
      date: e.startedAt,
      session: s.sessionId,
      routine: s.routine,
      exercise: e.id,
      name: e.name,
      pain_before: e.painBefore,
      reps_planned: e.repsPlanned,
      reps_done: e.repsDone,
      sides_planned: e.sidesPlanned,
      sides_done: e.sidesDone,
      status: e.status,
      session_status: s.status,
    })),
  );
}

// A spreadsheet runs text starting with these as a formula (an exercise name from a user's file could be "=HYPERLINK(...)").
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: string | number | null): string {
  const text = value === null ? '' : typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: ExportRow[]): string {
  const lines = [EXPORT_COLUMNS.join(','), ...rows.map((row) => EXPORT_COLUMNS.map((c) => csvField(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Writes `text` to `path` as a private file (0600, whatever the umask): into a
 * temporary file in the same folder, flushed to disk, then moved into place,
 * so a failure never leaves half a file. An existing file is replaced only
 * with `replace`; a failure is a UsageError in plain words.
 */
export function writePrivateFile(path: string, text: string, { replace }: { replace: boolean }): void {
  const existing = statSync(path, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new UsageError(`cannot write ${path}: it is a folder; give a file name, like ${join(path, 'backex.csv')}`);
  if (existing && !replace) throw alreadyThere(path);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o600);
    fchmodSync(fd, 0o600);
    const bytes = Buffer.from(text);
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (replace) renameSync(temp, path);
    else moveUnlessThere(temp, path);
    // So the rename itself survives a power cut; not every system can open a folder, hence quietly.
    quietlyWithFd(dirname(path), fsyncSync);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    removeQuietly(temp);
    if (error instanceof UsageError) throw error;
    throw new UsageError(describeFileError(error, path));
  }
}

const alreadyThere = (path: string) => new UsageError(`${path} already exists, so it was left as it is. To replace it, add --force; or choose another name with --output.`);

/** Moves without ever replacing: a hard link fails if the name was taken meanwhile (rename would overwrite it). */
function moveUnlessThere(temp: string, path: string): void {
  try {
    linkSync(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw alreadyThere(path);
    // A file system without hard links (FAT, some network drives): checked a moment ago, so rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    if (statSync(path, { throwIfNoEntry: false })) throw alreadyThere(path);
    renameSync(temp, path);
    return;
  }
  unlinkSync(temp);
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Never created, or already moved into place.
  }
}
