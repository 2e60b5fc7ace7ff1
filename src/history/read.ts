// Reading history back into sessions, newest first. A damaged line (a torn
// write, a hand edit, an unknown version, a field of the wrong type or out of
// range: see valid.ts) is reported once with its line number and what is
// wrong with it, and skipped; nothing else is lost, and the file is never
// rewritten. Only a refused line is explained (whyDamaged), so reading stays fast.
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import type { Checkin, SessionOverview, SessionRecord, SessionSummary } from '../engine/record.js';
import { describeFileError, UsageError } from '../errors.js';
import { historyFile } from '../paths.js';
import { visible } from '../terminal/visible.js';
import { soundLine, type StartExtras } from './line-shape.js';
import { DURATION_MAX, isValidLine, shownValue, whyInvalid } from './valid.js';

export interface ReadOptions {
  env?: NodeJS.ProcessEnv;
  file?: string;
  warn: (message: string) => void;
  /** Keep sessions run sped up (BACKEX_TIME_SCALE); left out by default, as they are not exercise done. */
  includeDemo?: boolean;
}

/** "it is a symbolic link ...": the one wording for reading and writing the history. */
export const linkRefusal = (file: string, doing: 'read' | 'write') =>
  `cannot ${doing} ${visible(file)}: it is a symbolic link, and backex never follows one for your history (another user could have put it there). Move the real file into its place, or remove the link`;

// O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below, as anything else not a plain file.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

function readText(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, READ_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return '';
    if (code === 'ELOOP') throw new UsageError(linkRefusal(file, 'read'));
    throw new UsageError(describeFileError(error, visible(file), 'read'));
  }
  try {
    const kind = fstatSync(fd);
    if (kind.isDirectory()) throw new UsageError(`cannot read ${visible(file)}: it is a folder`);
    // A history is a plain file; anything else (a device like /dev/full, a pipe) could never end.
    if (!kind.isFile()) throw new UsageError(`cannot read ${visible(file)}: it is not a plain file, so it cannot hold your history`);
    // Buffer then decode: on Node 20 this is twice as fast as reading it as 'utf8' for a large file.
    return readFileSync(fd).toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(describeFileError(error, visible(file), 'read'));
  } finally {
    closeSync(fd);
  }
}

/** Told of each damaged line, in file order: its number, and what is wrong with it in words (control characters already made visible). */
export type Damaged = (lineNumber: number, why: string) => void;

const damagedWarning =
  (file: string, warn: (m: string) => void): Damaged =>
  (line, why) =>
    warn(`history line ${line} is damaged and was skipped (${visible(file)}): ${why}; the rest is read as usual.`);

const real = <S extends { demo: boolean }>(sessions: S[], includeDemo: boolean | undefined) => (includeDemo ? sessions : sessions.filter((s) => !s.demo));

/** Every session in full (for --json and export), newest first. */
export function readSessions({ env = process.env, file = historyFile(env), warn, includeDemo }: ReadOptions): SessionRecord[] {
  return real(parseHistory(readText(file), damagedWarning(file, warn)), includeDemo);
}

/** Every session in brief (for stats and the history table), newest first; fast on years of history. */
export function readOverviews({ env = process.env, file = historyFile(env), warn, includeDemo }: ReadOptions): SessionOverview[] {
  return real(parseOverviews(readText(file), damagedWarning(file, warn)), includeDemo);
}

/** Pure: the text of a history file to sessions, newest first (demo sessions included). */
export function parseHistory(text: string, damaged: Damaged): SessionRecord[] {
  const parsed: ParsedLine[] = [];
  text.split('\n').forEach((raw, i) => raw !== '' && parsed.push(parsedLine(i + 1, raw)));
  return replay(parsed, damaged);
}

/** A line's number and its JSON object; when it is not one, undefined and the line's text (to say why). */
type ParsedLine = [lineNumber: number, line: Record<string, unknown> | undefined, raw?: string];

function parsedLine(lineNumber: number, raw: string): ParsedLine {
  const line = parseLine(raw);
  return line ? [lineNumber, line] : [lineNumber, undefined, raw];
}

/** Why a line the readers refused is damaged, in words: not JSON (and how), or the field that is wrong (valid.ts). */
export function whyDamaged(line: Record<string, unknown> | undefined, raw = ''): string {
  if (line) return whyInvalid(line) ?? 'it is not a line backex can use';
  if (raw.trim() === '') return 'it is blank but for spaces';
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    const message = (error as Error).message;
    // V8's words (Node 20): "Unexpected end of JSON input", "Unterminated string in JSON at position 7", "Unexpected token 'd', ..."
    const at = /at position (\d+)/.exec(message);
    // Or a place at its very end ("Expected ',' or '}' after property value ... at position 130" of 130).
    if (/end of JSON input|Unterminated string/.test(message) || (at && Number(at[1]) >= raw.trimEnd().length)) return 'it ends part-way (a write cut short, or a line broken in two?)';
    if (at && /after JSON/.test(message)) return `more follows its JSON object, from character ${Number(at[1]) + 1} (two lines run together?)`;
    if (at) return `it is not valid JSON at character ${Number(at[1]) + 1}`;
    const token = /^Unexpected token '(.+?)'/.exec(message);
    return token ? `it is not valid JSON (${shownValue(token[1])} where it does not belong)` : 'it is not valid JSON';
  }
  return `it is ${shownValue(value)}, expected a JSON object { }`;
}

