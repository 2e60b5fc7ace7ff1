// Is it being done, and is the pain going down? Pure calculations over
// sessions read from history, in the user's local time (days start at local
// midnight, weeks on Monday); `now` is always passed in, so tests fix it.
import type { ExerciseBrief, SessionRecord } from '../engine/record.js';

import { ordinal } from '../engine/words.js';
import { UsageError } from '../errors.js';

/** The next-morning check-in kept with a session (history format: a `checkin` line). */
export interface Checkin {
  at: string;
  pain: number;
  felt: 'better' | 'same' | 'worse' | null;
}

/**
 * What these calculations read of a session: a full record or an overview will do.
 * painEnd, checkin, timeScale and demo are optional so that older records (and
 * readers from before check-ins and demo runs were recorded) still fit.
 */
export type SessionLike = Pick<SessionRecord, 'startedAt' | 'status' | 'painStart'> & {
  exercises: ExerciseBrief[];
  painEnd?: number | null;
  checkin?: Checkin;
  timeScale?: number;
  demo?: boolean;
};

const DAY = 86_400_000;

/** "1 day", "3 days". */
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Whether the session counts as exercise done: at least one exercise done.
 * A session ended at its first pain check (Ctrl-C, a pain stop) is kept in
 * history and its pain in the trend, but it does not count for adherence.
 */
export const didExercise = (s: SessionLike) => s.exercises.some((e) => e.status === 'done');

export function dayKey(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** Monday 00:00, local time, of the week holding `date`. */
export function weekStart(date: Date): Date {
  const day = startOfDay(date);
  const sinceMonday = (day.getDay() + 6) % 7;
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() - sinceMonday);
}

/** Calendar days from one date to another, counted between local midnights (a clock change does not shift it). */
function daysBetween(from: Date, to: Date): number {
  return Math.round((startOfDay(to).getTime() - startOfDay(from).getTime()) / DAY);
}

/** The same day n months earlier, or that month's last day if it is shorter (31 March, 1 month back: 28 or 29 February). */
function monthsBefore(date: Date, n: number): Date {
  const lastDay = new Date(date.getFullYear(), date.getMonth() - n + 1, 0).getDate();
  return new Date(date.getFullYear(), date.getMonth() - n, Math.min(date.getDate(), lastDay));
}

