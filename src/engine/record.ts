// What a session leaves behind. The history store writes these as they happen
// (src/history/store.ts); each record carries what was actually done, never a
// reference into today's catalogue, so editing a data file never changes the past.
import type { Dose } from '../catalogue/schema.js';

/**
 * How a session ended. A session with no end line at all (crash, kill -9, power
 * cut) also reads back as "interrupted"; SIGTERM and SIGHUP write it explicitly.
 */
export type SessionStatus = 'finished' | 'quit' | 'pain-stop' | 'interrupted';

/**
 * done: every planned rep and side (for a range, at least the minimum);
 * skipped-pain: skipped because of a pain rating, or stopped with `p` ("this hurts");
 * skipped: skipped with `s`, or chosen to skip; stopped: the session ended during it.
 */
export type ExerciseStatus = 'done' | 'skipped-pain' | 'skipped' | 'stopped';

/** The user's choice when pain is above the session's baseline. */
export type PainDecision = 'skip' | 'do-anyway' | 'end';

export interface ExerciseRecord {
  id: string;
  name: string;
  /** The dose used, after any routine override. */
  dose: Dose;
  /** Pain 0-10 answered just before this exercise; null if the session ended before asking. */
  painBefore: number | null;
  /** What the pain rules said about painBefore, when they asked the user to choose. */
  decision?: PainDecision;
  /** Reps per side planned (the maximum of a range) and the minimum that counts as done. */
  repsPlanned: number;
  repsMinimum: number;
  /** Reps completed on the side that did fewest (so "done" means every side got them). */
  repsDone: number;
  sidesPlanned: number;
  sidesDone: number;
  status: ExerciseStatus;
  /** How many times the user restarted it with `b`. */
  restarts: number;
  startedAt: string; // ISO 8601
  endedAt: string; // ISO 8601
}

export interface SessionStart {
  /** Unique per session (time + random), so two terminals never collide. */
  sessionId: string;
  startedAt: string; // ISO 8601
  /** What was chosen: a routine id ("core"), several ("stretch+core"), or "custom". */
  routine: string;
  /** The exercises planned, in order, with the dose each will use. */
  planned: { id: string; name: string; dose: Dose }[];
  /** BACKEX_TIME_SCALE, written only when not 1: such a session is a demonstration, not exercise done. */
  timeScale?: number;
  /** The pain rules in force (src/engine/pain.ts). */
  painRules?: RecordedPainRules;
}

/** The same shape as PainRules in src/engine/pain.ts, kept here so a record never depends on today's rules. */
export interface RecordedPainRules {
  stopAt: number;
  skipAboveStartBy: number;
  painSkipsToEnd: number;
  acceptableDuring?: number;
}

/** How the exercises felt the day before, asked with the next-morning pain. */
export type Felt = 'better' | 'same' | 'worse';

/** The next-morning check-in about a session. */
export interface Checkin {
  at: string; // ISO 8601
  pain: number;
  felt: Felt | null;
}

export interface SessionEnd {
  sessionId: string;
  endedAt: string; // ISO 8601
  status: SessionStatus;
  /** Pain answered as the session ended (the final question, or the answer a pain rule stopped at); null if none was asked then. */
  painEnd: number | null;
  durationMs: number;
  /** The user's one-line note at the end; absent when none was given. */
  note?: string;
  /** The session in brief, repeated here so `stats` can read years of history without parsing every exercise line. */
  summary?: SessionSummary;
}

/** An exercise as `stats` and the `history` table need it. */
export type ExerciseBrief = Pick<ExerciseRecord, 'id' | 'name' | 'status' | 'painBefore'>;

/** What a session's summary keeps of each exercise. */
export const briefOf = ({ id, name, status, painBefore }: ExerciseRecord): ExerciseBrief => ({ id, name, status, painBefore });

export interface SessionSummary {
  startedAt: string;
  routine: string;
  planned: number;
  exercises: ExerciseBrief[];
}

/** A session as `stats` and the `history` table need it: no doses, counts instead of lists. */
export interface SessionOverview {
  sessionId: string;
  startedAt: string;
  routine: string;
  planned: number;
  status: SessionStatus;
  endedAt: string | null;
  painStart: number | null;
  painEnd: number | null;
  durationMs: number | null;
  exercises: ExerciseBrief[];
  /** 1 unless the session ran sped up (BACKEX_TIME_SCALE). */
  timeScale: number;
  /** timeScale !== 1: shown by `history`, left out of stats and the export unless asked. */
  demo: boolean;
  note?: string;
  checkin?: Checkin;
  painRules?: RecordedPainRules;
}

/** A whole session as read back from history. */
export interface SessionRecord extends SessionStart {
  status: SessionStatus;
  endedAt: string | null;
  painStart: number | null;
  painEnd: number | null;
  durationMs: number | null;
  exercises: ExerciseRecord[];
  timeScale: number;
  demo: boolean;
  note?: string;
  checkin?: Checkin;
}

/** A session as it ended, for its summary on screen. */
export interface SessionResult {
  sessionId: string;
  startedAt: string; // ISO 8601
  status: SessionStatus;
  records: ExerciseRecord[];
  painStart: number | null;
  painEnd: number | null;
  durationMs: number;
  /** Why a pain rule ended it, to repeat in the summary. */
  stopMessage?: string;
}

