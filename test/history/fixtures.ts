import type { ExerciseRecord, ExerciseStatus, SessionRecord, SessionStatus } from '../../src/engine/record.js';
import type { HistoryLine } from '../../src/history/store.js';

const dose = { reps: 10, holdSeconds: 5, sides: 'none' as const };

export function exerciseRecord(id: string, status: ExerciseStatus, painBefore: number | null, at: string, name = id): ExerciseRecord {
  return { id, name, dose, painBefore, repsPlanned: 10, repsMinimum: 10, repsDone: status === 'done' ? 10 : 3, sidesPlanned: 1, sidesDone: status === 'done' ? 1 : 0, status, restarts: 0, startedAt: at, endedAt: at };
}

/** History lines for one session starting at a local date and time. */
export function sessionLines(id: string, start: Date, pains: number[], status: SessionStatus | null = 'finished', statuses: ExerciseStatus[] = [], withSummary = false): HistoryLine[] {
  const at = start.toISOString();
  const exercises = pains.map((p, i) => exerciseRecord(`ex-${i + 1}`, statuses[i] ?? 'done', p, at));
  const lines: HistoryLine[] = [
    { v: 1, type: 'session-start', pid: 1, sessionId: id, startedAt: at, routine: 'core', planned: exercises.map((e) => ({ id: e.id, name: e.name, dose })) },
    ...exercises.map((exercise) => ({ v: 1 as const, type: 'exercise' as const, sessionId: id, exercise })),
  ];
  const summary = { startedAt: at, routine: 'core', planned: exercises.length, exercises: exercises.map(({ id: e, name, status: st, painBefore }) => ({ id: e, name, status: st, painBefore })) };
  if (status) lines.push({ v: 1, type: 'session-end', sessionId: id, endedAt: at, status, painEnd: pains.at(-1) ?? null, durationMs: 600_000, ...(withSummary && { summary }) });
  return lines;
}

export function toText(lines: HistoryLine[]): string {
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

/** A session as read back; by default one exercise done, `nothingDone` for one ended at its first pain check. */
export function session(id: string, start: Date, painStart: number | null, status: SessionStatus = 'finished', nothingDone = false): SessionRecord {
  const exercise = exerciseRecord('ex-1', nothingDone ? 'skipped-pain' : 'done', painStart, start.toISOString());
  return { sessionId: id, startedAt: start.toISOString(), routine: 'core', planned: [], status, endedAt: null, painStart, painEnd: painStart, durationMs: 1, exercises: [exercise], timeScale: 1, demo: false };
}
