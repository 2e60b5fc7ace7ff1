// How a programme's doses grow over the weeks: a pure function of the programme
// and the history. Each exercise's sessions are replayed in order; a session
// "qualifies" when the exercise was done and no pain answer in it was above the
// programme's level; after enough of them (and weeks), the dose takes a step,
// up to its cap. A pain stop, pain above the level or a worse next morning
// starts the count again, and may step back. Nothing here reads a file or a clock.
import { applyOverride, doseInWords, repBounds } from '../catalogue/dose.js';
import type { Catalogue } from '../catalogue/load.js';
import type { PlannedExercise } from '../catalogue/plan.js';
import { LIMITS, type Dose, type Progression, type Routine } from '../catalogue/schema.js';
import type { ExerciseStatus, SessionStatus } from '../engine/record.js';
import { dayKey, isDemo, plural } from '../history/stats.js';
import { rulesOf } from '../engine/pain.js';

/**
 * What the plan reads of a session: an overview or a full record will do. The
 * optional fields come with the check-in (next-morning pain) and demo sessions.
 */
export interface HistorySession {
  startedAt: string;
  routine: string;
  status: SessionStatus;
  painStart: number | null;
  painEnd: number | null;
  exercises: { id: string; status: ExerciseStatus; painBefore: number | null }[];
  demo?: boolean;
  timeScale?: number;
  checkin?: { pain: number } | undefined;
}

export interface ExercisePlan {
  id: string;
  name: string;
  /** The dose the routine starts from (the exercise's own, with the routine's changes). */
  start: Dose;
  /** Today's dose. */
  dose: Dose;
  /** Steps taken from the start, today. */
  steps: number;
  /** The dose after the next step, or null (no progression, or at the cap). */
  next: Dose | null;
  /** Why today's dose is what it is, and what the next step waits for, in words. */
  reason: string;
}

const DAY = 86_400_000;

/** Calendar days between two moments, counted between local midnights. */
function daysBetween(from: Date, to: Date): number {
  const midnight = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  return Math.round((midnight(to) - midnight(from)) / DAY);
}

/** A session of this programme, not in the future. */
const ofProgramme = (routine: Routine, s: HistorySession, now: Date) => s.routine === routine.id && Date.parse(s.startedAt) <= now.getTime();

/** A session of the programme that counts: real (not a sped-up demonstration) and not in the future. */
export function sessionsOf<S extends HistorySession>(routine: Routine, sessions: S[], now: Date): S[] {
  return sessions
    .filter((s) => ofProgramme(routine, s, now) && !isDemo(s))
    .sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
}

/** Demonstration runs of the programme (sped up) that sessionsOf leaves out: `plan` says how many, so a step that waits is not a surprise. */
export function demonstrationsLeftOut(routine: Routine, sessions: HistorySession[], now: Date): number {
  return sessions.filter((s) => ofProgramme(routine, s, now) && isDemo(s)).length;
}

/** The pain above which a session does not count towards a step: the lower of ifPainAtMost and the programme's acceptableDuring; undefined means "above its first answer". */
export function painLevelOf(routine: Routine, progression: Progression): number | undefined {
  const levels = [progression.ifPainAtMost, rulesOf(routine).acceptableDuring].filter((l): l is number => l !== undefined);
  return levels.length > 0 ? Math.min(...levels) : undefined;
}

/** The dose after `level` steps: each stepped field grows until its cap (or backex's limit). */
export function doseAtLevel(start: Dose, progression: Progression, level: number): Dose {
  const dose: Dose = { ...start };
  const { step, cap } = progression;
  if (step.holdSeconds !== undefined) dose.holdSeconds = Math.min(start.holdSeconds + level * step.holdSeconds, cap?.holdSeconds ?? LIMITS.holdSeconds);
  if (step.reps !== undefined) {
    const { min, max } = repBounds(start.reps);
    const shift = Math.min(level * step.reps, (cap?.reps ?? LIMITS.reps) - max);
    dose.reps = min === max ? max + shift : { min: min + shift, max: max + shift };
  }
  return dose;
}