/** "2026-11-01", "7d", "4w", "3m" -> the first moment to include. */
export function parseSince(text: string, now: Date): Date {
  const span = /^(\d+)\s*([dwm])$/i.exec(text.trim());
  if (span) {
    const n = Number(span[1]);
    const today = startOfDay(now);
    const unit = span[2]!.toLowerCase();
    if (unit === 'd') return new Date(today.getFullYear(), today.getMonth(), today.getDate() - n + 1);
    if (unit === 'w') return new Date(today.getFullYear(), today.getMonth(), today.getDate() - 7 * n + 1);
    const back = monthsBefore(today, n);
    return new Date(back.getFullYear(), back.getMonth(), back.getDate() + 1);
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (date) {
    const d = new Date(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    if (d.getMonth() === Number(date[2]) - 1) return d;
  }
  throw new UsageError(`--since takes a date like 2026-11-01, or a span like 7d, 4w or 3m (days, weeks, months); got "${text}"`);
}

/** A demo run (a time scale other than 1): shown by `history`, left out of every figure unless asked for. */
export const isDemo = (s: Pick<SessionLike, 'demo' | 'timeScale'>) => s.demo === true || (s.timeScale !== undefined && s.timeScale !== 1);

/** The sessions every figure is taken from: real ones (demo runs too with includeDemo) since `from`. */
export function selectSessions<S extends SessionLike>(sessions: S[], { from, includeDemo = false }: { from?: Date; includeDemo?: boolean }): S[] {
  return since(includeDemo ? sessions : sessions.filter((s) => !isDemo(s)), from);
}

export function since<S extends SessionLike>(sessions: S[], from: Date | undefined): S[] {
  if (!from) return sessions;
  return sessions.filter((s) => Date.parse(s.startedAt) >= from.getTime());
}

/** Days in a row with exercise done, ending today (or yesterday, if today has none yet). */
export function streakDays(sessions: SessionLike[], now: Date): number {
  // Local dates as numbers (20261124): ten years of daily sessions is a streak of thousands.
  const dayNumber = (d: Date) => d.getFullYear() * 10_000 + d.getMonth() * 100 + d.getDate();
  const days = new Set<number>();
  for (const s of sessions) if (didExercise(s)) days.add(dayNumber(new Date(s.startedAt)));
  const day = startOfDay(now);
  if (!days.has(dayNumber(day))) day.setDate(day.getDate() - 1);
  let streak = 0;
  while (days.has(dayNumber(day))) {
    streak++;
    day.setDate(day.getDate() - 1);
  }
  return streak;
}

export interface WeekCount {
  weekStart: string; // local date of the Monday
  sessions: number;
  finished: number;
}

/**
 * Sessions with exercise done in each of the last `weeks` weeks, oldest first,
 * empty weeks included; with `from` (--since), none of the weeks before it.
 */
export function weeklyCounts(sessions: SessionLike[], now: Date, weeks = 8, from?: Date): WeekCount[] {
  const thisWeek = weekStart(now);
  const result: WeekCount[] = [];
  if (from) weeks = Math.min(weeks, Math.floor(daysBetween(weekStart(from), thisWeek) / 7) + 1);
  const first = new Date(thisWeek.getFullYear(), thisWeek.getMonth(), thisWeek.getDate() - 7 * (weeks - 1)).getTime();
  // Each session's time parsed once; ten years of history has thousands.
  const recent: { t: number; finished: boolean }[] = [];
  for (const s of sessions) {
    const t = Date.parse(s.startedAt);
    if (t >= first && didExercise(s)) recent.push({ t, finished: s.status === 'finished' });
  }
  for (let k = weeks - 1; k >= 0; k--) {
    const from = new Date(thisWeek.getFullYear(), thisWeek.getMonth(), thisWeek.getDate() - 7 * k);
    const to = new Date(from.getFullYear(), from.getMonth(), from.getDate() + 7);
    const inWeek = recent.filter((s) => s.t >= from.getTime() && s.t < to.getTime());
    result.push({ weekStart: dayKey(from), sessions: inWeek.length, finished: inWeek.filter((s) => s.finished).length });
  }
  return result;
}

export interface ExerciseCompletion {
  id: string;
  name: string;
  attempted: number;
  done: number;
  skippedPain: number;
  skipped: number;
  stopped: number;
}

export function exerciseCompletion(sessions: SessionLike[]): ExerciseCompletion[] {
  const byId = new Map<string, ExerciseCompletion>();
  // Oldest first (sessions come newest first), so the newest name wins. Indexed loops and plain
  // branches: tens of thousands of records on ten years of history, run once, before the JIT helps.
  for (let i = sessions.length - 1; i >= 0; i--) {
    const exercises = sessions[i]!.exercises;
    for (let j = 0; j < exercises.length; j++) {
      const e = exercises[j]!;
      let row = byId.get(e.id);
      if (!row) byId.set(e.id, (row = { id: e.id, name: e.name, attempted: 0, done: 0, skippedPain: 0, skipped: 0, stopped: 0 }));
      row.name = e.name;
      row.attempted++;
      if (e.status === 'done') row.done++;
      else if (e.status === 'skipped-pain') row.skippedPain++;
      else if (e.status === 'skipped') row.skipped++;
      else if (e.status === 'stopped') row.stopped++;
    }
  }
  // Ids are kebab-case: a plain comparison, as localeCompare's first call starts ICU's collator (about 5 ms).
  return [...byId.values()].sort((a, b) => b.attempted - a.attempted || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A change per week is stated only over at least this many days and sessions: pain varies from day to day, and a slope from fewer is mostly that. */
export const TREND_MIN_DAYS = 14;
export const TREND_MIN_SESSIONS = 4;

/** One session's pain: at the start (the trend's measure), at the end, and the next morning (its check-in); null where not asked. */
export interface PainPoint {
  date: string;
  pain: number;
  end: number | null;
  nextMorning: number | null;
}

export interface PainTrend {
  points: PainPoint[];
  /** Calendar days from the first rated session to the latest. */
  days: number;
  weeks: number;
  /** Change per week of pain at the start of a session (least squares); null until there are enough sessions over enough days. */
  perWeek: number | null;
  direction: 'down' | 'up' | 'flat' | null;
}

export function painTrend(sessions: SessionLike[]): PainTrend {
  const points = sessions
    .filter((s) => s.painStart !== null)
    .map((s) => ({ t: Date.parse(s.startedAt), date: s.startedAt, pain: s.painStart as number, end: s.painEnd ?? null, nextMorning: s.checkin?.pain ?? null }))
    .sort((a, b) => a.t - b.t);
  const days = points.length < 2 ? 0 : daysBetween(new Date(points[0]!.t), new Date(points.at(-1)!.t));
  const result: PainTrend = { points: points.map(({ date, pain, end, nextMorning }) => ({ date, pain, end, nextMorning })), days, weeks: Math.round((days / 7) * 10) / 10, perWeek: null, direction: null };
  if (points.length < TREND_MIN_SESSIONS || days < TREND_MIN_DAYS) return result;
  const t0 = points[0]!.t;
  const xs = points.map((p) => (p.t - t0) / (7 * DAY));
  const ys = points.map((p) => p.pain);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) / sxx;
  result.perWeek = Math.round(slope * 100) / 100;
  result.direction = Math.abs(slope) < 0.1 ? 'flat' : slope < 0 ? 'down' : 'up';
  return result;
}

/** Every figure `stats` and `report` share, from one place, so the two always agree. */
export interface HistoryFigures {
  sessions: number;
  sessionsWithExercise: number;
  streakDays: number;
  weeks: WeekCount[];
  exercises: ExerciseCompletion[];
  pain: PainTrend & { summary: string };
}

/**
 * The figures over already-selected sessions (see selectSessions): the last
 * eight weeks, or with `from` (--since) every week from that one on (at most eight).
 */
export function historyFigures(sessions: SessionLike[], now: Date, from?: Date): HistoryFigures {
  const trend = painTrend(sessions);
  return {
    sessions: sessions.length,
    sessionsWithExercise: sessions.filter(didExercise).length,
    streakDays: streakDays(sessions, now),
    weeks: weeklyCounts(sessions, now, 8, from),
    exercises: exerciseCompletion(sessions),
    pain: { ...trend, summary: trendInWords(trend) },
  };
}

const round1 = (n: number) => String(Math.round(n * 10) / 10);
const RISING = ' If your pain is rising, speak to your physician or physiotherapist.';
const TREND_NEEDS = `a trend needs at least ${TREND_MIN_SESSIONS} sessions over ${TREND_MIN_DAYS / 7} weeks`;

export function trendInWords(trend: PainTrend): string {
  const { points } = trend;
  if (points.length === 0) return 'No pain ratings yet: each session asks before every exercise, and the trend shows here.';
  const first = points[0]!.pain;
  if (points.length === 1) return `One session so far, starting at pain ${first}. The trend shows here after a few more (${TREND_NEEDS}).`;
  const latest = points.at(-1)!.pain;
  if (trend.perWeek === null || trend.direction === null) {
    const when = trend.days === 0 ? 'on the same day' : `over ${plural(trend.days, 'day')}`;
    return `Too early to see a trend: ${points.length} sessions ${when} so far (${TREND_NEEDS}). Pain at the start: ${first} at the first session, ${latest} at the latest.${latest > first ? RISING : ''}`;
  }
  const over = plural(Math.round(trend.days / 7), 'week');
  if (trend.direction === 'flat') return `Pain at the start of a session has stayed about the same over ${over}.`;
  const verb = trend.direction === 'down' ? 'gone down' : 'gone up';
  const points1 = round1(Math.abs(trend.perWeek));
  return `Pain at the start of a session has ${verb} by about ${points1} point${points1 === '1' ? '' : 's'} a week over ${over}.${trend.direction === 'up' ? RISING : ''}`;
}

/**
 * One line for the end of a session: "3rd session this week; pain at start
 * 4 -> 3 since last week". Counts sessions with exercise done; pain compares
 * every session's starting rating.
 */
export function summaryLine(sessions: SessionLike[], now: Date): string | undefined {
  const monday = weekStart(now);
  const thisWeek = monday.getTime();
  // Calendar days, so a clock change between the weeks does not move last Monday by an hour.
  const lastWeek = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() - 7).getTime();
  const inThisWeek = sessions.filter((s) => Date.parse(s.startedAt) >= thisWeek);
  const inLastWeek = sessions.filter((s) => Date.parse(s.startedAt) >= lastWeek && Date.parse(s.startedAt) < thisWeek);
  const done = inThisWeek.filter(didExercise).length;
  if (done === 0) return undefined;
  const newest = inThisWeek.reduce((a, b) => (Date.parse(b.startedAt) > Date.parse(a.startedAt) ? b : a));
  // A session that just ended with nothing done is not "the 3rd": say how many there were.
  const parts = [didExercise(newest) ? `${ordinal(done)} session this week` : `${plural(done, 'session')} with exercise done this week`];
  const average = (list: SessionLike[]) => {
    const pains = list.map((s) => s.painStart).filter((p): p is number => p !== null);
    return pains.length ? pains.reduce((a, b) => a + b, 0) / pains.length : null;
  };
  const before = average(inLastWeek);
  const after = average(inThisWeek);
  if (before !== null && after !== null) parts.push(`pain at start ${round1(before)} -> ${round1(after)} since last week`);
  return parts.join('; ');
}

/** When history holds only demonstration runs and --include-demo was not given: the same words from stats, report and export ("see", "report", "export"). */
export function onlyDemonstrations(verb: string): string {
  return `Only demonstration runs so far (sped up with BACKEX_TIME_SCALE), which do not count; add --include-demo to ${verb} them.`;
}

/** When --since leaves nothing but history has sessions: "No sessions since 2099-01-01. Without --since, stats covers all 4 sessions." */
export function noneSince(from: Date, total: number, command: string, covers: string): string {
  return `No sessions since ${dayKey(from)}. Without --since, ${command} ${covers} all ${plural(total, 'session')}.`;
}
