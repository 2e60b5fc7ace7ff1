// What a history line must hold to be used: every field the commands read, of
// the right type and in a sensible range. A hand edit can put anything in a
// line (`"exercises":[null]`, "5" for 5, 1e308 for a pain, a negative time);
// such a line is damaged, reported by its number and skipped, never half used
// (a NaN, 1e+308 or a negative duration on the screen, or a crash). Unknown
// extra fields are allowed: a later version may add some.
// The fast reader's regular expressions (line-shape.ts) accept a subset of this.
import type { Felt } from '../engine/record.js';

/** Longest text kept from a line (ids, names, routine, note): far above any real one, short enough to lay out. */
export const TEXT_MAX = 4000;
/** Reps, sides, restarts, planned exercises. */
export const COUNT_MAX = 9999;
/** A session longer than 30 days is not one. */
export const DURATION_MAX = 30 * 86_400_000;
/** BACKEX_TIME_SCALE as recorded: above 0, at most this. */
export const TIME_SCALE_MAX = 1_000_000;

export const SESSION_STATUSES = ['finished', 'quit', 'pain-stop', 'interrupted'] as const;
export const EXERCISE_STATUSES = ['done', 'skipped-pain', 'skipped', 'stopped'] as const;
export const DECISIONS = ['skip', 'do-anyway', 'end'] as const;
export const FELT: readonly Felt[] = ['better', 'same', 'worse'];

/** ISO 8601 as backex writes it (UTC, or local with an offset); the same pattern as the fast reader's. It admits only dates Date.parse reads (a test holds it to that), so no parse is needed to check one. */
export const ISO_PATTERN = String.raw`\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)`;
const ISO = new RegExp(`^${ISO_PATTERN}$`);

type Obj = Record<string, unknown>;

export const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
export const isText = (x: unknown): x is string => typeof x === 'string' && x.length <= TEXT_MAX;
const isId = (x: unknown): x is string => isText(x) && x.length > 0;
export const isIso = (x: unknown): x is string => typeof x === 'string' && ISO.test(x);
export const isPain = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 10;
const isPainOrNull = (x: unknown) => x === null || isPain(x);
const isCount = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= COUNT_MAX;
const oneOf = (list: readonly string[], x: unknown) => typeof x === 'string' && list.includes(x);
export const isTimeScale = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0 && x <= TIME_SCALE_MAX;
const isDuration = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= DURATION_MAX;
const isList = (x: unknown, item: (y: unknown) => boolean) => Array.isArray(x) && x.length <= COUNT_MAX && x.every(item);

/** A dose as recorded: numbers finite and not negative (a range is { min, max }), text of a sensible length, nothing nested deeper. */
function isDose(x: unknown): boolean {
  if (!isObject(x)) return false;
  const part = (v: unknown, depth: number): boolean =>
    typeof v === 'number' ? Number.isFinite(v) && v >= 0 && v <= TIME_SCALE_MAX : typeof v === 'string' ? isText(v) : depth > 0 && (Array.isArray(v) ? v.length <= 10 && v.every((w) => part(w, depth - 1)) : isObject(v) && Object.values(v).every((w) => part(w, depth - 1)));
  return Object.values(x).every((v) => part(v, 1));
}

export function isPainRules(x: unknown): boolean {
  return isObject(x) && isPain(x.stopAt) && isPain(x.skipAboveStartBy) && isCount(x.painSkipsToEnd) && (x.acceptableDuring === undefined || isPain(x.acceptableDuring));
}

export function isExerciseRecord(x: unknown): boolean {
  return (
    isObject(x) &&
    isId(x.id) &&
    isText(x.name) &&
    isDose(x.dose) &&
    isPainOrNull(x.painBefore) &&
    (x.decision === undefined || oneOf(DECISIONS, x.decision)) &&
    isCount(x.repsPlanned) &&
    isCount(x.repsMinimum) &&
    isCount(x.repsDone) &&
    isCount(x.sidesPlanned) &&
    isCount(x.sidesDone) &&
    oneOf(EXERCISE_STATUSES, x.status) &&
    isCount(x.restarts) &&
    isIso(x.startedAt) &&
    isIso(x.endedAt)
  );
}

const isPlanned = (x: unknown) => isObject(x) && isId(x.id) && isText(x.name) && isDose(x.dose);
const isBrief = (x: unknown) => isObject(x) && isId(x.id) && isText(x.name) && oneOf(EXERCISE_STATUSES, x.status) && isPainOrNull(x.painBefore);
const isSummary = (x: unknown) => isObject(x) && isIso(x.startedAt) && isText(x.routine) && isCount(x.planned) && isList(x.exercises, isBrief);

/** Whether the readers can use this line, whole: our version, a session id, and every field its kind has, valid. */
export function isValidLine(line: Obj | undefined): boolean {
  if (!line || line.v !== 1 || !isId(line.sessionId)) return false;
  switch (line.type) {
    case 'session-start':
      return (
        isIso(line.startedAt) &&
        (line.routine === undefined || isText(line.routine)) &&
        isList(line.planned, isPlanned) &&
        (line.timeScale === undefined || isTimeScale(line.timeScale)) &&
        (line.painRules === undefined || isPainRules(line.painRules))
      );
    case 'exercise':
      return isExerciseRecord(line.exercise);
    case 'session-end':
      return (
        isIso(line.endedAt) &&
        oneOf(SESSION_STATUSES, line.status) &&
        isPainOrNull(line.painEnd) &&
        isDuration(line.durationMs) &&
        (line.note === undefined || isText(line.note)) &&
        (line.summary === undefined || isSummary(line.summary))
      );
    case 'checkin':
      return isIso(line.at) && isPain(line.pain) && (line.felt === undefined || line.felt === null || oneOf(FELT, line.felt));
    default:
      return false;
  }
}
