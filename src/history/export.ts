// One row per exercise done, for a spreadsheet or a physiotherapist:
// CSV by RFC 4180 (fields with a comma, quote or line break are quoted), and
// the file written so that it is private and never half there. Times are
// local with their offset (2026-11-24T08:02:00+01:00), as a person reads them
// and a program still can. Text from the history is made visible (a control
// character kept in an old line becomes \u001b), so the export can be shown
// in a terminal as it is.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fsyncSync, linkSync, lstatSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SessionRecord } from '../engine/record.js';
import { describeFileError, UsageError, WriteFailed } from '../errors.js';
import { visible } from '../terminal/visible.js';
import { quietlyWithFd } from './store.js';

export const EXPORT_COLUMNS = [
  'date',
  'session',
  'routine',
  'exercise',
  'name',
  'pain_before',
  // The dose: a range's least and most reps, and the hold, so a physiotherapist sees the progression.
  'reps_minimum',
  'reps_planned',
  'hold_seconds',
  'reps_done',
  'sides_planned',
  'sides_done',
  'status',
  'session_status',
  'pain_end',
  'pain_next_morning',
  'note',
  'demo',
] as const;

export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

const two = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 in local time with the offset: "2026-11-24T08:02:00+01:00". */
export function localIso(iso: string): string {
  const d = new Date(iso);
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const year = d.getFullYear();
  const y = year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : (year < 0 ? '-' : '+') + String(Math.abs(year)).padStart(6, '0');
  return `${y}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** Oldest first, as a spreadsheet reads best; the session's end pain, next-morning pain and note on each of its rows. */
export function exportRows(sessions: SessionRecord[]): ExportRow[] {
  return [...sessions].reverse().flatMap((s) =>
    s.exercises.map((e) => ({
      date: localIso(e.startedAt),
      session: visible(s.sessionId),
      routine: visible(s.routine),
      exercise: visible(e.id),
      name: visible(e.name),
      pain_before: e.painBefore,
      reps_minimum: e.repsMinimum,
      reps_planned: e.repsPlanned,
      hold_seconds: e.dose.holdSeconds,
      reps_done: e.repsDone,
      sides_planned: e.sidesPlanned,
      sides_done: e.sidesDone,
      status: e.status,
      session_status: s.status,
      pain_end: s.painEnd,
      pain_next_morning: s.checkin?.pain ?? null,
      note: s.note === undefined ? null : visible(s.note),
      demo: s.demo ? 'yes' : null,
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
  // lstat: a link at that name is replaced by the file (with --force), never written through.
  let existing;
  try {
    existing = lstatSync(path, { throwIfNoEntry: false });
  } catch (error) {
    // Part of the path is a file (/etc/passwd/x.csv), or a folder on the way may not be read.
    throw failure(error, path);
  }
  if (existing?.isDirectory()) throw new UsageError(`cannot write ${visible(path)}: it is a folder; give a file name, like ${visible(join(path, 'backex.csv'))}`);
  // A device, a pipe or a socket is never replaced, not even with --force (as root, /dev/full would become a file).
  if (existing && !existing.isFile() && !existing.isSymbolicLink()) throw new UsageError(`cannot write ${visible(path)}: it is not a file (a device, a pipe or a socket), so it was left as it is; choose a file name with --output`);
  if (existing && !replace) throw alreadyThere(path);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    // Created here (O_EXCL), never through a link (O_NOFOLLOW): so its mode is ours to set.
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
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
    throw failure(error, path);
  }
}

/**
 * A folder that is not there, or a path through a file, is a wrong name (exit 2);
 * a disk, a permission or a folder that takes no new files (/proc) is a failed write (exit 1).
 */
function failure(error: unknown, path: string): UsageError | WriteFailed {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' && isFolder(dirname(path))) {
    return new WriteFailed(`cannot write ${visible(path)}: the folder ${visible(dirname(path))} does not take new files`);
  }
  const message = describeFileError(error, visible(path));
  return code === 'ENOENT' || code === 'ENOTDIR' ? new UsageError(message) : new WriteFailed(message);
}

const alreadyThere = (path: string) => new UsageError(`${visible(path)} already exists, so it was left as it is. To replace it, add --force; or choose another name with --output.`);

/** Moves without ever replacing: a hard link fails if the name was taken meanwhile (rename would overwrite it). */
function moveUnlessThere(temp: string, path: string): void {
  try {
    linkSync(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw alreadyThere(path);
    // A file system without hard links (FAT, some network drives): checked a moment ago, so rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    if (lstatSync(path, { throwIfNoEntry: false })) throw alreadyThere(path);
    renameSync(temp, path);
    return;
  }
  unlinkSync(temp);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Never created, or already moved into place.
  }
}
