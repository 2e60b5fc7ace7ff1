// `backex history`: recent sessions, newest first.
import type { SessionOverview, SessionStatus } from '../engine/record.js';
import { readOverviews, readSessions } from '../history/read.js';
import { noneSince, parseSince, since } from '../history/stats.js';
import { colour } from '../terminal/colour.js';
import { renderTable, type Column } from '../terminal/table.js';
import { visible } from '../terminal/visible.js';
import { outputWidth, prepareText } from '../terminal/width.js';
import { print, printJson } from './common.js';
import { formatDuration } from '../catalogue/dose.js';

export const STATUS_WORDS: Record<SessionStatus, string> = { finished: 'finished', quit: 'ended early', 'pain-stop': 'pain stop', interrupted: 'interrupted' };

const COLUMNS: Column[] = [
  { header: 'when', min: 0 },
  { header: 'routine', min: 6, flex: true },
  { header: 'done', min: 0 },
  { header: 'pain', min: 0 },
  { header: 'time', min: 0 },
  { header: 'ended', min: 8, flex: true },
];

function when(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

export function historyRow(s: SessionOverview): string[] {
  const done = s.exercises.filter((e) => e.status === 'done').length;
  const planned = s.planned || s.exercises.length;
  // No end rating when the session ended before the last pain question; the next morning's only when checked in.
  const start = s.painStart === null ? '-' : `${s.painStart} -> ${s.painEnd ?? '-'}`;
  const pain = s.checkin ? `${start} -> ${s.checkin.pain}` : start;
  const ended = STATUS_WORDS[s.status] ?? s.status;
  // Text from the file is shown, never obeyed (an old line may hold control characters).
  return [when(s.startedAt), visible(s.routine), `${done}/${planned}`, pain, s.durationMs === null ? '-' : formatDuration(s.durationMs / 1000), s.demo ? `${ended} (demo)` : ended];
}

export async function run(_args: string[], options: Record<string, unknown>): Promise<void> {
  const warn = (m: string) => process.stderr.write(`${colour().yellow(`backex: ${m}`)}\n`);
  const from = options.since ? parseSince(String(options.since), new Date()) : undefined;
  if (options.json) {
    // Every session in full; --limit only when asked.
    const all = since(readSessions({ warn, includeDemo: true }), from);
    printJson(options.limit === undefined ? all : all.slice(0, options.limit as number));
    return;
  }
  const all = readOverviews({ warn, includeDemo: true });
  const sessions = since(all, from);
  const limited = sessions.slice(0, (options.limit as number | undefined) ?? 20);
  if (sessions.length === 0) {
    print(all.length > 0 && from ? noneSince(from, all.length, 'history', 'lists') : 'No sessions yet. Start one with: backex session --core');
    return;
  }
  const c = colour();
  const rows = limited.map(historyRow);
  await prepareText(rows.flat());
  const out = renderTable(COLUMNS, rows, outputWidth(), (h) => c.dim(h));
  if (sessions.length > limited.length) out.push(c.dim(`(${sessions.length - limited.length} older; --limit ${sessions.length} shows all)`));
  const checked = limited.some((s) => s.checkin);
  out.push(c.dim(`Pain is at the start -> at the end${checked ? ' -> the next morning (backex checkin)' : ''} (0 none, 10 worst). More: backex stats`));
  if (limited.some((s) => s.demo)) out.push(c.dim('(demo): run sped up with BACKEX_TIME_SCALE; not counted by stats or the export.'));
  print(out);
}
