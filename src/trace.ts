// BACKEX_TRACE=<file>: one JSON object per line for every event, with `t`, the
// real milliseconds since the session started (same monotonic clock as the
// timer). Cheap on the hot path: lines are buffered in memory and written by a
// 25 ms timer and at exit, so each reaches the file within 100 ms of its event.
import { closeSync, openSync, writeSync } from 'node:fs';
import { describeFileError, UsageError } from './errors.js';
import { onRestore } from './terminal/restore.js';

export type Trace = (event: string, fields?: Record<string, unknown>) => void;

export const noTrace: Trace = () => {};

export function openTrace(path: string | undefined, origin: () => number, now: () => number): Trace {
  if (!path) return noTrace;
  let fd: number;
  try {
    fd = openSync(path, 'a', 0o600);
  } catch (error) {
    throw new UsageError(`BACKEX_TRACE: ${describeFileError(error, path)}`);
  }
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
