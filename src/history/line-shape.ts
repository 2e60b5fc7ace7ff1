// Whether a start or exercise line, exactly as our store writes it, is whole
// and sound, without parsing it: the fast reader skips the lines of sessions
// whose end line carries a summary, but must still report a damaged one (a
// torn write, a hand edit). One regular expression per kind of line accepts
// only JSON without spaces, nested a few levels, that the full reader would
// also accept (version, kind, session id, and the fields it needs, of the
// right type, each once). It runs as native code, about three times faster
// than JSON.parse on ten years of history (see README, Speed). A line it does
// not accept is not necessarily damaged: the caller then parses it to be sure.

const STRING = String.raw`"[^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*"`;
const NUMBER = String.raw`-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?`;
const SCALAR = `${STRING}|${NUMBER}|true|false|null`;

/** Any JSON value nested at most `depth` levels below this one. */
function value(depth: number): string {
  if (depth === 0) return SCALAR;
  const inner = value(depth - 1);
  // A comma only before another member or item, never before the closing bracket.
  return `${SCALAR}|\\{(?:${STRING}:(?:${inner})(?:,(?=")|(?=\\})))*\\}|\\[(?:(?:${inner})(?:,(?!\\])|(?=\\])))*\\]`;
}

/** Further members, none named like the ones already checked (a duplicate would win in JSON.parse). */
const otherMembers = (taken: string[], depth: number) => `(?:,(?!"(?:${taken.join('|')})")${STRING}:(?:${value(depth)}))*`;

const EXERCISE = `\\{"id":${STRING}${otherMembers(['id', 'status'], 3)},"status":${STRING}${otherMembers(['id', 'status'], 3)}\\}`;
const EXERCISE_LINE = `\\{"v":1,"type":"exercise","sessionId":${STRING},"exercise":${EXERCISE}${otherMembers(['v', 'type', 'sessionId', 'exercise'], 4)}\\}$`;
const PLANNED = `\\[(?:(?:${value(3)})(?:,(?!\\])|(?=\\])))*\\]`;
const START_LINE = `\\{"v":1,"type":"session-start","pid":(?:${SCALAR}),"sessionId":${STRING},"startedAt":${STRING},"routine":(?:${SCALAR}),"planned":${PLANNED}${otherMembers(['v', 'type', 'sessionId', 'startedAt', 'planned'], 4)}\\}$`;

let exerciseLine: RegExp | undefined;
let startLine: RegExp | undefined;

/** Whether the line starting at `at` in `text` is a whole, sound exercise (or start) line; `m` and `y` anchor it to that one line. */
export function isSoundLine(text: string, at: number, kind: 'exercise' | 'start'): boolean {
  const shape = kind === 'exercise' ? (exerciseLine ??= new RegExp(EXERCISE_LINE, 'my')) : (startLine ??= new RegExp(START_LINE, 'my'));
  shape.lastIndex = at;
  return shape.test(text);
}
