// Reading history back into sessions, newest first. A damaged line (a torn
// write, a hand edit, an unknown version) is reported once with its line
// number and skipped; nothing else is lost, and the file is never rewritten.
import { readFileSync } from 'node:fs';
import type { ExerciseRecord, SessionOverview, SessionRecord, SessionSummary } from '../engine/record.js';
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
    throw error;
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
const SESSION_ID = '"sessionId":"';

/**
 * Pure: sessions in brief. A session whose end line carries its summary is
 * read from that line alone; its start and exercise lines are not parsed.
 * Every other session (interrupted, or written before summaries) is read in
 * full, exactly as parseHistory does.
 */
export function parseOverviews(text: string, damaged: (lineNumber: number) => void): SessionOverview[] {
  const briefs = new Map<string, SessionOverview>();
  // Lines left to the full reader, by number, for sessions without a summary.
  const others = new Map<string, number[]>();
  // Where each deferred line is; it is cut out of the text only if its session is replayed.
  const spans = new Map<number, [number, number]>();
  const defer = (id: string, i: number, at: number, end: number) => {
    spans.set(i, [at, end]);
    const list = others.get(id);
    if (list) list.push(i);
    else others.set(id, [i]);
  };
  // Walk the text by offsets: slicing only the lines that are parsed keeps years of history cheap.
  for (let at = 0, i = 0; at < text.length; i++) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (end === at) {
      at = next;
      continue;
    }
    const idStart = text.startsWith(EXERCISE_PREFIX, at) ? at + EXERCISE_PREFIX.length : text.startsWith(START_PREFIX, at) ? text.indexOf(SESSION_ID, at) + SESSION_ID.length : -1;
    if (idStart >= SESSION_ID.length && idStart < end) {
      const idEnd = text.indexOf('"', idStart);
      if (idEnd > idStart && idEnd < end) {
        defer(text.slice(idStart, idEnd), i, at, end);
        at = next;
        continue;
      }
    }
    const raw = text.slice(at, end);
    let line: Record<string, unknown> | undefined;
    try {
      line = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      // Left to the full reader below, which reports it.
    }
    const summary = line?.type === 'session-end' && line.v === FORMAT_VERSION ? (line.summary as SessionSummary | undefined) : undefined;
    if (line && summary && typeof line.sessionId === 'string' && Array.isArray(summary.exercises)) {
      const pains = summary.exercises.map((e) => e.painBefore).filter((p): p is number => typeof p === 'number');
      briefs.set(line.sessionId, {
        sessionId: line.sessionId,
        startedAt: summary.startedAt,
        routine: summary.routine,
        planned: summary.planned,
        status: line.status as SessionOverview['status'],
        endedAt: typeof line.endedAt === 'string' ? line.endedAt : null,
        painStart: pains[0] ?? null,
        painEnd: typeof line.painEnd === 'number' ? line.painEnd : (pains.at(-1) ?? null),
        durationMs: typeof line.durationMs === 'number' ? line.durationMs : null,
        exercises: summary.exercises,
      });
    } else {
      defer(line && typeof line.sessionId === 'string' ? line.sessionId : '', i, at, end);
    }
    at = next;
  }
  const rest = [...others].filter(([id]) => !briefs.has(id)).flatMap(([, indexes]) => indexes).sort((a, b) => a - b);
  const lines: string[] = [];
  for (const i of rest) lines[i] = text.slice(...spans.get(i)!);
  const full = replay(rest, lines, damaged).map((s) => ({ ...s, planned: s.planned.length }));
  return [...briefs.values(), ...full].sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
}

/** Applies these lines (by index, in file order) to build whole sessions, newest first. */
function replay(indexes: number[], lines: string[], damaged: (lineNumber: number) => void): SessionRecord[] {
  const sessions = new Map<string, SessionRecord>();
  // Sessions whose end line gave the final pain; the others end on their last rating.
  const endRated = new Set<string>();
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
    if (!line || line.v !== FORMAT_VERSION || typeof line.sessionId !== 'string' || !apply(sessions, endRated, line)) damaged(i + 1);
  }
  const all = [...sessions.values()];
  for (const session of all) refreshPain(session, endRated);
  return all.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
}

function apply(sessions: Map<string, SessionRecord>, endRated: Set<string>, line: Record<string, unknown>): boolean {
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
      if (typeof line.painEnd === 'number') {
        session.painEnd = line.painEnd;
        endRated.add(id);
      }
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

function refreshPain(session: SessionRecord, endRated: Set<string>): void {
  const ratings = session.exercises.map((e) => e.painBefore).filter((p): p is number => typeof p === 'number');
  session.painStart = ratings[0] ?? null;
  if (!endRated.has(session.sessionId)) session.painEnd = ratings.at(-1) ?? null;
}
