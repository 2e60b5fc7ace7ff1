// The report's pain chart: every session's pain at the start, at the end and
// the next morning, as inline SVG (no script, no font or image to fetch).
// Pure: the same points always give the same text. Three series told apart by
// line style and marker shape as well as colour, so it reads in black and white.
import { dayKey, type PainPoint } from '../history/stats.js';

export const SERIES = [
  { key: 'start', label: 'at the start', colour: '#1f4e8c', dash: '', marker: 'circle' },
  { key: 'end', label: 'at the end', colour: '#b34700', dash: '6 3', marker: 'square' },
  { key: 'nextMorning', label: 'the next morning', colour: '#2e7d32', dash: '1.5 3', marker: 'diamond' },
] as const;

export type SeriesKey = (typeof SERIES)[number]['key'];

/** Above this many sessions the markers are left out (lines only): they would only blur together. */
export const MARKERS_UP_TO = 90;

const valueOf = (p: PainPoint, key: SeriesKey): number | null => (key === 'start' ? p.pain : key === 'end' ? p.end : p.nextMorning);
const fmt = (n: number) => String(Math.round(n * 10) / 10);

function marker(shape: (typeof SERIES)[number]['marker'], x: number, y: number, attrs: string): string {
  if (shape === 'circle') return `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="3" ${attrs}/>`;
  if (shape === 'square') return `<rect x="${fmt(x - 2.6)}" y="${fmt(y - 2.6)}" width="5.2" height="5.2" ${attrs}/>`;
  return `<path d="M${fmt(x)} ${fmt(y - 3.6)}L${fmt(x + 3.6)} ${fmt(y)}L${fmt(x)} ${fmt(y + 3.6)}L${fmt(x - 3.6)} ${fmt(y)}Z" ${attrs}/>`;
}

/**
 * `demo`: the start times (PainPoint.date) of demonstration runs (--include-demo):
 * their markers are hollow, always drawn, and marked data-demo, so they are told
 * apart from real sessions in colour or in black and white.
 */
export function painChartSvg(points: PainPoint[], { width = 640, height = 220, demo = new Set<string>() }: { width?: number; height?: number; demo?: ReadonlySet<string> } = {}): string {
  // The scale on both sides: on a phone the chart scrolls, and one side may be out of view.
  const left = 30;
  const right = 30;
  const top = 8;
  const bottom = 24;
  const times = points.map((p) => Date.parse(p.date));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  // One session, or all on one day: in the middle.
  const x = (t: number) => (t1 === t0 ? left + plotW / 2 : left + ((t - t0) / (t1 - t0)) * plotW);
  const y = (v: number) => top + plotH - (Math.max(0, Math.min(10, v)) / 10) * plotH;
  const out: string[] = [];
  const demos = points.filter((p) => demo.has(p.date)).length;
  const described = `Pain from 0 (none) to 10 (worst) for ${points.length} ${points.length === 1 ? 'session' : 'sessions'}${demos > 0 ? ` (${demos} of them ${demos === 1 ? 'a demonstration run' : 'demonstration runs'}, hollow markers)` : ''}: at the start, at the end, and the next morning.`;
  out.push(`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${described}" data-points="${points.length}">`);
  for (let v = 0; v <= 10; v += 2) {
    out.push(`<line x1="${left}" x2="${width - right}" y1="${fmt(y(v))}" y2="${fmt(y(v))}" stroke="#d0d0d0" stroke-width="${v === 0 ? 1 : 0.5}"/>`);
    out.push(`<text x="${left - 6}" y="${fmt(y(v) + 3.5)}" text-anchor="end" font-size="10" fill="#555">${v}</text>`);
    out.push(`<text x="${width - right + 6}" y="${fmt(y(v) + 3.5)}" text-anchor="start" font-size="10" fill="#555">${v}</text>`);
  }
  if (points.length > 0) {
    const labels = t1 === t0 ? [t0] : [t0, t1];
    labels.forEach((t, i) => {
      const anchor = labels.length === 1 ? 'middle' : i === 0 ? 'start' : 'end';
      out.push(`<text x="${fmt(x(t))}" y="${height - 6}" text-anchor="${anchor}" font-size="10" fill="#555">${dayKey(new Date(t))}</text>`);
    });
  }
  const markers = points.length <= MARKERS_UP_TO;
  // Many sessions: thinner, see-through lines, so the three stay visible where they cross.
  const stroke = markers ? 'stroke-width="1.6"' : 'stroke-width="0.7" stroke-opacity="0.7"';
  // The start (the trend's measure) is drawn last, on top.
  for (const s of [...SERIES].reverse()) {
    // A line through each run of answers; a session with no answer breaks it rather than being bridged.
    const runs: number[][] = [];
    let run: number[] = [];
    points.forEach((p, i) => {
      if (valueOf(p, s.key) === null) {
        if (run.length) runs.push(run);
        run = [];
      } else run.push(i);
    });
    if (run.length) runs.push(run);
    const at = (i: number) => `${fmt(x(times[i]!))} ${fmt(y(valueOf(points[i]!, s.key)!))}`;
    const d = runs.filter((r) => r.length > 1).map((r) => r.map((i, k) => `${k === 0 ? 'M' : 'L'}${at(i)}`).join('')).join('');
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
    out.push(`<g class="series-${s.key}">`);
    if (d) out.push(`<path d="${d}" fill="none" stroke="${s.colour}" ${stroke}${dash} stroke-linejoin="round"/>`);
    for (const r of runs) {
      // Without markers, an answer with none beside it would have no line either: it keeps its marker; so does a demonstration run.
      for (const i of r) {
        const isDemo = demo.has(points[i]!.date);
        if (!markers && r.length > 1 && !isDemo) continue;
        const v = valueOf(points[i]!, s.key)!;
        out.push(marker(s.marker, x(times[i]!), y(v), `${isDemo ? `${HOLLOW(s.colour)} data-demo="yes"` : `fill="${s.colour}"`} data-date="${dayKey(new Date(times[i]!))}" data-value="${v}"`));
      }
    }
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('');
}

/** A demonstration run's marker: hollow, in the series' colour. */
const HOLLOW = (colour: string) => `fill="#fff" stroke="${colour}" stroke-width="1.4"`;

/** A small sample of a series' line and marker (hollow: a demonstration run's), for the legend. */
export function legendSwatch(key: SeriesKey, demo = false): string {
  const s = SERIES.find((x) => x.key === key)!;
  const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
  return `<svg class="swatch" viewBox="0 0 28 10" width="28" height="10" aria-hidden="true"><path d="M0 5L28 5" stroke="${s.colour}" stroke-width="1.6"${dash}/>${marker(s.marker, 14, 5, demo ? HOLLOW(s.colour) : `fill="${s.colour}"`)}</svg>`;
}
