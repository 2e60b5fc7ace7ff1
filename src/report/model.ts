// What a report says, worked out from history before any HTML is written:
// the figures `stats` shows (from the same function), and what only the
// report has: the routines and doses used, the pain rules, every pain event
// and every note. Pure; `now` is passed in.
import { doseInWords } from '../catalogue/dose.js';
import type { ExerciseBrief, ExerciseRecord, SessionRecord, SessionStatus } from '../engine/record.js';
import { dayKey, didExercise, historyFigures, isDemo, type Checkin, type HistoryFigures } from '../history/stats.js';
import { DEFAULT_PAIN_RULES, sameRules, type PainRules } from './pain-rules.js';

/** The fields the history format is gaining (see notes/contracts.md), optional so that today's records fit too. */
export interface NewRecordFields {
  timeScale?: number;
  demo?: boolean;
  note?: string;
  checkin?: Checkin;
  painRules?: PainRules;
}

/** A session in brief: an overview (as `stats` reads it) or a full record will do. */
export type ReportSession = {
  sessionId: string;
  startedAt: string;
  routine: string;
  status: SessionStatus;
  endedAt: string | null;
  painStart: number | null;
  painEnd: number | null;
  exercises: ExerciseBrief[];
} & NewRecordFields;

/** A session in full: its doses and each exercise's pain decision. */
export type FullSession = SessionRecord & NewRecordFields;

/**
 * Sessions whose full record the report needs (reading every record in full
 * would take twice as long as `stats` on years of history): any with a pain
 * event, and the latest of each routine (for its doses).
 */
export function sessionsNeedingDetail(newestFirst: ReportSession[]): Set<string> {
  const ids = new Set<string>();
  const routines = new Set<string>();
  for (const s of newestFirst) {
    if (!routines.has(s.routine)) {
      routines.add(s.routine);
      ids.add(s.sessionId);
    }
    if (s.status === 'pain-stop' || s.exercises.some((e) => e.status === 'skipped-pain' || e.status === 'stopped')) ids.add(s.sessionId);
  }
  return ids;
}

export type PainEventKind = 'pain-stop' | 'skipped-pain' | 'p-key';

export interface PainEvent {
  at: string;
  kind: PainEventKind;
  /** The exercise it happened at (none for a stop after skips in a row). */
  exercise: string | null;
  pain: number | null;
  /** Pain at the start of that session, for "higher than the N you started with". */
  painStart: number | null;
  /** Plain words: what happened. */
  what: string;
  /**
   * The exercise is recorded skipped for pain, as stats and the Exercises table
   * count it: a skip, a p, and a stop at the pain check before it (not a stop by
   * choice, recorded as ended, nor a stop after skips, which names no exercise).
   */
  skippedForPain: boolean;
  /** In a demonstration run (there only with --include-demo). */
  demo: boolean;
}

export interface RoutineUsed {
  routine: string;
  sessions: number;
  first: string;
  last: string;
  /** Of those, demonstration runs (only with --include-demo). */
  demo: number;
  /** The exercises and doses of the latest session of this routine. */
  exercises: { id: string; name: string; dose: string }[];
}

export interface RulesInForce {
  rules: PainRules;
  /** False when no session recorded its rules (older records): backex's defaults, which those sessions used. */
  recorded: boolean;
  from: string;
  to: string;
}

export interface ReportModel {
  madeAt: string;
  /** The period covered: --since, or the first session; to today. */
  from: string;
  to: string;
  figures: HistoryFigures;
  sessionsPerWeek?: number;
  routines: RoutineUsed[];
  rules: RulesInForce[];
  events: PainEvent[];
  notes: { at: string; text: string; demo: boolean }[];
  /** Demo runs left out (0 with --include-demo). */
  demoLeftOut: number;
  /** Demo runs included (--include-demo), oldest first: each is marked wherever sessions are shown, as `history` marks them. */
  demoRuns: { startedAt: string; exerciseDone: boolean }[];
}

export interface ModelOptions {
  now: Date;
  /** --since; without it the report covers every session. */
  from?: Date;
  /** What the programme prescribes, when it says. */
  sessionsPerWeek?: number;
  demoLeftOut?: number;
  /** Full records by session id (see sessionsNeedingDetail); without it, sessions that are full records are their own. */
  details?: Map<string, FullSession>;
}

/**
 * The pain events of one session, in order. A record says "skipped-pain" both
 * for a skip chosen at a pain check and for `p` during the exercise; the
 * choice is recorded (decision "skip"), and a rule's stop is the last rating of
 * a pain-stop session at or above the stop level; any other is `p`.
 */
