// `backex stats`: adherence, completion per exercise, and the pain trend.
import asciichart from 'asciichart';
import { readOverviews } from '../history/read.js';
import { didExercise, noneSince, exerciseCompletion, painTrend, parseSince, plural, since, streakDays, trendInWords, weeklyCounts } from '../history/stats.js';
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
  { header: 'skipped', min: 0, align: 'right' },
];

export async function run(_args: string[], options: Record<string, unknown>): Promise<void> {
  const now = new Date();
  const warn = (m: string) => process.stderr.write(`${colour().yellow(`backex: ${m}`)}\n`);
  const from = options.since ? parseSince(String(options.since), now) : undefined;
  const all = readOverviews({ warn, includeDemo: Boolean(options.includeDemo) });
  const sessions = since(all, from);
  const withExercise = sessions.filter(didExercise).length;
  const weeks = weeklyCounts(sessions, now, 8, from);
  const streak = streakDays(sessions, now);
  const completion = exerciseCompletion(sessions);
  const trend = painTrend(sessions);
  if (options.json) {
    printJson({ sessions: sessions.length, sessionsWithExercise: withExercise, streakDays: streak, weeks, exercises: completion, pain: { ...trend, summary: trendInWords(trend) } });
    return;
  }
  const c = colour();
  const width = outputWidth();
  if (sessions.length === 0) {
    print(
      all.length > 0 && from
        ? noneSince(from, all.length, 'stats', 'covers')
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
  const notCounted = nothingDone > 0 ? `, not counting ${nothingDone} that ended before any exercise was done` : '';
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
  out.push(...wrap(trendInWords(trend), width - 2).map((l) => `  ${l}`));
  print(out);
}
