// The report as one HTML file that a person can e-mail or print: no script,
// nothing fetched (no font, image or address; the Content-Security-Policy
// says so to the browser too), readable on a phone, and at most two A4 pages
// in print for six weeks of daily sessions. Plain words: the patient reads it too.
// On a phone the chart keeps a readable size and scrolls sideways, starting at
// the latest sessions (a right-to-left box: no script needed).
import { SAFETY_RULES } from '../catalogue/safety.js';
import { dayKey, plural, weekStart } from '../history/stats.js';
import { legendSwatch, painChartSvg, SERIES } from './chart.js';
import { cleanText, escapeHtml as h } from './escape.js';
import type { PainEventKind, ReportModel } from './model.js';
import { painRulesInWords } from './pain-rules.js';

export interface HtmlOptions {
  /** An exercise's figure as SVG, when the figures exist (src/figure/). */
  figureSvg?: (exerciseId: string) => string | undefined;
}

/** After a demonstration run wherever sessions are shown, as `history` marks them. */
const DEMO_MARK = ' <span class="demo">(demo)</span>';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** "Tue 2026-11-24", local. */
export const day = (iso: string) => {
  const d = new Date(iso);
  return `${DAYS[d.getDay()]} ${dayKey(d)}`;
};
const time = (iso: string) => {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/**
 * A figure from the figures renderer, inlined only if it is plainly a picture:
 * an <svg> with nothing that runs or fetches. Anything else is left out.
 */
export function safeFigure(svg: string | undefined): string | undefined {
  if (!svg) return undefined;
  const text = svg.trim().replace(/\s+xmlns(:\w+)?="[^"]*"/g, '');
  if (!/^<svg[\s>]/i.test(text) || !/<\/svg>$/i.test(text)) return undefined;
  if (/<\s*(script|foreignObject|image|use|a|style|iframe)\b|\son\w+\s*=|href|url\s*\(|@import|javascript:/i.test(text)) return undefined;
  return text;
}

const CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1a1a1a;background:#fff}
main{max-width:50rem;margin:0 auto;padding:1rem}
h1{font-size:1.45rem;margin:0 0 .2rem}
h2{font-size:1.1rem;margin:1.3rem 0 .4rem;padding-bottom:.1rem;border-bottom:1px solid #bbb}
p{margin:.3rem 0}
.muted{color:#555}
.demo{color:#8a4b00;white-space:nowrap}
.who{margin:.4rem 0}
.blank{display:inline-block;min-width:14rem;border-bottom:1px solid #888}
.boxes{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.5rem;margin:.6rem 0}
.box{border:1px solid #ccc;border-radius:6px;padding:.35rem .6rem}
.big{display:block;font-size:1.5rem;font-weight:600;line-height:1.2}
.scroll{overflow-x:auto}
.latest{direction:rtl}
.latest>*{direction:ltr}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.2rem .45rem;border-bottom:1px solid #e2e2e2;vertical-align:top}
th{font-weight:600;color:#333}
.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
th.n{white-space:normal}
.when{white-space:nowrap}
.barcell{width:45%}
.nowrap{white-space:nowrap}
.bar{display:inline-block;height:.65em;background:#1f4e8c;border-radius:2px;vertical-align:middle}
.bar.short{background:#b34700}
.chart{display:block;width:100%;height:auto;max-height:16rem}
.legend{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;margin:.2rem 0;font-size:.9em}
.swatch{vertical-align:middle;margin-right:.3rem}
ul{margin:.3rem 0;padding-left:1.2rem}
.fig svg{display:block;width:4.5rem;height:auto;max-height:4.5rem}
footer{margin-top:1.5rem;padding-top:.5rem;border-top:1px solid #bbb;font-size:.85em;color:#444}
@media (max-width:30rem){main{padding:.6rem}h1{font-size:1.25rem}th,td{padding:.2rem .3rem}.blank{min-width:9rem}.when{white-space:normal;width:6.5rem}.chart{min-width:34rem}.chart text{font-size:13px}.fig svg{width:2.8rem}.barcell{width:35%}}
@media print{
@page{size:A4;margin:11mm 12mm}
body{font-size:8.5pt;line-height:1.3}
main{max-width:none;padding:0}
h1{font-size:13pt}
h2{font-size:10pt;margin:.55rem 0 .2rem}
.boxes{grid-template-columns:repeat(4,1fr);gap:.3rem;margin:.3rem 0}
.box{padding:.15rem .4rem}
.big{font-size:12pt}
th,td{padding:.05rem .3rem}
.chart{max-height:52mm}
.two{columns:2;column-gap:1.2rem}
.two li{break-inside:avoid}
.fig svg{width:11mm;max-height:11mm}
section,table,tr,.chart{break-inside:avoid}
footer{margin-top:.6rem}
}`;

function weeksTable(model: ReportModel): string {
  // stats' weeks (the same figures); those wholly before the period are left out, so no week reads as "0" before it began.
  const firstWeek = dayKey(weekStart(new Date(`${model.from}T12:00:00`)));
  const weeks = model.figures.weeks.filter((w) => w.weekStart >= firstWeek);
  const target = model.sessionsPerWeek;
  const most = Math.max(1, target ?? 0, ...weeks.map((w) => w.sessions));
  // Demonstration runs that count in a week's number (with exercise done), said beside it.
  const demoIn = (week: string) => model.demoRuns.filter((r) => r.exerciseDone && dayKey(weekStart(new Date(r.startedAt))) === week).length;
  const rows = weeks.map((w) => {
    const demo = demoIn(w.weekStart);
    const short = target !== undefined && w.sessions < target;
    const bar = `<span class="bar${short ? ' short' : ''}" style="width:${((w.sessions / most) * 100).toFixed(1)}%"></span>`;
    const count = target !== undefined ? `<span data-figure="week-sessions">${w.sessions}</span> of ${target}` : `<span data-figure="week-sessions">${w.sessions}</span>`;
    return `<tr data-week="${h(w.weekStart)}"><td class="nowrap">${h(day(w.weekStart + 'T12:00:00'))}</td><td class="n">${count}${demo > 0 ? ` <span class="demo">(${demo} demo)</span>` : ''}</td><td class="barcell">${bar}</td></tr>`;
  });
  const head = `<tr><th>week of</th><th class="n">${target !== undefined ? 'sessions (of prescribed)' : 'sessions'}</th><th></th></tr>`;
  return `<p class="muted">Sessions with at least one exercise done, Monday to Sunday.</p><div class="scroll"><table class="weeks">${head}${rows.join('')}</table></div>`;
}

function programme(model: ReportModel): string {
  const out: string[] = [];
  for (const r of model.routines) {
    const when = r.sessions === 1 ? `once, on ${day(r.first)}` : `${plural(r.sessions, 'session')}, ${day(r.first)} to ${day(r.last)}`;
    const demo = r.demo === 0 ? '' : r.sessions === 1 ? DEMO_MARK : ` <span class="demo">(${r.demo} of them demo)</span>`;
    out.push(`<p><strong>Routine ${h(r.routine)}</strong>: ${h(when)}${demo}. Doses, as in the latest session:</p>`);
    if (r.exercises.length) out.push(`<ul class="two">${r.exercises.map((e) => `<li>${h(e.name)}: ${h(e.dose)}</li>`).join('')}</ul>`);
  }
  out.push(`<p><strong>Pain rules</strong> (backex stops or offers a skip by these):</p>`);
  for (const stretch of model.rules) {
    const source = `${stretch.recorded ? 'As set for these sessions' : "backex's standard rules"}${model.rules.length > 1 ? `, ${day(stretch.from)} to ${day(stretch.to)}` : ''}`;
    out.push(`<p class="muted">${h(source)}:</p><ul>${painRulesInWords(stretch.rules).map((w) => `<li>${h(w)}</li>`).join('')}</ul>`);
  }
  return out.join('');
}

function events(model: ReportModel): string {
  if (model.events.length === 0) return '<p>No session was stopped for pain, no exercise was skipped for pain, and p (it hurts) was never pressed.</p>';
  const rows = model.events.map(
    (e) => `<tr data-kind="${e.kind}"${e.demo ? ' data-demo="yes"' : ''}><td class="when"><span class="nowrap">${h(day(e.at))}</span> <span class="nowrap">${h(time(e.at))}</span>${e.demo ? DEMO_MARK : ''}</td><td>${h(e.what)}</td><td class="n">${e.pain ?? '-'}</td></tr>`,
  );
  const count = (kind: PainEventKind) => model.events.filter((e) => e.kind === kind && e.skippedForPain).length;
  // An exercise stopped with p (it hurts) is skipped for pain too, as the session's summary and stats say: counted in, and told apart.
  // So is the one a session stopped at (pain at or above the stop level before it): the Exercises table and stats count it skipped for pain.
  const stops = model.events.filter((e) => e.kind === 'pain-stop').length;
  const endedAtCheck = count('pain-stop');
  const atCheck = count('skipped-pain') + endedAtCheck;
  const pKey = count('p-key');
  const check = endedAtCheck > 0 ? `${atCheck} at the pain check before it, of which ${endedAtCheck} ended the session;` : `${atCheck} at the pain check before it,`;
  const summary = `${plural(stops, 'session')} stopped for pain; ${plural(atCheck + pKey, 'exercise')} skipped for pain (${check} ${pKey} with p, it hurts, during it).`;
  return `<p>${h(summary)}</p><div class="scroll"><table><tr><th>when</th><th>what happened</th><th class="n">pain</th></tr>${rows.join('')}</table></div>`;
}

function notes(model: ReportModel): string {
  if (model.notes.length === 0) return '<p class="muted">No notes: at the end of a session you can write one line about how it went.</p>';
  return `<ul class="two">${model.notes.map((n) => `<li><span class="nowrap muted">${h(day(n.at))}:</span>${n.demo ? DEMO_MARK : ''} ${h(n.text)}</li>`).join('')}</ul>`;
}

function exercises(model: ReportModel, figureSvg: HtmlOptions['figureSvg']): string {
  const doses = new Map<string, string>();
  for (const r of [...model.routines].reverse()) for (const e of r.exercises) doses.set(e.id, e.dose);
  const anyFigure = model.figures.exercises.map((e) => safeFigure(figureSvg?.(e.id)));
  const withFigures = anyFigure.some(Boolean);
  const rows = model.figures.exercises.map((e, i) => {
    const figure = withFigures ? `<td class="fig">${anyFigure[i] ?? ''}</td>` : '';
    const dose = doses.get(e.id);
    return `<tr data-exercise="${h(e.id)}">${figure}<td>${h(e.name)}${dose ? `<br><span class="muted">${h(dose)}</span>` : ''}</td><td class="n"><span data-figure="done">${e.done}</span> of <span data-figure="attempted">${e.attempted}</span></td><td class="n" data-figure="skippedPain">${e.skippedPain}</td><td class="n" data-figure="skipped">${e.skipped + e.stopped}</td></tr>`;
  });
  const head = `<tr>${withFigures ? '<th></th>' : ''}<th>exercise</th><th class="n">done</th><th class="n">skipped for pain</th><th class="n">skipped, or the session ended</th></tr>`;
  return `<div class="scroll"><table>${head}${rows.join('')}</table></div>`;
}

export function reportHtml(model: ReportModel, { figureSvg }: HtmlOptions = {}): string {
  const f = model.figures;
  const days = Math.round((Date.parse(`${model.to}T12:00:00`) - Date.parse(`${model.from}T12:00:00`)) / 86_400_000);
  const span = days < 14 ? plural(Math.max(1, days), 'day') : days < 16 * 7 ? plural(Math.round(days / 7), 'week') : days < 730 ? plural(Math.round(days / 30.44), 'month') : plural(Math.round(days / 365.25), 'year');
  const notCounted = f.sessions - f.sessionsWithExercise;
  const mornings = f.pain.points.filter((p) => p.nextMorning !== null).length;
  const demos = model.demoRuns.length;
  const started = [notCounted > 0 ? `${notCounted} with no exercise completed` : '', demos > 0 ? `${demos} of them ${demos === 1 ? 'a demonstration run' : 'demonstration runs'}` : ''].filter(Boolean);
  const title = `Back exercises at home: ${model.from} to ${model.to}`;
  const body = [
    `<header><h1>Back exercises at home</h1>`,
    `<p>From <strong>${h(day(model.from + 'T12:00:00'))}</strong> to <strong>${h(day(model.to + 'T12:00:00'))}</strong> (about ${span}), made by backex on ${h(day(model.madeAt))} at ${h(time(model.madeAt))}.</p>`,
    `<p class="who">Name: <span class="blank"></span></p>`,
    model.demoLeftOut > 0 ? `<p class="muted">${plural(model.demoLeftOut, 'demonstration run')} (sped up, not real sessions) ${model.demoLeftOut === 1 ? 'is' : 'are'} left out.</p>` : '',
    // --include-demo: counted in every figure below, so the reader must know, and see which.
    demos > 0 ? `<p data-figure="demoIncluded">${h(`${plural(demos, 'demonstration run')} (sped up with BACKEX_TIME_SCALE, not real sessions) ${demos === 1 ? 'is' : 'are'} included, as asked with --include-demo: counted in the figures below, and marked (demo) wherever sessions are listed; in the chart, with a hollow marker.`)}</p>` : '',
    `</header>`,
    `<section id="summary"><div class="boxes">`,
    `<div class="box"><span class="big" data-figure="sessionsWithExercise">${f.sessionsWithExercise}</span>${f.sessionsWithExercise === 1 ? 'session' : 'sessions'} with exercise done</div>`,
    `<div class="box"><span class="big" data-figure="sessions">${f.sessions}</span>${f.sessions === 1 ? 'session' : 'sessions'} started${started.length > 0 ? ` (${started.join('; ')})` : ''}</div>`,
    `<div class="box"><span class="big" data-figure="streakDays">${f.streakDays}</span>${f.streakDays === 1 ? 'day' : 'days'} in a row so far</div>`,
    `<div class="box"><span class="big">${mornings}</span>next-morning ${mornings === 1 ? 'check-in' : 'check-ins'}</div>`,
    `</div><p data-figure="trend">${h(f.pain.summary)}</p></section>`,
    `<section id="programme"><h2>What was done</h2>${programme(model)}</section>`,
    `<section id="weeks"><h2>Sessions per week</h2>${model.sessionsPerWeek !== undefined ? `<p>Prescribed: ${plural(model.sessionsPerWeek, 'session')} a week.</p>` : ''}${weeksTable(model)}</section>`,
    `<section id="pain"><h2>Pain, from 0 (none) to 10 (worst)</h2>`,
    f.pain.points.length === 0
      ? '<p>No pain ratings in this period.</p>'
      : `<div class="legend">${SERIES.filter((s) => s.key === 'start' || f.pain.points.some((p) => (s.key === 'end' ? p.end : p.nextMorning) !== null))
          .map((s) => `<span>${legendSwatch(s.key)}${h(s.label)}</span>`)
          .join('')}${demos > 0 ? `<span>${legendSwatch('start', true)}a demonstration run (demo)</span>` : ''}</div><div class="scroll latest">${painChartSvg(f.pain.points, { demo: new Set(model.demoRuns.map((r) => r.startedAt)) })}</div>${mornings === 0 ? '<p class="muted">No next-morning check-ins in this period: <code>backex checkin</code> asks how your back is the morning after a session.</p>' : ''}`,
    `</section>`,
    `<section id="events"><h2>Pain stops and skips</h2>${events(model)}</section>`,
    `<section id="notes"><h2>Notes</h2>${notes(model)}</section>`,
    `<section id="exercises"><h2>Exercises</h2>${exercises(model, figureSvg)}</section>`,
    `<footer><p>${h(SAFETY_RULES[0])} backex gives no advice beyond its exercise page, and it does not replace a physician or physiotherapist.</p></footer>`,
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<link rel="icon" href="data:,">
<title>${h(cleanText(title))}</title>
<style>${CSS}</style>
</head>
<body><main>
${body}
</main></body>
</html>
`;
}
