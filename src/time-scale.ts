// BACKEX_TIME_SCALE: how many times faster than real time a session (and show's
// figure) plays, for demonstrations and tests. One reading, one range, one message.
import { UsageError } from './errors.js';

export const TIME_SCALE_RANGE = { min: 0.1, max: 1000 } as const;

export function parseScale(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const scale = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(scale) || scale < TIME_SCALE_RANGE.min || scale > TIME_SCALE_RANGE.max) {
    throw new UsageError(`BACKEX_TIME_SCALE must be a number from ${TIME_SCALE_RANGE.min} to ${TIME_SCALE_RANGE.max} (like 10 for ten times faster, 1 for real time), got "${value}"`);
  }
  return scale;
}
