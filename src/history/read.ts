// Reading history back into sessions, newest first. A damaged line (a torn
// write, a hand edit, an unknown version) is reported once with its line
// number and skipped; nothing else is lost, and the file is never rewritten.
import { readFileSync } from 'node:fs';
import type { ExerciseRecord, SessionOverview, SessionRecord, SessionSummary } from '../engine/record.js';
import { describeFileError, UsageError } from '../errors.js';
import { historyFile } from '../paths.js';
import { FORMAT_VERSION } from './store.js';

export interface ReadOptions {
  env?: NodeJS.ProcessEnv;
  file?: string;
  warn: (message: string) => void;
}

function readText(file: string): string {
  try {
    // Buffer then decode: on Node 20 this is twice as fast as readFileSync(file, 'utf8') for a large file.
    return readFileSync(file).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new UsageError(describeFileError(error, file, 'read'));
  }
}

const damagedWarning = (file: string, warn: (m: string) => void) => (line: number) => warn(`history line ${line} is damaged and was skipped (${file}); the rest is read as usual.`);

/** Every session in full (for --json and export), newest first. */
export function readSessions({ env = process.env, file = historyFile(env), warn }: ReadOptions): SessionRecord[] {
  return parseHistory(readText(file), damagedWarning(file, warn));
}

/** Every session in brief (for stats and the history table), newest first; fast on years of history. */
export function readOverviews({ env = process.env, file = historyFile(env), warn }: ReadOptions): SessionOverview[] {
  return parseOverviews(readText(file), damagedWarning(file, warn));
}

/** Pure: the text of a history file to sessions, newest first. */
export function parseHistory(text: string, damaged: (lineNumber: number) => void): SessionRecord[] {
  const lines = text.split('\n');
  return replay(lines.map((_, i) => i), lines, damaged);
}

// Lines as our store writes them (JSON.stringify keeps key order), so a prefix says what a line is.
const EXERCISE_PREFIX = '{"v":1,"type":"exercise","sessionId":"';
const START_PREFIX = '{"v":1,"type":"session-start","pid":';
const END_PREFIX = '{"v":1,"type":"session-end"';
const SESSION_ID = '"sessionId":"';

/**
 * Pure: sessions in brief. A session whose end line carries its summary is
 * read from that line alone; its start and exercise lines are not parsed.
 * Every other session (interrupted, or written before summaries) is read in
 * full, exactly as parseHistory does.
 */
export function parseOverviews(text: string, damaged: (lineNumber: number) => void): SessionOverview[] {
  // Pass 1: the end lines with a summary, found by a native search rather than line by line.
  const briefs = new Map<string, SessionOverview>();
  const endLines = new Set<number>();
  for (let at = text.startsWith(END_PREFIX) ? 0 : text.indexOf(`\n${END_PREFIX}`); at >= 0; at = text.indexOf(`\n${END_PREFIX}`, at + 1)) {
    const from = text[at] === '\n' ? at + 1 : at;
    let end = text.indexOf('\n', from);
    if (end < 0) end = text.length;
    const brief = summaryOf(text.slice(from, end));
    if (brief && !briefs.has(brief.sessionId)) {
      briefs.set(brief.sessionId, brief);
      endLines.add(from);
    }
  }

  // Pass 2: every other line whose session has no summary goes to the full reader, by line number.
  const lines: string[] = [];
  const rest: number[] = [];
  for (let at = 0, i = 0; at < text.length; i++) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (end === at || endLines.has(at)) {
      at = next;
      continue;
    }
    // Start and exercise lines name their session near the front: no need to parse them to skip them.
    const idStart = text.startsWith(EXERCISE_PREFIX, at) ? at + EXERCISE_PREFIX.length : text.startsWith(START_PREFIX, at) ? text.indexOf(SESSION_ID, at) + SESSION_ID.length : -1;
    if (idStart >= SESSION_ID.length && idStart < end) {
      const idEnd = text.indexOf('"', idStart);
      if (idEnd > idStart && idEnd < end && briefs.has(text.slice(idStart, idEnd))) {
        at = next;
        continue;
      }
    }
    const raw = text.slice(at, end);
    if (!idMatchesBrief(raw, briefs)) {
      lines[i] = raw;
      rest.push(i);
    }
    at = next;
  }
  const full = replay(rest, lines, damaged).map((s) => ({ ...s, planned: s.planned.length }));
  return [...briefs.values(), ...full].sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
}