export function painEvents(session: FullSession, rules: PainRules = session.painRules ?? DEFAULT_PAIN_RULES): PainEvent[] {
  const events: PainEvent[] = [];
  const { exercises, painStart } = session;
  const demo = isDemo(session);
  const event = (e: ExerciseRecord | null, kind: PainEventKind, what: string, pain = e?.painBefore ?? null): PainEvent => ({ at: e?.startedAt ?? session.endedAt ?? session.startedAt, kind, exercise: e?.name ?? null, pain, painStart, what, skippedForPain: e?.status === 'skipped-pain', demo });
  let stopped = false;
  exercises.forEach((e, i) => {
    const last = i === exercises.length - 1;
    if (e.status === 'skipped-pain') {
      if (e.decision === 'skip') events.push(event(e, 'skipped-pain', `Skipped ${e.name}: pain ${e.painBefore}, higher than the ${painStart} at the start`));
      else if (last && session.status === 'pain-stop' && e.decision === undefined && e.painBefore !== null && e.painBefore >= rules.stopAt) {
        events.push(event(e, 'pain-stop', `Session stopped before ${e.name}: pain ${e.painBefore} out of 10`));
        stopped = true;
      } else events.push(event(e, 'p-key', `Pressed p (it hurts) during ${e.name}: it stopped at once`));
    } else if (e.status === 'stopped' && e.decision === 'end' && session.status === 'pain-stop') {
      events.push(event(e, 'pain-stop', `Session ended by choice before ${e.name}: pain ${e.painBefore}, higher than the ${painStart} at the start`));
      stopped = true;
    }
  });
  if (session.status === 'pain-stop' && !stopped) {
    events.push(event(null, 'pain-stop', `Session stopped: ${rules.painSkipsToEnd} exercises in a row skipped for pain`, session.painEnd));
  }
  return events;
}

/** Routines by use, most used first; each with the doses of its latest session. */
function routinesUsed(oldestFirst: ReportSession[], full: (s: ReportSession) => FullSession | undefined): RoutineUsed[] {
  const byRoutine = new Map<string, RoutineUsed>();
  for (const s of oldestFirst) {
    let r = byRoutine.get(s.routine);
    if (!r) byRoutine.set(s.routine, (r = { routine: s.routine, sessions: 0, first: s.startedAt, last: s.startedAt, demo: 0, exercises: [] }));
    r.sessions++;
    if (isDemo(s)) r.demo++;
    r.last = s.startedAt;
    const planned = full(s)?.planned;
    if (planned?.length) r.exercises = planned.map((p) => ({ id: p.id, name: p.name, dose: doseInWords(p.dose) }));
  }
  return [...byRoutine.values()].sort((a, b) => b.sessions - a.sessions || (a.last < b.last ? 1 : -1));
}

/** The rules each stretch of sessions ran under, oldest first: one entry unless they changed. */
function rulesInForce(oldestFirst: ReportSession[]): RulesInForce[] {
  const stretches: RulesInForce[] = [];
  for (const s of oldestFirst) {
    const rules = s.painRules ?? DEFAULT_PAIN_RULES;
    const recorded = s.painRules !== undefined;
    const current = stretches.at(-1);
    if (current && sameRules(current.rules, rules)) {
      current.to = s.startedAt;
      current.recorded ||= recorded;
    } else stretches.push({ rules, recorded, from: s.startedAt, to: s.startedAt });
  }
  return stretches.length ? stretches : [{ rules: DEFAULT_PAIN_RULES, recorded: false, from: '', to: '' }];
}

/** `sessions` already selected (real ones since --since, newest first, as the readers give them). */
export function reportModel(sessions: ReportSession[], { now, from, sessionsPerWeek, demoLeftOut = 0, details }: ModelOptions): ReportModel {
  const oldestFirst = [...sessions].reverse();
  const full = (s: ReportSession): FullSession | undefined => details?.get(s.sessionId) ?? (Array.isArray((s as Partial<FullSession>).planned) ? (s as FullSession) : undefined);
  return {
    madeAt: now.toISOString(),
    from: from ? dayKey(from) : oldestFirst[0] ? dayKey(new Date(oldestFirst[0].startedAt)) : dayKey(now),
    to: dayKey(now),
    figures: historyFigures(sessions, now, from),
    ...(sessionsPerWeek !== undefined && { sessionsPerWeek }),
    routines: routinesUsed(oldestFirst, full),
    rules: rulesInForce(oldestFirst),
    events: oldestFirst.flatMap((s) => {
      const record = full(s);
      return record ? painEvents(record, s.painRules ?? record.painRules ?? DEFAULT_PAIN_RULES) : [];
    }),
    notes: oldestFirst.filter((s) => typeof s.note === 'string' && s.note.trim() !== '').map((s) => ({ at: s.endedAt ?? s.startedAt, text: s.note!.trim(), demo: isDemo(s) })),
    demoLeftOut,
    demoRuns: oldestFirst.filter(isDemo).map((s) => ({ startedAt: s.startedAt, exerciseDone: didExercise(s) })),
  };
}
