// Text from a file (a data file, the history, a file name) is shown to a person
// on a terminal, which obeys control characters: an escape sequence in an
// exercise's name could clear the screen, set the window title or hide text, and
// a bidirectional override can make a line read differently from what it holds.
// visible() shows each such character as a visible escape (`\u001b`) instead, so
// what is on screen is what is in the file. Pure, cheap for plain text.

/**
 * The characters that must never reach a terminal as themselves: C0 controls
 * (tab and newline included: a line of output stays one line), DEL, C1
 * controls, the line and paragraph separators, the bidirectional marks
 * (U+061C, U+200E, U+200F), embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069).
 */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const CONTROL_GLOBAL = new RegExp(CONTROL_CHARACTERS.source, 'gu');

/** `\u001b` for ESC: four lower-case hex digits, as in JSON and JavaScript. */
export function escapeOf(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The text with every control character shown as a visible escape; plain text comes back as it is. */
export function visible(text: string): string {
  return CONTROL_CHARACTERS.test(text) ? text.replace(CONTROL_GLOBAL, escapeOf) : text;
}

/** Like visible(), but keeps the line breaks of a message that has several lines (each line is made visible). */
export function visibleLines(text: string): string {
  return text.split('\n').map(visible).join('\n');
}

/** The first control character in the text and where it is (0-based), or undefined. */
export function firstControl(text: string): { character: string; index: number } | undefined {
  const match = CONTROL_CHARACTERS.exec(text);
  return match ? { character: match[0], index: match.index } : undefined;
}

/**
 * Plain data (strings, lists, objects) with every text made visible, keys included:
 * a copy, or the value itself when it holds nothing to make visible (the usual
 * case, as the loader refuses control characters in data files), which one pass
 * over its JSON tells (JSON.stringify writes every C0 control as an escape, and the
 * others as they are): `list` copied the whole catalogue for nothing.
 */
export function visibleDeep<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !MAYBE_CONTROL.test(JSON.stringify(value))) return value;
  return visibleCopy(value);
}

const MAYBE_CONTROL = /[\\\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function visibleCopy<T>(value: T): T {
  if (typeof value === 'string') return visible(value) as T;
  if (Array.isArray(value)) return value.map(visibleCopy) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [visible(k), visibleCopy(v)])) as T;
  return value;
}

// JSON.stringify escapes C0 controls in strings, but not DEL, C1 or the bidi controls.
const NOT_ESCAPED_BY_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/** JSON text (from JSON.stringify) with the control characters it leaves raw escaped too: the same JSON, safe on a terminal. */
export function visibleJson(json: string): string {
  return json.replace(NOT_ESCAPED_BY_JSON, escapeOf);
}
