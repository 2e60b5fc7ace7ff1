// Whether a start or exercise line, exactly as our store writes it, is whole
// and valid, without parsing it: the fast reader skips the lines of sessions
// whose end line carries a summary, but must still report a damaged one (a
// torn write, a hand edit). One regular expression per kind of line accepts
// only JSON without spaces, in the store's key order, with every field the
// full reader checks (valid.ts) of the right type and range: never a line the
// full reader would reject (a property test holds them to it). It runs as
// native code, about three times faster than JSON.parse on ten years of
// history (see README, Speed). A line it does not accept is not necessarily
// damaged (spaces, another key order, a field added later): the caller then
// parses it to be sure.
import type { Checkin } from '../engine/record.js';
import { ISO_PATTERN, TEXT_MAX } from './valid.js';

/** Any JSON string; its length is bounded by the line's (see isSoundLine). */
const STRING = String.raw`"[^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*"`;
const ID = `"(?!")${STRING.slice(1)}`;
const ISO = `"${ISO_PATTERN}"`;
const PAIN = '(?:10|\\d)';
const COUNT = '(?:0|[1-9]\\d{0,3})';
const SCALE = String.raw`(?:[1-9]\d{0,5}(?:\.\d{1,6})?|0\.\d{0,5}[1-9])`;
const DOSE = `\\{"reps":(?:${COUNT}|\\{"min":${COUNT},"max":${COUNT}\\}),"holdSeconds":${COUNT},"sides":"(?:none|each|alternate)"(?:,"sideNames":\\[${STRING},${STRING}\\])?(?:,"tempoSeconds":${COUNT})?(?:,"restSeconds":${COUNT})?\\}`;
const STATUS = '"(?:done|skipped-pain|skipped|stopped)"';
const DECISION = '"(?:skip|do-anyway|end)"';
const TIMES = `"restarts":${COUNT},"startedAt":${ISO},"endedAt":${ISO}`;
// The session spreads `status` (and `decision`) over a record it built first, so they come last; older records have status before restarts.
const EXERCISE = `\\{"id":${ID},"name":${STRING},"dose":${DOSE},"painBefore":(?:${PAIN}|null),"repsPlanned":${COUNT},"repsMinimum":${COUNT},"repsDone":${COUNT},"sidesPlanned":${COUNT},"sidesDone":${COUNT},(?:"status":${STATUS},${TIMES}(?:,"decision":${DECISION})?|${TIMES},(?:"status":${STATUS}(?:,"decision":${DECISION})?|"decision":${DECISION},"status":${STATUS}))\\}`;
const EXERCISE_LINE = `\\{"v":1,"type":"exercise","sessionId":${ID},"exercise":${EXERCISE}\\}$`;
const PLANNED = `\\{"id":${ID},"name":${STRING},"dose":${DOSE}\\}`;
const RULES = `\\{"stopAt":(${PAIN}),"skipAboveStartBy":(${PAIN}),"painSkipsToEnd":(${COUNT})(?:,"acceptableDuring":(${PAIN}))?\\}`;
const START_LINE = `\\{"v":1,"type":"session-start","pid":\\d{1,10},"sessionId":${ID},"startedAt":${ISO},"routine":${STRING},"planned":\\[(?:${PLANNED}(?:,(?=\\{)|(?=\\])))*\\](?:,"timeScale":(${SCALE}))?(?:,"painRules":${RULES})?\\}$`;

const CHECKIN_LINE = `\\{"v":1,"type":"checkin","sessionId":${ID},"at":(${ISO}),"pain":(${PAIN}),"felt":(?:"(better|same|worse)"|null)\\}$`;

let exerciseLine: RegExp | undefined;
let startLine: RegExp | undefined;
let checkinLine: RegExp | undefined;

/** What a sound start line says beyond its session id (its time scale and pain rules, when written), or a check-in line. */
export interface StartExtras {
  timeScale?: number;
  painRules?: { stopAt: number; skipAboveStartBy: number; painSkipsToEnd: number; acceptableDuring?: number };
  checkin?: Checkin;
}

/**
 * Whether the line from `at` to `end` in `text` is a whole, valid exercise (or
 * start) line; `m` and `y` anchor it to that one line. A line longer than
 * TEXT_MAX is left to the full reader, so no text in an accepted line is over
 * the limit. For a start line, what it says of its time scale and pain rules.
 */
export function soundLine(text: string, at: number, end: number, kind: 'exercise' | 'start' | 'checkin'): StartExtras | null {
  if (end - at > TEXT_MAX) return null;
  if (kind === 'checkin') {
    const shape = (checkinLine ??= new RegExp(CHECKIN_LINE, 'my'));
    shape.lastIndex = at;
    const m = shape.exec(text);
    return m ? { checkin: { at: m[1]!.slice(1, -1), pain: Number(m[2]), felt: (m[3] ?? null) as Checkin['felt'] } } : null;
  }
  if (kind === 'exercise') {
    const shape = (exerciseLine ??= new RegExp(EXERCISE_LINE, 'my'));
    shape.lastIndex = at;
    return shape.test(text) ? {} : null;
  }
  const shape = (startLine ??= new RegExp(START_LINE, 'my'));
  shape.lastIndex = at;
  const m = shape.exec(text);
  if (!m) return null;
  const extras: StartExtras = {};
  if (m[1] !== undefined) extras.timeScale = Number(m[1]);
  if (m[2] !== undefined) extras.painRules = { stopAt: Number(m[2]), skipAboveStartBy: Number(m[3]), painSkipsToEnd: Number(m[4]), ...(m[5] !== undefined && { acceptableDuring: Number(m[5]) }) };
  return extras;
}

/** Whether the line starting at `at` is sound (see soundLine). */
export function isSoundLine(text: string, at: number, kind: 'exercise' | 'start' | 'checkin'): boolean {
  let end = text.indexOf('\n', at);
  if (end < 0) end = text.length;
  return soundLine(text, at, end, kind) !== null;
}
