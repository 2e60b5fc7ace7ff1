// The next-morning check-in: pain the morning after a session, and how the
// exercises felt, kept against that session (the pain-monitoring model of
// Silbernagel and Thomee: pain during exercise may be acceptable if it has
// settled by the next morning). Asked by `backex checkin`, or first thing by
// the next session.
import type { Felt, SessionOverview } from '../engine/record.js';
import { historyFile } from '../paths.js';
import { dayKey } from './stats.js';
import { appendOne, FORMAT_VERSION } from './store.js';
import { FELT, isPain } from './valid.js';

export const CHECKIN_QUESTION = 'How is your back this morning, from 0 (none) to 10 (worst)?';
export const FELT_QUESTION = 'And how did the exercises feel yesterday?';
export const FELT_WORDS: Record<Felt, string> = { better: 'better', same: 'the same', worse: 'worse' };

type Dated = Pick<SessionOverview, 'startedAt' | 'demo' | 'checkin'>;

/** The local day before `now`'s, as a day key: built from the date, not 24 hours back (a DST day has 23 or 25). */
function yesterdayKey(now: Date): string {
  return dayKey(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
}

/**
 * The session a check-in is about: the newest real (not demo) session that
 * started yesterday, local time, with or without a check-in; null when there is
 * none. A check-in is the morning after: pain a week later says nothing about
 * that session, and it would feed the programme's step-back rules.
 */
export function checkinTarget<S extends Dated>(sessions: S[], now: Date): S | null {
  const yesterday = yesterdayKey(now);
  let newest: S | null = null;
  for (const s of sessions) {
    if (s.demo || dayKey(new Date(s.startedAt)) !== yesterday) continue;
    if (!newest || s.startedAt > newest.startedAt) newest = s;
  }
  return newest;
}

/** The newest real (not demo) session, or null. */
export function lastSession<S extends Dated>(sessions: S[]): S | null {
  let last: S | null = null;
  for (const s of sessions) if (!s.demo && (!last || s.startedAt > last.startedAt)) last = s;
  return last;
}

/**
 * The session to ask about first thing: the last real session, if it started
 * yesterday and has no check-in yet; otherwise null (also when a session today
 * already came after it, or the last one was longer ago than yesterday).
 */
export function checkinDue<S extends Dated>(sessions: S[], now: Date): S | null {
  const last = lastSession(sessions);
  if (!last || last.checkin || dayKey(new Date(last.startedAt)) !== yesterdayKey(now)) return null;
  return last;
}

/** "3", "better": the answers, checked; anything else is a programming error here (the command refuses bad input first). */
export interface CheckinAnswer {
  pain: number;
  felt: Felt | null;
}

/**
 * Appends the check-in line for this session to the history (0600, never
 * through a link, as every history write). Returns null when saved, otherwise
 * why not, in plain words naming the file; it never throws for a file problem.
 */
export function recordCheckin(sessionId: string, answer: CheckinAnswer, { env = process.env, file = historyFile(env), now = new Date() }: { env?: NodeJS.ProcessEnv; file?: string; now?: Date } = {}): string | null {
  if (!isPain(answer.pain) || (answer.felt !== null && !FELT.includes(answer.felt))) throw new RangeError(`not a check-in: ${JSON.stringify(answer)}`);
  return appendOne(file, { v: FORMAT_VERSION, type: 'checkin', sessionId, at: now.toISOString(), pain: answer.pain, felt: answer.felt });
}

/** "pain 2, and the exercises felt the same": a check-in in words. */
export function checkinInWords({ pain, felt }: CheckinAnswer): string {
  return felt ? `pain ${pain} the next morning; the exercises felt ${FELT_WORDS[felt]}` : `pain ${pain} the next morning`;
}