/** Steps until every stepped field is at its cap. */
export function maxLevel(start: Dose, progression: Progression): number {
  const { step, cap } = progression;
  let most = 0;
  if (step.holdSeconds !== undefined) most = Math.max(most, Math.ceil(((cap?.holdSeconds ?? LIMITS.holdSeconds) - start.holdSeconds) / step.holdSeconds));
  if (step.reps !== undefined) most = Math.max(most, Math.ceil(((cap?.reps ?? LIMITS.reps) - repBounds(start.reps).max) / step.reps));
  return Math.max(0, most);
}

/** "holds 8 s -> 9 s", "10 reps -> 12 reps", "1 rep -> 2 reps", both with a comma. */
export function changeInWords(from: Dose, to: Dose): string {
  const parts: string[] = [];
  const reps = (d: Dose) => {
    const { min, max } = repBounds(d.reps);
    return min === max ? plural(max, 'rep') : `${min}-${max} reps`;
  };
  if (reps(from) !== reps(to)) parts.push(`${reps(from)} -> ${reps(to)}`);
  if (from.holdSeconds !== to.holdSeconds) parts.push(`holds ${from.holdSeconds} s -> ${to.holdSeconds} s`);
  return parts.join(', ');
}

interface Replay {
  level: number;
  /** Sessions that qualified since the last change or reset. */
  good: number;
  /** When counting started: the first session, the last step, or the last reset. */
  since: Date | null;
  /** The latest thing that changed the count, for the reason. */
  last?: { what: 'step' | 'step back' | 'reset'; why: string; day: string; from?: Dose };
}

/** Today's dose of one exercise and the reason, from its progression and the programme's sessions (oldest first). */
export function progressExercise(routine: Routine, start: Dose, progression: Progression, sessions: HistorySession[], now: Date): Omit<ExercisePlan, 'id' | 'name' | 'start'> {
  const top = maxLevel(start, progression);
  const level = painLevelOf(routine, progression);
  const state: Replay = { level: 0, good: 0, since: null };

  const due = (at: Date) =>
    state.good >= 1 &&
    (progression.afterSessions === undefined || state.good >= progression.afterSessions) &&
    (progression.everyWeeks === undefined || (state.since !== null && daysBetween(state.since, at) >= 7 * progression.everyWeeks));
  const stepUpIfDue = (at: Date) => {
    if (state.level < top && due(at)) {
      const from = doseAtLevel(start, progression, state.level);
      state.level++;
      state.last = { what: 'step', why: conditionWords(progression, level, state.good), day: dayKey(at), from };
      state.good = 0;
      state.since = at;
    }
  };
  const reset = (at: Date, why: string, stepBack: boolean) => {
    const from = doseAtLevel(start, progression, state.level);
    const back = stepBack && state.level > 0;
    if (back) state.level--;
    state.last = { what: back ? 'step back' : 'reset', why, day: dayKey(at), from };
    state.good = 0;
    state.since = at;
  };

  for (const session of sessions) {
    const at = new Date(session.startedAt);
    state.since ??= at;
    stepUpIfDue(at);
    const answers = [...session.exercises.map((e) => e.painBefore), session.painEnd].filter((p): p is number => p !== null);
    const usual = session.painStart ?? answers[0] ?? null;
    const painStop = session.status === 'pain-stop' || session.exercises.some((e) => e.status === 'skipped-pain');
    const worseMorning = session.checkin !== undefined && usual !== null && session.checkin.pain > usual;
    const tooMuch = level !== undefined ? answers.some((a) => a > level) : usual !== null && answers.some((a) => a > usual);
    if (painStop) reset(at, 'the pain stop', progression.stepBackAfterPainStop === true);
    else if (worseMorning) reset(at, `the next morning's pain of ${session.checkin!.pain}, above the ${usual} before that session`, progression.stepBackAfterWorseMorning === true);
    else if (tooMuch) reset(at, level !== undefined ? `pain above ${level}` : aboveStart('that session'), false);
    else if (session.exercises.some((e) => e.id === exerciseOf(progression) && e.status === 'done')) state.good++;
  }
  stepUpIfDue(now);

  const dose = doseAtLevel(start, progression, state.level);
  const context = contextWords(state);
  if (state.level >= top) {
    const capped = progression.cap !== undefined;
    return { dose, steps: state.level, next: null, reason: `${top === 0 ? 'starts' : 'is'} at ${capped ? 'the cap' : "backex's limit"}: ${doseInWords(dose)}${context}` };
  }
  const next = doseAtLevel(start, progression, state.level + 1);
  return { dose, steps: state.level, next, reason: `${changeInWords(dose, next)} ${whenWords(progression, level, state)}${context}` };
}

