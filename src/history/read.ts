// Reading history back into sessions, newest first. A damaged line (a torn
// write, a hand edit, an unknown version) is reported once with its line
// number and skipped; nothing else is lost, and the file is never rewritten.
import { readFileSync, statSync } from 'node:fs';
import type { ExerciseRecord, SessionOverview, SessionRecord, SessionSummary } from '../engine/record.js';
import { describeFileError, UsageError } from '../errors.js';
import { historyFile } from '../paths.js';
import { isSoundLine } from './line-shape.js';
import { FORMAT_VERSION } from './store.js';

export interface ReadOptions {
  env?: NodeJS.ProcessEnv;
  file?: string;
  warn: (message: string) => void;
}

function readText(file: string): string {
  try {
    // A history is a plain file; anything else (a device like /dev/full, a folder, a pipe) could never end.
    const kind = statSync(file);
    // (A folder fails below, as "it is a folder".)
    if (!kind.isFile() && !kind.isDirectory()) throw new UsageError(`cannot read ${file}: it is not a plain file, so it cannot hold your history`);
    // Buffer then decode: on Node 20 this is twice as fast as readFileSync(file, 'utf8') for a large file.
    return readFileSync(file).toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
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
  const parsed: ParsedLine[] = [];
  text.split('\n').forEach((raw, i) => raw !== '' && parsed.push([i + 1, parseLine(raw)]));
  return replay(parsed, damaged);
}

/** A line's number and its JSON object (undefined if it is not one). */
type ParsedLine = [lineNumber: number, line: Record<string, unknown> | undefined];

// Lines as our store writes them (JSON.stringify keeps key order), so a prefix says what a line is.
const EXERCISE_PREFIX = '{"v":1,"type":"exercise","sessionId":"';
const START_PREFIX = '{"v":1,"type":"session-start","pid":';
const END_PREFIX = '{"v":1,"type":"session-end"';
const SESSION_ID = '"sessionId":"';

/**
 * Pure: sessions in brief. A session whose end line carries its summary is
 * read from that line alone; its start and exercise lines are only checked
 * (a damaged one is reported, as the full reader would), not parsed. Every
 * other session (interrupted, or written before summaries) is read in full,
 * exactly as parseHistory does.
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

  // Pass 2: lines of summarised sessions are checked; every other line goes to the full reader, by line number.
  const damagedLines: number[] = [];
  const rest: ParsedLine[] = [];
  for (let at = 0, i = 0; at < text.length; i++) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (end === at || endLines.has(at)) {
      at = next;
      continue;
    }
    // Start and exercise lines name their session near the front: no need to parse them to know whose they are.
    const kind = text.startsWith(EXERCISE_PREFIX, at) ? 'exercise' : text.startsWith(START_PREFIX, at) ? 'start' : null;
    const idStart = kind === 'exercise' ? at + EXERCISE_PREFIX.length : kind === 'start' ? text.indexOf(SESSION_ID, at) + SESSION_ID.length : -1;
    if (kind && idStart >= SESSION_ID.length && idStart < end) {
      const idEnd = text.indexOf('"', idStart);
      if (idEnd > idStart && idEnd < end && briefs.has(text.slice(idStart, idEnd))) {
        if (!isSoundLine(text, at, kind) && !isValidLine(parseLine(text.slice(at, end)))) damagedLines.push(i + 1);
        at = next;
        continue;
      }
    }
    const line = parseLine(text.slice(at, end));
    if (line && typeof line.sessionId === 'string' && briefs.has(line.sessionId)) {
      // Written in another shape (by hand?) but of a summarised session: only checked.
      if (!isValidLine(line)) damagedLines.push(i + 1);
    } else rest.push([i + 1, line]);
    at = next;
  }
  const full = replay(rest, (n) => damagedLines.push(n)).map((s) => ({ ...s, planned: s.planned.length }));
  for (const n of damagedLines.sort((a, b) => a - b)) damaged(n);
  return [...briefs.values(), ...full].sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
}

function parseLine(raw: string): Record<string, unknown> | undefined {
  try {
    const line: unknown = JSON.parse(raw);
    return line && typeof line === 'object' && !Array.isArray(line) ? (line as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A session-end line with its summary, as an overview; undefined for anything else. */
function summaryOf(raw: string): SessionOverview | undefined {
  const line = parseLine(raw);
  const summary = line && line.type === 'session-end' && isValidLine(line) ? (line.summary as SessionSummary | undefined) : undefined;
  if (!line || !summary || !Array.isArray(summary.exercises)) return undefined;
  return {
    sessionId: line.sessionId as string,
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

/** Whether the full reader can use this line: our version, a session id, and what its kind needs. Anything else is damaged. */
function isValidLine(line: Record<string, unknown> | undefined): boolean {
  if (!line || line.v !== FORMAT_VERSION || typeof line.sessionId !== 'string') return false;
  switch (line.type) {
    case 'session-start':
      return typeof line.startedAt === 'string' && Array.isArray(line.planned);
    case 'exercise': {
      const exercise = line.exercise as Partial<ExerciseRecord> | null | undefined;
      return typeof exercise === 'object' && exercise !== null && typeof exercise.id === 'string' && typeof exercise.status === 'string';
    }
    case 'session-end':
      return typeof line.status === 'string';
    default:
      return false;
  }
}

/** Applies these lines (in file order) to build whole sessions, newest first. */
function replay(lines: ParsedLine[], damaged: (lineNumber: number) => void): SessionRecord[] {
  const sessions = new Map<string, SessionRecord>();
  for (const [lineNumber, line] of lines) {
    if (line && isValidLine(line)) apply(sessions, line);
    else damaged(lineNumber);
  }
  const all = [...sessions.values()];
  for (const session of all) session.painStart = firstRating(session.exercises);
  return all.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
}

/** One valid line (see isValidLine) into its session. */
function apply(sessions: Map<string, SessionRecord>, line: Record<string, unknown>): void {
  const id = line.sessionId as string;
  switch (line.type) {
    case 'session-start': {
      const existing = sessions.get(id);
      sessions.set(id, {
        sessionId: id,
        startedAt: line.startedAt as string,
        routine: typeof line.routine === 'string' ? line.routine : 'custom',
        planned: line.planned as SessionRecord['planned'],
        status: existing?.status ?? 'interrupted',
        endedAt: existing?.endedAt ?? null,
        painStart: existing?.painStart ?? null,
        painEnd: existing?.painEnd ?? null,
        durationMs: existing?.durationMs ?? null,
        exercises: existing?.exercises ?? [],
      });
      return;
    }
    case 'exercise': {
      const exercise = line.exercise as ExerciseRecord;
      const session = sessions.get(id) ?? orphan(sessions, id, exercise.startedAt);
      session.exercises.push(exercise);
      if (session.endedAt === null && session.status === 'interrupted') session.durationMs = Date.parse(exercise.endedAt) - Date.parse(session.startedAt) || null;
      return;
    }
    case 'session-end': {
      const session = sessions.get(id) ?? orphan(sessions, id, String(line.endedAt));
      session.status = line.status as SessionRecord['status'];
      session.endedAt = typeof line.endedAt === 'string' ? line.endedAt : null;
      session.durationMs = typeof line.durationMs === 'number' ? line.durationMs : null;
      // Null when the session ended before its last pain question: never stand in another answer for it.
      session.painEnd = typeof line.painEnd === 'number' ? line.painEnd : null;
      return;
    }
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
