// Reading history back into sessions, newest first. A damaged line (a torn
// write, a hand edit, an unknown version) is reported once with its line
// number and skipped; nothing else is lost, and the file is never rewritten.
import { readFileSync } from 'node:fs';
import type { ExerciseRecord, SessionRecord } from '../engine/record.js';
import { historyFile } from '../paths.js';
import { FORMAT_VERSION } from './store.js';

export interface ReadOptions {
  env?: NodeJS.ProcessEnv;
  file?: string;
  warn: (message: string) => void;
}

export function readSessions({ env = process.env, file = historyFile(env), warn }: ReadOptions): SessionRecord[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseHistory(text, (line) => warn(`history line ${line} is damaged and was skipped (${file}); the rest is read as usual.`));
}

/** Pure: the text of a history file to sessions, newest first. */
export function parseHistory(text: string, damaged: (lineNumber: number) => void): SessionRecord[] {
  const sessions = new Map<string, SessionRecord>();
  // Sessions whose end line gave the final pain; the others end on their last rating.
  const endRated = new Set<string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
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
  return [...sessions.values()].sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
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
      refreshPain(sessions.get(id)!, endRated);
      return true;
    }
    case 'exercise': {
      const exercise = line.exercise as ExerciseRecord | undefined;
      if (!exercise || typeof exercise.id !== 'string' || typeof exercise.status !== 'string') return false;
      const session = sessions.get(id) ?? orphan(sessions, id, exercise.startedAt);
      session.exercises.push(exercise);
      refreshPain(session, endRated);
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
