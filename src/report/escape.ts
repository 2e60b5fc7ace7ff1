// Text from history (exercise names from a user's file, notes typed at the end
// of a session) goes into HTML: every character that could start markup is
// escaped, and control characters (and the invisible ones that reorder text)
// are taken out, so a note can neither run anything nor disguise the report.

// C0 and C1 controls, DEL, bidirectional overrides and isolates, line/paragraph separators, lone surrogates.
const UNWANTED = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Plain text, one line: controls become a space (a tab or line break in a note is still a gap between words). */
export function cleanText(text: string): string {
  return text.replace(UNWANTED, ' ');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in an element's text and in a quoted attribute. */
export function escapeHtml(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
