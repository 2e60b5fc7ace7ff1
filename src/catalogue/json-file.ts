// Reading the files backex is given, with errors a person can act on: which
// file, and what is wrong with it, never a stack trace. Only ordinary files are
// read, and only up to a size: a named pipe would wait for ever, /dev/zero
// would fill the memory.
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, type Stats } from 'node:fs';
import { DataError } from '../errors.js';
import { visible } from '../terminal/visible.js';

/** The page's catalogue is about 20 KB; a hand-written file a hundred times that is a mistake. */
export const MAX_DATA_BYTES = 2 * 1024 * 1024;

/** What a hand-written file is, for its messages: an exercise file, or settings.jsonc, read and parsed alike. */
export interface FileKind {
  /** "a data file" */
  noun: string;
  /** What it must be named, for a path that is not an ordinary file. */
  ordinary: string;
  /** What it holds, shown when it is empty. */
  example: string;
}

export const DATA_FILE: FileKind = { noun: 'a data file', ordinary: 'an ordinary *.json file', example: '{ "exercises": [ ... ] }' };

/** The built-in files, which the test suite checks: plain JSON.parse, for start-up speed. */
export function readJsonFile(path: string, label = path): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DataError([`${visible(label)}: cannot read it (${readReason(error)})`]);
  }
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

/** What kind of thing a path is, in words, when it is not an ordinary file. */
export function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not an ordinary file';
}

/** An error from opening or reading a file, in plain words. */
export function readReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'no permission';
    case 'EISDIR':
      return 'it is a folder';
    case 'ELOOP':
      return 'a symbolic link that loops back on itself';
    case 'ENXIO':
      return 'it is a socket or a device with nothing behind it';
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder';
    case 'EIO':
      return 'the disk could not be read';
    default:
      return code ? `the system said ${code}` : visible(String((error as Error | undefined)?.message ?? error));
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * A user's data file as text: an ordinary file (checked on the open file, so it
 * cannot be swapped in between), at most MAX_DATA_BYTES, UTF-8, without its byte order mark.
 * The open does not wait for a writer, should the path be a named pipe.
 */
export function readDataText(path: string, label = path, kind: FileKind = DATA_FILE, maxBytes = MAX_DATA_BYTES): string {
  return readText(path, label, kind, maxBytes, false)!;
}

/** The same, for a file that may be left out (settings.jsonc): undefined when there is none. */
export function readOptionalDataText(path: string, label = path, kind: FileKind = DATA_FILE, maxBytes = MAX_DATA_BYTES): string | undefined {
  return readText(path, label, kind, maxBytes, true);
}

function readText(path: string, label: string, kind: FileKind, maxBytes: number, optional: boolean): string | undefined {
  const shown = visible(label);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    if (optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DataError([`${shown}: cannot read it (${readReason(error)})`]);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new DataError([`${shown}: not a plain file (it is ${kindOf(stats)}); ${kind.noun} must be ${kind.ordinary}`]);
    const tooBig = (size: number) => new DataError([`${shown}: is ${megabytes(size)}; ${kind.noun} may be at most ${maxBytes / (1024 * 1024)} MB (is it the right file?)`]);
    if (stats.size > maxBytes) throw tooBig(stats.size);
    // Read to the end, but never past the limit (a file may grow while it is read).
    const buffer = Buffer.allocUnsafe(maxBytes + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) break;
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) throw tooBig(length);
    const text = buffer.toString('utf8', 0, length);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError([`${shown}: cannot read it (${readReason(error)})`]);
  } finally {
    closeSync(fd);
  }
}