const exerciseOf = (p: Progression) => p.exercise;

/** With no level, the measure is each session's own starting pain: said in those words ("their first answer" was unclear). */
const aboveStart = (session = 'the session') => `pain rising above the pain you started ${session} with`;

function painWords(level: number | undefined): string {
  return level !== undefined ? `without pain above ${level}` : `without ${aboveStart()}`;
}

/** "2 sessions without pain above 3": what a step took. */
function conditionWords(progression: Progression, level: number | undefined, good: number): string {
  const weeks = progression.everyWeeks !== undefined ? ` over ${plural(progression.everyWeeks, 'week')}` : '';
  return `${plural(good, 'session')} ${painWords(level)}${weeks}`;
}

/** "after 2 more sessions without pain above 3", "and not before 2027-01-05". */
function whenWords(progression: Progression, level: number | undefined, state: Replay): string {
  const needed = Math.max(progression.afterSessions ?? 1, 1) - state.good;
  const sessions = needed > 0 ? `after ${plural(needed, 'more session')} ${painWords(level)}` : '';
  if (progression.everyWeeks === undefined) return sessions;
  // Counting starts at the first session: before it, the date is not known yet.
  if (state.since === null) return `${sessions}, and not before ${plural(progression.everyWeeks, 'week')} after the first session`;
  const from = state.since;
  const date = dayKey(new Date(from.getFullYear(), from.getMonth(), from.getDate() + 7 * progression.everyWeeks));
  if (sessions) return `${sessions}, and not before ${date}`;
  return `at the first session from ${date}, if none before it has ${level !== undefined ? `pain above ${level}` : aboveStart()}`;
}

function contextWords(state: Replay): string {
  const last = state.last;
  if (!last) return '';
  if (last.what === 'step') return ` (stepped up on ${last.day}, after ${last.why})`;
  if (last.what === 'step back') return ` (stepped back from ${doseInWords(last.from!)} after ${last.why} on ${last.day})`;
  return ` (counting again since ${last.why} on ${last.day})`;
}

/** Today's dose and the next step of every exercise in a routine (no progression: the dose as prescribed). */
export function planProgramme(catalogue: Catalogue, routine: Routine, sessions: HistorySession[], now: Date): ExercisePlan[] {
  const own = sessionsOf(routine, sessions, now);
  return routine.exercises.map((entry) => {
    const id = typeof entry === 'string' ? entry : entry.exercise;
    const exercise = catalogue.exercises.find((e) => e.id === id);
    // The loader has already reported unknown ids, so this is a programming error.
    if (!exercise) throw new Error(`routine ${routine.id} names unknown exercise ${id}`);
    const start = applyOverride(exercise.dose, typeof entry === 'string' ? undefined : entry.dose);
    const progression = routine.progression?.find((p) => p.exercise === id);
    if (!progression) return { id, name: exercise.name, start, dose: start, steps: 0, next: null, reason: 'no progression in this routine: the dose stays as prescribed' };
    return { id, name: exercise.name, start, ...progressExercise(routine, start, progression, own, now) };
  });
}

/** For the session and `list --routine`: each exercise with today's dose. */
export function todaysPlan(catalogue: Catalogue, routine: Routine, sessions: HistorySession[], now: Date = new Date()): PlannedExercise[] {
  return planProgramme(catalogue, routine, sessions, now).map((p) => ({ exercise: catalogue.exercises.find((e) => e.id === p.id)!, dose: p.dose }));
}
