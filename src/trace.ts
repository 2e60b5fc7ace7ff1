// BACKEX_TRACE=<file>: one JSON object per line for every event, with `t`, the
// real milliseconds since the session started (same monotonic clock as the
// timer). Cheap on the hot path: lines are buffered in memory and written by a
// 25 ms timer and at exit, so each reaches the file within 100 ms of its event.
import { closeSync, constants, fstatSync, openSync, writeSync } from 'node:fs';
import { kindOf } from './catalogue/json-file.js';
import { describeFileError, UsageError } from './errors.js';
import { onRestore } from './terminal/restore.js';
import { visible } from './terminal/visible.js';

export type Trace = (event: string, fields?: Record<string, unknown>) => void;

export const noTrace: Trace = () => {};

export function openTrace(path: string | undefined, origin: () => number, now: () => number): Trace {
  if (!path) return noTrace;
  const fd = openTraceFile(path);
  let buffer: string[] = [];
  const flush = () => {
    if (buffer.length === 0) return;
    const text = buffer.join('');
    buffer = [];
    try {
      writeSync(fd, text);
    } catch {
      // A trace is a diagnostic: never let it stop a session.
    }
  };
  const timer = setInterval(flush, 25);
  timer.unref();
  onRestore(() => {
    clearInterval(timer);
    flush();
    closeSync(fd);
  });
  return (event, fields) => {
    const t = Math.round((now() - origin()) * 10) / 10;
    // The last line also says when t = 0 was, in epoch ms, so other processes' logs can be lined up with it.
    const extra = event === 'session-end' ? { origin: Math.round((performance.timeOrigin + origin()) * 10) / 10 } : undefined;
    buffer.push(`${JSON.stringify({ t, event, ...fields, ...extra })}\n`);
  };
}

/**
 * The trace file, opened to append: never through a symbolic link (O_NOFOLLOW: a
 * link planted in its place could point anywhere), only an ordinary file (a named
 * pipe would hold the start until something reads it; the open does not wait for
 * one), readable by the user alone when backex creates it (an existing file keeps its mode).
 */
export function openTraceFile(path: string): number {
  const shown = visible(path);
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0), 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new UsageError(`BACKEX_TRACE: ${shown} is a symbolic link; backex does not follow one for the trace: name the file itself`);
    if (code === 'ENXIO') throw new UsageError(`BACKEX_TRACE: ${shown} is not a plain file (it is a named pipe or a socket); name an ordinary file`);
    throw new UsageError(`BACKEX_TRACE: ${describeFileError(error, shown)}`);
  }
  const stats = fstatSync(fd);
  if (!stats.isFile()) {
    closeSync(fd);
    throw new UsageError(`BACKEX_TRACE: ${shown} is not a plain file (it is ${kindOf(stats)}); name an ordinary file`);
  }
  return fd;
}
