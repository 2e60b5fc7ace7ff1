// One row per exercise done, for a spreadsheet or a physiotherapist:
// CSV by RFC 4180 (fields with a comma, quote or line break are quoted).
import type { SessionRecord } from '../engine/record.js';

export const EXPORT_COLUMNS = ['date', 'session', 'routine', 'exercise', 'name', 'pain_before', 'reps_planned', 'reps_done', 'sides_planned', 'sides_done', 'status', 'session_status'] as const;

export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

/** Oldest first, as a spreadsheet reads best. */
export function exportRows(sessions: SessionRecord[]): ExportRow[] {
  return [...sessions].reverse().flatMap((s) =>
    s.exercises.map((e) => ({
      date: e.startedAt,
      session: s.sessionId,
      routine: s.routine,
      exercise: e.id,
      name: e.name,
      pain_before: e.painBefore,
      reps_planned: e.repsPlanned,
      reps_done: e.repsDone,
      sides_planned: e.sidesPlanned,
      sides_done: e.sidesDone,
      status: e.status,
      session_status: s.status,
    })),
  );
}

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: ExportRow[]): string {
  const lines = [EXPORT_COLUMNS.join(','), ...rows.map((row) => EXPORT_COLUMNS.map((c) => csvField(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