// Lines as our store writes them (JSON.stringify keeps key order), so a prefix says what a line is.
const EXERCISE_PREFIX = '{"v":1,"type":"exercise","sessionId":"';
const START_PREFIX = '{"v":1,"type":"session-start","pid":';
const END_PREFIX = '{"v":1,"type":"session-end"';
const CHECKIN_PREFIX = '{"v":1,"type":"checkin","sessionId":"';
const SESSION_ID = '"sessionId":"';

/**
 * Pure: sessions in brief (demo sessions included). A session whose end line
 * carries its summary is read from that line alone; its start and exercise
 * lines are only checked (a damaged one is reported, as the full reader
 * would), not parsed, and its start line's time scale and pain rules taken.
 * Every other session (interrupted, or written before summaries) is read in
 * full, exactly as parseHistory does.
 */
export function parseOverviews(text: string, damaged: Damaged): SessionOverview[] {
  // Pass 1: the end lines with a summary, found by a native search rather than line by line.
  const briefs = new Map<string, SessionOverview>();
  const endLines = new Set<number>();
  /** Where each summarised session's end line is: a later end line for it (a hand edit) wins, as in the full reader. */
  const endAt = new Map<string, number>();
  for (let at = text.startsWith(END_PREFIX) ? 0 : text.indexOf(`\n${END_PREFIX}`); at >= 0; at = text.indexOf(`\n${END_PREFIX}`, at + 1)) {
    const from = text[at] === '\n' ? at + 1 : at;
    let end = text.indexOf('\n', from);
    if (end < 0) end = text.length;
    const brief = summaryOf(text.slice(from, end));
    if (brief && !briefs.has(brief.sessionId)) {
      briefs.set(brief.sessionId, brief);
      endLines.add(from);
      endAt.set(brief.sessionId, from);
    }
  }

  // Pass 2: lines of summarised sessions are checked; every other line goes to the full reader, by line number.
  const damagedLines: [lineNumber: number, why: string][] = [];
  const rest: ParsedLine[] = [];
  for (let at = 0, i = 0; at < text.length; i++) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (end === at || endLines.has(at)) {
      at = next;
      continue;
    }
    // Start, exercise and check-in lines name their session near the front: no need to parse them to know whose they are.
    const kind = text.startsWith(EXERCISE_PREFIX, at) ? 'exercise' : text.startsWith(START_PREFIX, at) ? 'start' : text.startsWith(CHECKIN_PREFIX, at) ? 'checkin' : null;
    const idStart = kind === 'exercise' ? at + EXERCISE_PREFIX.length : kind === 'checkin' ? at + CHECKIN_PREFIX.length : kind === 'start' ? text.indexOf(SESSION_ID, at) + SESSION_ID.length : -1;
    if (kind && idStart >= SESSION_ID.length && idStart < end) {
      const idEnd = text.indexOf('"', idStart);
      const id = idEnd > idStart && idEnd < end ? text.slice(idStart, idEnd) : '';
      // An id with an escape in it is read by the full parse below (its raw text is not the id).
      const brief = id && !id.includes('\\') ? briefs.get(id) : undefined;
      const extras = brief && soundLine(text, at, end, kind);
      if (brief && extras) {
        if (kind === 'start') startInto(brief, extras);
        else if (extras.checkin) brief.checkin = extras.checkin;
        at = next;
        continue;
      }
    }
    const parsed = parsedLine(i + 1, text.slice(at, end));
    const line = parsed[1];
    const brief = line && typeof line.sessionId === 'string' ? briefs.get(line.sessionId) : undefined;
    if (brief) {
      // Another shape (by hand?), a damaged line, or a check-in, of a summarised session: checked, and what it adds kept.
      if (!isValidLine(line)) damagedLines.push([i + 1, whyDamaged(line)]);
      else if (line!.type === 'session-start') startInto(brief, line as StartExtras);
      else if (line!.type === 'checkin') brief.checkin = checkinOf(line!);
      else if (line!.type === 'session-end' && at > endAt.get(brief.sessionId)!) endInto(brief, line!);
    } else rest.push(parsed);
    at = next;
  }
  const full = replay(rest, (n, why) => damagedLines.push([n, why])).map((s): SessionOverview => ({ ...s, planned: s.planned.length }));
  for (const [n, why] of damagedLines.sort((a, b) => a[0] - b[0])) damaged(n, why);
  return [...briefs.values(), ...full].sort(newestFirst);
}

