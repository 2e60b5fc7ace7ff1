// The few sessions a report needs in full (see sessionsNeedingDetail), read
// by picking their lines out of the history and parsing only those: on ten
// years of daily sessions, parsing every line in full costs about as much
// again as `stats` takes in all. The file is searched as bytes, so only the
// lines kept are decoded (decoding 15 MB of text is most of the cost).
import { readFileSync } from 'node:fs';
import { parseHistory } from '../history/read.js';
import type { FullSession } from './model.js';

const SESSION_ID = Buffer.from('"sessionId":"');
const QUOTE = 0x22;
const NEWLINE = 0x0a;

/** Up to this many sessions, each is found by its own native search of the bytes; beyond it, one pass over every line. */
const SEARCH_EACH_UP_TO = 64;

/** Pure: the sessions with these ids, from the bytes of a history file. Damaged lines were already reported by the overview reader. */
export function detailsFromBytes(bytes: Buffer, ids: Set<string>, searchEachUpTo = SEARCH_EACH_UP_TO): Map<string, FullSession> {
  // Every line a session writes names it once, near its start ("sessionId" inside a note is escaped, so never matches).
  const starts = new Set<number>();
  const lineAround = (at: number) => starts.add(bytes.lastIndexOf(NEWLINE, at) + 1);
  if (ids.size <= searchEachUpTo) {
    for (const id of ids) {
      const needle = Buffer.from(`"sessionId":${JSON.stringify(id)}`);
      for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + needle.length)) lineAround(at);
    }
  } else {
    for (let at = bytes.indexOf(SESSION_ID); at >= 0; at = bytes.indexOf(SESSION_ID, at + 1)) {
      const from = at + SESSION_ID.length;
      const to = bytes.indexOf(QUOTE, from);
      if (to < 0) break;
      if (ids.has(bytes.toString('utf8', from, to))) lineAround(at);
      at = to;
    }
  }
  // In file order: a session's lines are replayed as written.
  const keep = [...starts].sort((a, b) => a - b).map((start) => {
    const end = bytes.indexOf(NEWLINE, start);
    return bytes.toString('utf8', start, end < 0 ? bytes.length : end);
  });
  return new Map(parseHistory(keep.join('\n'), () => {}).map((s) => [s.sessionId, s as FullSession]));
}

export const detailsFromText = (text: string, ids: Set<string>, searchEachUpTo?: number) => detailsFromBytes(Buffer.from(text), ids, searchEachUpTo);

/** The same, from the history file (already read once, and found sound, by readOverviews). */
export function readDetails(file: string, ids: Set<string>): Map<string, FullSession> {
  if (ids.size === 0) return new Map();
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    // Gone since a moment ago: the report goes on without doses and pain events rather than fail.
    return new Map();
  }
  return detailsFromBytes(bytes, ids);
}
