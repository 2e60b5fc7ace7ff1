// Text that came from a file (a data file, a history line written before the
// checks, a hand edit) is shown, never obeyed: a control character (C0, DEL,
// C1) or a bidirectional override would move the cursor, clear the screen,
// set the window title or reorder what the user reads. Each one is written
// as a visible escape instead, like \u001b.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function visible(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
