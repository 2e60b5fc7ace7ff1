// What a history line must hold to be used: every field the commands read, of
// the right type and in a sensible range. A hand edit can put anything in a
// line (`"exercises":[null]`, "5" for 5, 1e308 for a pain, a negative time);
// such a line is damaged, reported by its number and skipped, never half used
// (a NaN, 1e+308 or a negative duration on the screen, or a crash). Unknown
// extra fields are allowed: a later version may add some.
// The fast reader's regular expressions (line-shape.ts) accept a subset of this.
import type { Felt } from '../engine/record.js';
import { visible } from '../terminal/visible.js';

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

// Why a line was refused, in words, for the warning: the first field found
// wrong, what it holds and what was expected. The same rules as isValidLine
// (a property test holds the two to agreeing), written again as checks that
// say where they failed: only a refused line is explained, so isValidLine,
// run on every line, stays as fast as it is.

/** A field's path in the line ("exercise.painBefore") to the problem with it, or undefined when it is fine. */
type Check = (x: unknown, path: string) => string | undefined;

/** Longest text quoted from a field in a warning. */
const QUOTE_MAX = 40;

/** A value as a person would recognise it in the file: quoted text (shortened, control characters made visible), a number, or what kind of thing it is. */
export function shownValue(x: unknown): string {
  if (x === undefined) return 'missing';
  if (typeof x === 'string') {
    let cut = x.length > QUOTE_MAX ? x.slice(0, QUOTE_MAX) : x;
    // Never half a surrogate pair.
    if (cut.length < x.length && /[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
    return cut.length < x.length ? `${visible(JSON.stringify(cut).slice(0, -1))}..." (${x.length} characters)` : visible(JSON.stringify(x));
  }
  if (Array.isArray(x)) return x.length === 0 ? 'an empty list' : `a list of ${x.length} ${x.length === 1 ? 'item' : 'items'}`;
  if (typeof x === 'object' && x !== null) return 'an object';
  return String(x);
}

const need =
  (test: (x: unknown) => boolean, expected: string): Check =>
  (x, path) =>
    test(x) ? undefined : `${path} is ${shownValue(x)}, expected ${expected}`;
const optional =
  (check: Check): Check =>
  (x, path) =>
    x === undefined ? undefined : check(x, path);
const fields =
  (spec: Record<string, Check>): Check =>
  (x, path) => {
    if (!isObject(x)) return `${path} is ${shownValue(x)}, expected an object { }`;
    for (const [key, check] of Object.entries(spec)) {
      const problem = check(x[key], path ? `${path}.${key}` : key);
      if (problem) return problem;
    }
    return undefined;
  };
const listOf =
  (item: Check): Check =>
  (x, path) => {
    if (!Array.isArray(x)) return `${path} is ${shownValue(x)}, expected a list [ ]`;
    if (x.length > COUNT_MAX) return `${path} has ${x.length} items, expected at most ${COUNT_MAX}`;
    for (let i = 0; i < x.length; i++) {
      const problem = item(x[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };
const words = (list: readonly string[]) => `one of ${list.map((w) => `"${w}"`).join(', ')}`;

const TEXT = need(isText, `text of at most ${TEXT_MAX} characters`);
const ID = need(isId, `text of 1 to ${TEXT_MAX} characters`);
const TIME = need(isIso, 'a time like "2026-11-02T09:00:00.000Z"');
const PAIN = need(isPain, 'a whole number from 0 to 10');
const PAIN_OR_NULL = need(isPainOrNull, 'a whole number from 0 to 10 or null');
const COUNT = need(isCount, `a whole number from 0 to ${COUNT_MAX}`);

/** As isDose: numbers from 0 to TIME_SCALE_MAX, text, and lists and objects of them one level down. */
const DOSE: Check = (x, path) => {
  if (!isObject(x)) return `${path} is ${shownValue(x)}, expected an object like { "reps": 10, "holdSeconds": 5, "sides": "none" }`;
  const expected = `a number from 0 to ${TIME_SCALE_MAX}, text of at most ${TEXT_MAX} characters, or a short list or object of them`;
  const part = (v: unknown, at: string, depth: number): string | undefined => {
    if (typeof v === 'number') return Number.isFinite(v) && v >= 0 && v <= TIME_SCALE_MAX ? undefined : `${at} is ${shownValue(v)}, expected ${expected}`;
    if (typeof v === 'string') return isText(v) ? undefined : `${at} is ${shownValue(v)}, expected ${expected}`;
    if (depth > 0 && Array.isArray(v)) {
      if (v.length > 10) return `${at} has ${v.length} items, expected at most 10`;
      for (let i = 0; i < v.length; i++) {
        const problem = part(v[i], `${at}[${i}]`, depth - 1);
        if (problem) return problem;
      }
      return undefined;
    }
    if (depth > 0 && isObject(v)) {
      for (const [key, w] of Object.entries(v)) {
        const problem = part(w, `${at}.${visible(key.length > QUOTE_MAX ? `${key.slice(0, QUOTE_MAX)}...` : key)}`, depth - 1);
        if (problem) return problem;
      }
      return undefined;
    }
    return `${at} is ${shownValue(v)}, expected ${expected}`;
  };
  for (const [key, v] of Object.entries(x)) {
    const problem = part(v, `${path}.${visible(key.length > QUOTE_MAX ? `${key.slice(0, QUOTE_MAX)}...` : key)}`, 1);
    if (problem) return problem;
  }
  return undefined;
};

const PAIN_RULES = fields({ stopAt: PAIN, skipAboveStartBy: PAIN, painSkipsToEnd: COUNT, acceptableDuring: optional(PAIN) });

const EXERCISE_RECORD = fields({
  id: ID,
  name: TEXT,
  dose: DOSE,
  painBefore: PAIN_OR_NULL,
  decision: optional(need((x) => oneOf(DECISIONS, x), words(DECISIONS))),
  repsPlanned: COUNT,
  repsMinimum: COUNT,
  repsDone: COUNT,
  sidesPlanned: COUNT,
  sidesDone: COUNT,
  status: need((x) => oneOf(EXERCISE_STATUSES, x), words(EXERCISE_STATUSES)),
  restarts: COUNT,
  startedAt: TIME,
  endedAt: TIME,
});

const BY_TYPE: Record<string, Check> = {
  'session-start': fields({
    startedAt: TIME,
    routine: optional(TEXT),
    planned: listOf(fields({ id: ID, name: TEXT, dose: DOSE })),
    timeScale: optional(need(isTimeScale, `a number above 0, at most ${TIME_SCALE_MAX}`)),
    painRules: optional(PAIN_RULES),
  }),
  exercise: fields({ exercise: EXERCISE_RECORD }),
  'session-end': fields({
    endedAt: TIME,
    status: need((x) => oneOf(SESSION_STATUSES, x), words(SESSION_STATUSES)),
    painEnd: PAIN_OR_NULL,
    durationMs: need(isDuration, `a number of milliseconds from 0 to ${DURATION_MAX} (30 days)`),
    note: optional(TEXT),
    summary: optional(
      fields({
        startedAt: TIME,
        routine: TEXT,
        planned: COUNT,
        exercises: listOf(fields({ id: ID, name: TEXT, status: need((x) => oneOf(EXERCISE_STATUSES, x), words(EXERCISE_STATUSES)), painBefore: PAIN_OR_NULL })),
      }),
    ),
  }),
  checkin: fields({ at: TIME, pain: PAIN, felt: optional(need((x) => x === null || oneOf(FELT, x), `${words(FELT)} or null`)) }),
};

/** Why isValidLine refuses this line, in words ("exercise.painBefore is "six", expected a whole number from 0 to 10 or null"); undefined if it does not. */
export function whyInvalid(line: Obj | undefined): string | undefined {
  if (!line) return 'it is not a JSON object { }';
  if (line.v !== 1) return `v is ${shownValue(line.v)}, expected 1 (a line from another version of backex?)`;
  const problem = ID(line.sessionId, 'sessionId');
  if (problem) return problem;
  const check = typeof line.type === 'string' && Object.hasOwn(BY_TYPE, line.type) ? BY_TYPE[line.type]! : undefined;
  if (!check) return `type is ${shownValue(line.type)}, expected ${words(Object.keys(BY_TYPE))}`;
  return check(line, '');
}
