// `backex stats`: adherence, completion per exercise, and the pain trend.
import asciichart from 'asciichart';
import { readOverviews } from '../history/read.js';
import { dayKey, historyFigures, noneSince, onlyDemonstrations, parseSince, plural, selectSessions, type PainPoint } from '../history/stats.js';
import { colour } from '../terminal/colour.js';
import { renderTable, type Column } from '../terminal/table.js';
import { visible } from '../terminal/visible.js';
import { outputWidth, prepareText, wrap } from '../terminal/width.js';
import { print, printJson } from './common.js';

const COMPLETION: Column[] = [
  { header: 'exercise', min: 8, flex: true },
  { header: 'done', min: 0, align: 'right' },
  { header: 'of', min: 0, align: 'right' },
  { header: 'skipped: pain', min: 0, align: 'right' },
  // s (skipped), and an exercise the session ended during (q, Ctrl-C): both not finished, neither for pain.
  { header: 'skipped or ended', min: 0, align: 'right' },
];

export async function run(_args: string[], options: Record<string, unknown>): Promise<void> {
  const now = new Date();
  const warn = (m: string) => process.stderr.write(`${colour().yellow(`backex: ${m}`)}\n`);
  const from = options.since ? parseSince(String(options.since), now) : undefined;
  // Every session, demo runs included (the reader's includeDemo; a plain object, as readers before it had no such option):
  // selectSessions leaves them out unless asked, as report does.
  const readOptions = { warn, includeDemo: true };
  const all = readOverviews(readOptions);
  const sessions = selectSessions(all, { from, includeDemo: Boolean(options.includeDemo) });
  // The same figures `backex report` shows, from the same function.
  const figures = historyFigures(sessions, now, from);
  const { sessionsWithExercise: withExercise, weeks, streakDays: streak, exercises: completion, pain: trend } = figures;
  if (options.json) {
    printJson(figures);
    return;
  }
  const c = colour();
  const width = outputWidth();
  if (sessions.length === 0) {
    const real = selectSessions(all, {});
    print(
      real.length > 0 && from
        ? noneSince(from, real.length, 'stats', 'covers')
        : all.length > 0 && !options.includeDemo
          ? onlyDemonstrations('see')
          : ['No sessions yet, so nothing to show. Start with: backex session --core', 'Each session asks about your pain before every exercise; here you will see whether it is going down.'],
    );
    return;
  }
  // Names from the history are shown, never obeyed (an old line may hold control characters).
  const names = completion.map((e) => visible(e.name));
  await prepareText(names);
  const out: string[] = [];
  out.push(c.bold('Sessions per week'), '');
  const most = Math.max(1, ...weeks.map((w) => w.sessions));
  for (const w of weeks) out.push(`  ${c.dim(`week of ${w.weekStart}`)}  ${'#'.repeat(Math.round((w.sessions / most) * 20)).padEnd(20)} ${w.sessions}`);
  const nothingDone = sessions.length - withExercise;
  const notCounted = nothingDone > 0 ? `, not counting ${nothingDone} in which no exercise was completed` : '';
  const streakText = streak > 0 ? `${plural(streak, 'day')} in a row so far` : 'no exercise today or yesterday';
  out.push('', ...wrap(`${plural(withExercise, 'session')}${from ? ' in this time' : ' in all'}${notCounted}; ${streakText}.`, width - 2).map((l) => `  ${l}`), '');

  out.push(c.bold('Exercises'), '');
  out.push(...renderTable(COMPLETION, completion.map((e, i) => [names[i]!, String(e.done), String(e.attempted), String(e.skippedPain), String(e.skipped + e.stopped)]), width - 2, (h) => c.dim(h)).map((l) => `  ${l}`), '');

  out.push(c.bold('Pain at the start of each session'), '');
  const pains = trend.points.map((p) => p.pain);
  if (pains.length >= 2) {
    // One point per session, squeezed to fit the width (the chart needs about 12 columns for its axis).
    const room = Math.max(10, width - 14);
    const series = pains.length > room ? Array.from({ length: room }, (_, i) => pains[Math.floor((i * pains.length) / room)]!) : pains;
    const chart = asciichart.plot(series, { height: 10, min: 0, max: 10, format: (x: number) => x.toFixed(0).padStart(4) });
    out.push(...chart.split('\n').map((l) => `  ${l}`));
    out.push(c.dim(`  ${trend.points[0]!.date.slice(0, 10)} ... ${trend.points.at(-1)!.date.slice(0, 10)}`), '');
  }
  out.push(...wrap(trend.summary, width - 2).map((l) => `  ${l}`));
  const mornings = trend.points.filter((p) => p.nextMorning !== null);
  if (mornings.length > 0) out.push('', c.bold('Pain at the start, at the end, and the next morning'), '', ...nextMorningLines(trend.points));
  print(out);
}

/** The latest sessions' pain beside the next morning's (from `backex checkin`), newest last; "-" where not asked. */
export function nextMorningLines(points: PainPoint[], count = 7): string[] {
  const shown = points.slice(-count);
  const lines = shown.map((p) => `  ${dayKey(new Date(p.date))}  ${String(p.pain).padStart(2)} -> ${String(p.end ?? '-').padStart(2)}   next morning ${p.nextMorning ?? '-'}`);
  if (points.length > shown.length) lines.unshift(`  (the latest ${shown.length} of ${points.length}; backex report shows them all)`);
  return lines;
}