function parseLine(raw: string): Record<string, unknown> | undefined {
  try {
    const line: unknown = JSON.parse(raw);
    return line && typeof line === 'object' && !Array.isArray(line) ? (line as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A valid session-end line with its summary, as an overview; undefined for anything else. */
function summaryOf(raw: string): SessionOverview | undefined {
  const line = parseLine(raw);
  if (!line || line.type !== 'session-end' || line.summary === undefined || !isValidLine(line)) return undefined;
  const summary = line.summary as SessionSummary;
  const overview: SessionOverview = {
    sessionId: line.sessionId as string,
    startedAt: summary.startedAt,
    routine: summary.routine,
    planned: summary.planned,
    status: line.status as SessionOverview['status'],
    endedAt: line.endedAt as string,
    painStart: firstRating(summary.exercises),
    painEnd: line.painEnd as number | null,
    durationMs: line.durationMs as number,
    exercises: summary.exercises,
    timeScale: 1,
    demo: false,
  };
  if (typeof line.note === 'string') overview.note = line.note;
  return overview;
}

/** A start line's time scale and pain rules into its session (a fresh one: no `delete`, which would slow every later read of it). */
function startInto(session: SessionOverview | SessionRecord, { timeScale, painRules }: StartExtras): void {
  session.timeScale = timeScale ?? 1;
  session.demo = session.timeScale !== 1;
  if (painRules) session.painRules = { ...painRules };
}

const checkinOf = (line: Record<string, unknown>): Checkin => ({ at: line.at as string, pain: line.pain as number, felt: (line.felt ?? null) as Checkin['felt'] });

// Ties (two sessions started in the same millisecond) by id, so both readers list them alike.
const newestFirst = (a: { startedAt: string; sessionId: string }, b: { startedAt: string; sessionId: string }) =>
  a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.sessionId < b.sessionId ? 1 : a.sessionId > b.sessionId ? -1 : 0;

/** Applies these lines (in file order) to build whole sessions, newest first. */
function replay(lines: ParsedLine[], damaged: Damaged): SessionRecord[] {
  const sessions = new Map<string, SessionRecord>();
  // A check-in may come before a damaged session's other lines are known: kept aside, the latest for each session wins.
  const checkins = new Map<string, Checkin>();
  for (const [lineNumber, line, raw] of lines) {
    if (!line || !isValidLine(line)) damaged(lineNumber, whyDamaged(line, raw));
    else if (line.type === 'checkin') checkins.set(line.sessionId as string, checkinOf(line));
    else apply(sessions, line);
  }
  const all = [...sessions.values()];
  for (const session of all) {
    session.painStart = firstRating(session.exercises);
    const checkin = checkins.get(session.sessionId);
    if (checkin) session.checkin = checkin;
  }
  return all.sort(newestFirst);
}

/** One valid line (see isValidLine) into its session. */
function apply(sessions: Map<string, SessionRecord>, line: Record<string, unknown>): void {
  const id = line.sessionId as string;
  switch (line.type) {
    case 'session-start': {
      const existing = sessions.get(id);
      const session: SessionRecord = {
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
        timeScale: 1,
        demo: false,
        ...(existing?.note !== undefined && { note: existing.note }),
      };
      startInto(session, line as StartExtras);
      sessions.set(id, session);
      return;
    }
    case 'exercise': {
      const exercise = line.exercise as SessionRecord['exercises'][number];
      const session = sessions.get(id) ?? orphan(sessions, id, exercise.startedAt);
      session.exercises.push(exercise);
      if (session.endedAt === null && session.status === 'interrupted') session.durationMs = elapsed(session.startedAt, exercise.endedAt);
      return;
    }
    case 'session-end': {
      // Its start line lost: the summary, when there is one, still says when it started and what it was.
      const summary = line.summary as SessionSummary | undefined;
      const session = sessions.get(id) ?? orphan(sessions, id, line.endedAt as string);
      if (summary && orphans.has(session)) {
        session.startedAt = summary.startedAt;
        session.routine = summary.routine;
      }
      endInto(session, line);
      return;
    }
  }
}

/** A valid end line into its session. */
function endInto(session: SessionRecord | SessionOverview, line: Record<string, unknown>): void {
  session.status = line.status as SessionRecord['status'];
  session.endedAt = line.endedAt as string;
  session.durationMs = line.durationMs as number;
  // Null when the session ended before its last pain question: never stand in another answer for it.
  session.painEnd = line.painEnd as number | null;
  if (typeof line.note === 'string') session.note = line.note;
}

/** Time from start to a later moment; null if the clock went backwards (a hand edit) or it is not a session's length. */
function elapsed(from: string, to: string): number | null {
  const ms = Date.parse(to) - Date.parse(from);
  return ms > 0 && ms <= DURATION_MAX ? ms : null;
}

/** Sessions read without their start line, until one comes. */
const orphans = new WeakSet<SessionRecord>();

/** A session whose start line was lost: kept, so its exercises are not. */
function orphan(sessions: Map<string, SessionRecord>, id: string, startedAt: string): SessionRecord {
  const session: SessionRecord = { sessionId: id, startedAt, routine: 'unknown', planned: [], status: 'interrupted', endedAt: null, painStart: null, painEnd: null, durationMs: null, exercises: [], timeScale: 1, demo: false };
  sessions.set(id, session);
  orphans.add(session);
  return session;
}

function firstRating(exercises: { painBefore: number | null }[]): number | null {
  return exercises.find((e) => typeof e.painBefore === 'number')?.painBefore ?? null;
}