/** A session-end line with its summary, as an overview; undefined for anything else. */
function summaryOf(raw: string): SessionOverview | undefined {
  let line: Record<string, unknown>;
  try {
    line = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const summary = line.type === 'session-end' && line.v === FORMAT_VERSION ? (line.summary as SessionSummary | undefined) : undefined;
  if (!summary || typeof line.sessionId !== 'string' || !Array.isArray(summary.exercises)) return undefined;
  return {
    sessionId: line.sessionId,
    startedAt: summary.startedAt,
    routine: summary.routine,
    planned: summary.planned,
    status: line.status as SessionOverview['status'],
    endedAt: typeof line.endedAt === 'string' ? line.endedAt : null,
    painStart: firstRating(summary.exercises),
    painEnd: typeof line.painEnd === 'number' ? line.painEnd : null,
    durationMs: typeof line.durationMs === 'number' ? line.durationMs : null,
    exercises: summary.exercises,
  };
}

/** Whether a line written in another shape still belongs to a summarised session (then it is not needed). */
function idMatchesBrief(raw: string, briefs: Map<string, SessionOverview>): boolean {
  try {
    const line = JSON.parse(raw) as Record<string, unknown>;
    return typeof line.sessionId === 'string' && briefs.has(line.sessionId);
  } catch {
    // Damaged: left to the full reader, which reports it.
    return false;
  }
}

/** Applies these lines (by index, in file order) to build whole sessions, newest first. */
function replay(indexes: number[], lines: string[], damaged: (lineNumber: number) => void): SessionRecord[] {
  const sessions = new Map<string, SessionRecord>();
  for (const i of indexes) {
    const raw = lines[i]!;
    if (raw === '') continue;
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      damaged(i + 1);
      continue;
    }
    if (!line || line.v !== FORMAT_VERSION || typeof line.sessionId !== 'string' || !apply(sessions, line)) damaged(i + 1);
  }
  const all = [...sessions.values()];
  for (const session of all) session.painStart = firstRating(session.exercises);
  return all.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
}

function apply(sessions: Map<string, SessionRecord>, line: Record<string, unknown>): boolean {
  const id = line.sessionId as string;
  switch (line.type) {
    case 'session-start': {
      if (typeof line.startedAt !== 'string' || !Array.isArray(line.planned)) return false;
      const existing = sessions.get(id);
      sessions.set(id, {
        sessionId: id,
        startedAt: line.startedAt,
        routine: typeof line.routine === 'string' ? line.routine : 'custom',
        planned: line.planned as SessionRecord['planned'],
        status: existing?.status ?? 'interrupted',
        endedAt: existing?.endedAt ?? null,
        painStart: existing?.painStart ?? null,
        painEnd: existing?.painEnd ?? null,
        durationMs: existing?.durationMs ?? null,
        exercises: existing?.exercises ?? [],
      });
      return true;
    }
    case 'exercise': {
      const exercise = line.exercise as ExerciseRecord | undefined;
      if (!exercise || typeof exercise.id !== 'string' || typeof exercise.status !== 'string') return false;
      const session = sessions.get(id) ?? orphan(sessions, id, exercise.startedAt);
      session.exercises.push(exercise);
      if (session.endedAt === null && session.status === 'interrupted') session.durationMs = Date.parse(exercise.endedAt) - Date.parse(session.startedAt) || null;
      return true;
    }
    case 'session-end': {
      if (typeof line.status !== 'string') return false;
      const session = sessions.get(id) ?? orphan(sessions, id, String(line.endedAt));
      session.status = line.status as SessionRecord['status'];
      session.endedAt = typeof line.endedAt === 'string' ? line.endedAt : null;
      session.durationMs = typeof line.durationMs === 'number' ? line.durationMs : null;
      // Null when the session ended before its last pain question: never stand in another answer for it.
      session.painEnd = typeof line.painEnd === 'number' ? line.painEnd : null;
      return true;
    }
    default:
      return false;
  }
}

/** A session whose start line was lost: kept, so its exercises are not. */
function orphan(sessions: Map<string, SessionRecord>, id: string, startedAt: string): SessionRecord {
  const session: SessionRecord = { sessionId: id, startedAt, routine: 'unknown', planned: [], status: 'interrupted', endedAt: null, painStart: null, painEnd: null, durationMs: null, exercises: [] };
  sessions.set(id, session);
  return session;
}

function firstRating(exercises: { painBefore: number | null }[]): number | null {
  return exercises.find((e) => typeof e.painBefore === 'number')?.painBefore ?? null;
}
