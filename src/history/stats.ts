// Is it being done, and is the pain going down? Pure calculations over
// sessions read from history, in the user's local time (days start at local
// midnight, weeks on Monday); `now` is always passed in, so tests fix it.
import type { ExerciseBrief, ExerciseStatus, SessionRecord } from '../engine/record.js';

/** What these calculations read of a session: a full record or an overview will do. */
export type SessionLike = Pick<SessionRecord, 'startedAt' | 'status' | 'painStart'> & { exercises: ExerciseBrief[] };
import { ordinal } from '../engine/words.js';
import { UsageError } from '../errors.js';

const DAY = 86_400_000;

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

/** "2026-11-01", "7d", "4w", "3m" -> the first moment to include. */
export function parseSince(text: string, now: Date): Date {
  const span = /^(\d+)\s*([dwm])$/i.exec(text.trim());
  if (span) {
    const n = Number(span[1]);
    const today = startOfDay(now);
    const unit = span[2]!.toLowerCase();
    if (unit === 'd') return new Date(today.getFullYear(), today.getMonth(), today.getDate() - n + 1);
    if (unit === 'w') return new Date(today.getFullYear(), today.getMonth(), today.getDate() - 7 * n + 1);
    return new Date(today.getFullYear(), today.getMonth() - n, today.getDate() + 1);
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (date) {
    const d = new Date(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    if (d.getMonth() === Number(date[2]) - 1) return d;
  }
  throw new UsageError(`--since takes a date like 2026-11-01, or a span like 7d, 4w or 3m (days, weeks, months); got "${text}"`);
}

export function since<S extends SessionLike>(sessions: S[], from: Date | undefined): S[] {
  if (!from) return sessions;
  return sessions.filter((s) => Date.parse(s.startedAt) >= from.getTime());
}

/** Days in a row with at least one session, ending today (or yesterday, if today has none yet). */
export function streakDays(sessions: SessionLike[], now: Date): number {
  const days = new Set(sessions.map((s) => dayKey(new Date(s.startedAt))));
  const day = startOfDay(now);
  if (!days.has(dayKey(day))) day.setDate(day.getDate() - 1);
  let streak = 0;
  while (days.has(dayKey(day))) {
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

/** Sessions in each of the last `weeks` weeks, oldest first, empty weeks included. */
export function weeklyCounts(sessions: SessionLike[], now: Date, weeks = 8): WeekCount[] {
  const thisWeek = weekStart(now);
  const result: WeekCount[] = [];
  const first = new Date(thisWeek.getFullYear(), thisWeek.getMonth(), thisWeek.getDate() - 7 * (weeks - 1)).getTime();
  // Each session's time parsed once; ten years of history has thousands.
  const recent = sessions.map((s) => ({ t: Date.parse(s.startedAt), finished: s.status === 'finished' })).filter((s) => s.t >= first);
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
  const field: Record<ExerciseStatus, keyof ExerciseCompletion> = { done: 'done', 'skipped-pain': 'skippedPain', skipped: 'skipped', stopped: 'stopped' };
  for (const session of [...sessions].reverse()) {
    for (const e of session.exercises) {
      const row = byId.get(e.id) ?? { id: e.id, name: e.name, attempted: 0, done: 0, skippedPain: 0, skipped: 0, stopped: 0 };
      row.name = e.name; // the newest name wins
      row.attempted++;
      (row[field[e.status]] as number)++;
      byId.set(e.id, row);
    }
  }
  return [...byId.values()].sort((a, b) => b.attempted - a.attempted || a.id.localeCompare(b.id));
}

export interface PainTrend {
  points: { date: string; pain: number }[];
  /** Change per week of pain at the start of a session (least squares); null with fewer than two days. */
  perWeek: number | null;
  weeks: number;
  direction: 'down' | 'up' | 'flat' | null;
}

export function painTrend(sessions: SessionLike[]): PainTrend {
  const points = sessions
    .filter((s) => s.painStart !== null)
    .map((s) => ({ t: Date.parse(s.startedAt), date: s.startedAt, pain: s.painStart as number }))
    .sort((a, b) => a.t - b.t);
  const result = { points: points.map(({ date, pain }) => ({ date, pain })), perWeek: null, weeks: 0, direction: null } as PainTrend;
  if (points.length < 2) return result;
  const t0 = points[0]!.t;
  const xs = points.map((p) => (p.t - t0) / (7 * DAY));
  const ys = points.map((p) => p.pain);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  result.weeks = xs.at(-1)!;
  if (sxx === 0) return result;
  const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) / sxx;
  result.perWeek = Math.round(slope * 100) / 100;
  result.direction = Math.abs(slope) < 0.1 ? 'flat' : slope < 0 ? 'down' : 'up';
  return result;
}

const round1 = (n: number) => String(Math.round(n * 10) / 10);
const weeksText = (w: number) => (w < 1.5 ? `${Math.max(1, Math.round(w * 7))} days` : `${Math.round(w)} weeks`);

export function trendInWords(trend: PainTrend): string {
  if (trend.points.length === 0) return 'No pain ratings yet: each session asks before every exercise, and the trend shows here.';
  if (trend.points.length === 1) return `One session so far, starting at pain ${trend.points[0]!.pain}. The trend shows after a few more.`;
  if (trend.perWeek === null || trend.direction === null) return 'Not enough days between sessions yet to see a trend.';
  const over = weeksText(trend.weeks);
  if (trend.direction === 'flat') return `Pain at the start of a session has stayed about the same over ${over}.`;
  const verb = trend.direction === 'down' ? 'gone down' : 'gone up';
  const advice = trend.direction === 'up' ? ' If your pain is rising, speak to your physician or physiotherapist.' : '';
  const points = round1(Math.abs(trend.perWeek));
  return `Pain at the start of a session has ${verb} by about ${points} point${points === '1' ? '' : 's'} a week over ${over}.${advice}`;
}

/** One line for the end of a session: "3rd session this week; pain at start 4 -> 3 since last week". */
export function summaryLine(sessions: SessionLike[], now: Date): string | undefined {
  const thisWeek = weekStart(now).getTime();
  const lastWeek = thisWeek - 7 * DAY;
  const inThisWeek = sessions.filter((s) => Date.parse(s.startedAt) >= thisWeek);
  const inLastWeek = sessions.filter((s) => Date.parse(s.startedAt) >= lastWeek && Date.parse(s.startedAt) < thisWeek);
  if (inThisWeek.length === 0) return undefined;
  const parts = [`${ordinal(inThisWeek.length)} session this week`];
  const average = (list: SessionLike[]) => {
    const pains = list.map((s) => s.painStart).filter((p): p is number => p !== null);
    return pains.length ? pains.reduce((a, b) => a + b, 0) / pains.length : null;
  };
  const before = average(inLastWeek);
  const after = average(inThisWeek);
  if (before !== null && after !== null) parts.push(`pain at start ${round1(before)} -> ${round1(after)} since last week`);
  return parts.join('; ');
}
