// The report's pure parts: escaping, the SVG chart, the model (pain events,
// rules, notes) and the HTML, on in-memory sessions with the new record fields.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyFigures, selectSessions, type PainPoint } from '../../src/history/stats.js';
import { MARKERS_UP_TO, painChartSvg } from '../../src/report/chart.js';
import { cleanText, escapeHtml } from '../../src/report/escape.js';
import { reportHtml, safeFigure } from '../../src/report/html.js';
import { painEvents, reportModel, sessionsNeedingDetail, type FullSession } from '../../src/report/model.js';
import { detailsFromText } from '../../src/report/details.js';
import { parseHistory, parseOverviews } from '../../src/history/read.js';
import { DEFAULT_PAIN_RULES, painRulesInWords } from '../../src/report/pain-rules.js';
import type { ExerciseStatus, PainDecision, SessionStatus } from '../../src/engine/record.js';
import { HOSTILE_NOTE, historyText, reportSessions, sixWeeks, type ExerciseSpec, type SessionSpec } from './fixtures.js';

const now = new Date(2026, 10, 29, 10, 0);
const at = (d: number, h = 8) => new Date(2026, 10, d, h);
const spec = (id: string, d: number, over: Partial<SessionSpec> = {}): SessionSpec => ({ id, start: at(d), status: 'finished', exercises: [{ status: 'done', pain: 3 }, { status: 'done', pain: 3 }], painEnd: 2, ...over });
const one = (s: SessionSpec) => reportSessions([s])[0]!;

describe('escaping text from history', () => {
  it('leaves nothing that could start markup, and no control or reordering characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = escapeHtml(text);
        expect(out).not.toMatch(/[<>"'\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        // Every & starts one of our entities.
        expect(out.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
        // Nothing else changes: unescaped, it is the cleaned text.
        expect(out.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')).toBe(cleanText(text));
      }),
    );
  });

  it('keeps ordinary text, accents and emoji as they are', () => {
    expect(escapeHtml('Felt better, café ☺ 👍')).toBe('Felt better, café ☺ 👍');
    expect(cleanText('a\tb\nc\u202ed\ud800')).toBe('a b c d ');
  });
});

describe('the pain chart (SVG)', () => {
  const point = (d: number, pain: number, end: number | null, nextMorning: number | null): PainPoint => ({ date: at(d).toISOString(), pain, end, nextMorning });
  const markers = (svg: string, series: string) => [...(svg.split(`class="series-${series}"`)[1]!.split('</g>')[0]!.matchAll(/data-date="([^"]+)" data-value="(\d+)"/g))].map((m) => [m[1], Number(m[2])]);

  it('has a marker per answer in each series, with its date and value, 0 at the bottom and 10 at the top', () => {
    const svg = painChartSvg([point(1, 10, 0, 5), point(2, 4, null, null), point(3, 0, 3, 2)], { width: 640, height: 220 });
    expect(markers(svg, 'start')).toEqual([['2026-11-01', 10], ['2026-11-02', 4], ['2026-11-03', 0]]);
    expect(markers(svg, 'end')).toEqual([['2026-11-01', 0], ['2026-11-03', 3]]);
    expect(markers(svg, 'nextMorning')).toEqual([['2026-11-01', 5], ['2026-11-03', 2]]);
    const cys = [...svg.split('class="series-start"')[1]!.matchAll(/cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    // top 8, bottom 24: 10 at y=8, 0 at y=196, first and last session at the plot's two ends.
    expect(cys).toEqual([8, 8 + 188 * 0.6, 196]);
    expect(svg).toMatch(/<circle cx="30" cy="8"/);
    expect(svg).toMatch(/<circle cx="610" cy="196"/);
  });

  it('breaks a line where a session has no answer rather than bridging it', () => {
    const svg = painChartSvg([point(1, 5, 4, 3), point(2, 5, 4, 3), point(3, 5, null, 3), point(4, 5, 4, 3), point(5, 5, 4, 3)]);
    const path = (series: string) => /<path d="([^"]+)" fill="none"/.exec(svg.split(`class="series-${series}"`)[1]!)![1]!;
    expect(path('end').match(/M/g)).toHaveLength(2);
    expect(path('nextMorning').match(/M/g)).toHaveLength(1);
  });

  it('one session sits in the middle; nothing is NaN; no markers beyond the limit, except an answer with no line', () => {
    const single = painChartSvg([point(1, 4, null, null)]);
    expect(single).toMatch(/<circle cx="320"/);
    expect(single).not.toMatch(/NaN|Infinity/);
    const many = Array.from({ length: MARKERS_UP_TO + 1 }, (_, i) => ({ date: new Date(2026, 0, 1 + i, 8).toISOString(), pain: 3, end: i === 40 ? 2 : null, nextMorning: null }));
    const svg = painChartSvg(many);
    expect(markers(svg, 'start')).toHaveLength(0);
    expect(markers(svg, 'end')).toEqual([['2026-02-10', 2]]);
    expect(painChartSvg(many.slice(1))).toMatch(/data-value="3"/);
  });

  it('is the same text for the same points, with nothing to run or fetch', () => {
    const points = reportModel(selectSessions(reportSessions(sixWeeks(now)), {}), { now }).figures.pain.points;
    const svg = painChartSvg(points);
    expect(painChartSvg(points)).toBe(svg);
    expect(svg).not.toMatch(/<script|https?:|url\(|href/i);
  });
});

describe('pain events: every stop, every skip for pain, every p', () => {
  it('tells a chosen skip, a p and a stop at a rating apart', () => {
    const s = one(spec('a', 2, { status: 'pain-stop', painEnd: 8, exercises: [{ status: 'done', pain: 3 }, { status: 'skipped-pain', pain: 5, decision: 'skip' }, { status: 'skipped-pain', pain: 4 }, { status: 'skipped-pain', pain: 8 }] }));
    expect(painEvents(s).map((e) => [e.kind, e.pain])).toEqual([['skipped-pain', 5], ['p-key', 4], ['pain-stop', 8]]);
    expect(painEvents(s)[0]!.what).toBe('Skipped Backward rock on hands and knees: pain 5, higher than the 3 at the start');
    expect(painEvents(s)[1]!.what).toMatch(/^Pressed p \(it hurts\) during Forward rock/);
  });

  it('a stop is judged by the rules the session recorded', () => {
    const stopAt6 = one(spec('a', 2, { status: 'pain-stop', painEnd: 6, painRules: { ...DEFAULT_PAIN_RULES, stopAt: 6 }, exercises: [{ status: 'skipped-pain', pain: 6 }] }));
    expect(painEvents(stopAt6).map((e) => e.kind)).toEqual(['pain-stop']);
    // Under the standard rules a 6 does not stop a session: that was p, and the session then ended (two skips).
    const { painRules: _, ...standard } = stopAt6;
    expect(painEvents(standard as FullSession).map((e) => e.kind)).toEqual(['p-key', 'pain-stop']);
  });

  it('ending by choice at a higher pain, and two skips in a row, are stops; a quit is not', () => {
    const chose = one(spec('a', 2, { status: 'pain-stop', painEnd: 5, exercises: [{ status: 'done', pain: 3 }, { status: 'stopped', pain: 5, decision: 'end' }] }));
    expect(painEvents(chose).map((e) => [e.kind, e.pain])).toEqual([['pain-stop', 5]]);
    const quit = one(spec('b', 2, { status: 'quit', painEnd: null, exercises: [{ status: 'done', pain: 3 }, { status: 'stopped', pain: 5, decision: 'end' }] }));
    expect(painEvents(quit)).toEqual([]);
    const skips = one(spec('c', 2, { status: 'pain-stop', painEnd: 5, exercises: [{ status: 'done', pain: 3 }, { status: 'skipped-pain', pain: 5, decision: 'skip' }, { status: 'skipped-pain', pain: 5, decision: 'skip' }] }));
    expect(painEvents(skips).map((e) => e.kind)).toEqual(['skipped-pain', 'skipped-pain', 'pain-stop']);
    expect(painEvents(skips)[2]!.what).toBe('Session stopped: 2 exercises in a row skipped for pain');
  });
});

describe('the pain summary agrees with the Exercises table and stats', () => {
  const summaryOf = (html: string) => /<section id="events"><h2>[^<]*<\/h2><p>([^<]*)<\/p>/.exec(html)![1]!;

  it('a session that ends at a pain check: the exercise it stopped before is skipped for pain, once, everywhere', () => {
    // Answered 2 first, then 7 before the next exercise: recorded skipped for pain, and the session a pain stop.
    const stopped = reportSessions([spec('a', 2, { status: 'pain-stop', painEnd: 7, exercises: [{ status: 'done', pain: 2 }, { status: 'skipped-pain', pain: 7 }] })]);
    const model = reportModel(stopped, { now });
    expect(model.figures.exercises.find((e) => e.id === 'backward-rock')!.skippedPain).toBe(1);
    expect(summaryOf(reportHtml(model))).toBe('1 session stopped for pain; 1 exercise skipped for pain (1 at the pain check before it, of which 1 ended the session; 0 with p, it hurts, during it).');
  });

  it('a stop by choice (recorded as ended, not skipped) and a stop after skips add no exercise', () => {
    const sessions = reportSessions([
      spec('a', 2, { status: 'pain-stop', painEnd: 5, exercises: [{ status: 'done', pain: 3 }, { status: 'stopped', pain: 5, decision: 'end' }] }),
      spec('b', 3, { status: 'pain-stop', painEnd: 5, exercises: [{ status: 'done', pain: 3 }, { status: 'skipped-pain', pain: 5, decision: 'skip' }, { status: 'skipped-pain', pain: 5, decision: 'skip' }] }),
    ]);
    expect(summaryOf(reportHtml(reportModel(sessions, { now })))).toBe('2 sessions stopped for pain; 2 exercises skipped for pain (2 at the pain check before it, 0 with p, it hurts, during it).');
  });

  it('counts as many exercises skipped for pain as the Exercises table, whatever the sessions', () => {
    const exercise = fc.oneof(
      fc.constant<ExerciseSpec>({ status: 'done', pain: 2 }),
      fc.record({ status: fc.constantFrom<ExerciseStatus>('skipped-pain', 'stopped', 'skipped'), pain: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }), decision: fc.option(fc.constantFrom<PainDecision>('skip', 'end', 'do-anyway'), { nil: undefined }) }).map((e) => (e.decision === undefined ? { status: e.status, pain: e.pain } : (e as ExerciseSpec))),
    );
    const session = fc.record({ status: fc.constantFrom<SessionStatus>('finished', 'pain-stop', 'quit', 'interrupted'), exercises: fc.array(exercise, { minLength: 1, maxLength: 5 }) });
    fc.assert(
      fc.property(fc.array(session, { minLength: 1, maxLength: 6 }), (list) => {
        const sessions = reportSessions(list.map((s, i) => spec(`s${i}`, 1 + i, { ...s, painEnd: 5 })));
        const model = reportModel(sessions, { now });
        const total = Number(/; (\d+) exercises? skipped for pain/.exec(reportHtml(model))?.[1] ?? 0);
        expect(total).toBe(model.figures.exercises.reduce((n, e) => n + e.skippedPain, 0));
      }),
      { numRuns: 300 },
    );
  });
});

describe('demonstration runs included with --include-demo', () => {
  const withDemo = selectSessions(reportSessions(sixWeeks(now)), { includeDemo: true });
  const html = reportHtml(reportModel(withDemo, { now }));

  it('says how many are included, and marks the run in the chart, its week and its routine', () => {
    expect(html).toContain('<p data-figure="demoIncluded">1 demonstration run (sped up with BACKEX_TIME_SCALE, not real sessions) is included, as asked with --include-demo: counted in the figures below, and marked (demo) wherever sessions are listed; in the chart, with a hollow marker.</p>');
    expect(html).toContain('43</span>sessions started (1 of them a demonstration run)</div>');
    // Its start and end pain (9) as hollow markers, on its day; no other marker is one.
    const demoDay = '2026-11-26';
    expect([...html.matchAll(/data-demo="yes" data-date="([\d-]+)" data-value="(\d+)"/g)].map((m) => [m[1], m[2]])).toEqual([[demoDay, '9'], [demoDay, '9']]);
    expect(html).toContain('for 43 sessions (1 of them a demonstration run, hollow markers): at the start');
    expect(html).toMatch(/<span><svg class="swatch"[^>]*>.*?fill="#fff".*?<\/svg>a demonstration run \(demo\)<\/span>/);
    expect(html).toMatch(/data-week="2026-11-23">.*?<span class="demo">\(1 demo\)<\/span>/);
    expect(html).toMatch(/<strong>Routine core<\/strong>: 43 sessions, [^<]* <span class="demo">\(1 of them demo\)<\/span>\. Doses/);
  });

  it('marks the pain events and notes of a demonstration run (demo)', () => {
    const demo = spec('d', 27, { timeScale: 20, note: 'trying it out', status: 'pain-stop', painEnd: 8, exercises: [{ status: 'done', pain: 2 }, { status: 'skipped-pain', pain: 8 }] });
    const text = reportHtml(reportModel(selectSessions(reportSessions([spec('a', 26, { note: 'real one' }), demo]), { includeDemo: true }), { now }));
    expect(text).toMatch(/<tr data-kind="pain-stop" data-demo="yes"><td class="when">[^]*?<span class="demo">\(demo\)<\/span><\/td><td>Session stopped before Backward rock/);
    expect(text).toMatch(/<li><span class="nowrap muted">[^<]*:<\/span> <span class="demo">\(demo\)<\/span> trying it out<\/li>/);
    expect(text).toMatch(/<li><span class="nowrap muted">[^<]*:<\/span> real one<\/li>/);
  });

  it('without --include-demo nothing is marked, and the run is said to be left out', () => {
    const real = reportHtml(reportModel(selectSessions(reportSessions(sixWeeks(now)), {}), { now, demoLeftOut: 1 }));
    expect(real).not.toMatch(/data-demo|\(demo\)|class="demo"|demoIncluded|hollow/);
    expect(real).toContain('1 demonstration run (sped up, not real sessions) is left out.');
  });
});

describe('the report model', () => {
  const sessions = selectSessions(reportSessions(sixWeeks(now)), {});

  it('takes its figures from the same function as stats', () => {
    expect(reportModel(sessions, { now }).figures).toEqual(historyFigures(sessions, now));
    const from = new Date(2026, 10, 1);
    expect(reportModel(sessions, { now, from }).figures).toEqual(historyFigures(sessions, now, from));
  });

  it('leaves demo runs out unless asked, and a record without a scale is real', () => {
    const all = reportSessions(sixWeeks(now));
    expect(all.filter((s) => s.demo)).toHaveLength(1);
    expect(selectSessions(all, {})).toHaveLength(42);
    expect(selectSessions(all, { includeDemo: true })).toHaveLength(43);
    const { timeScale: _t, demo: _d, ...old } = all[0]!;
    expect(selectSessions([old], {})).toHaveLength(1);
    expect(selectSessions([{ ...old, timeScale: 10 }], {})).toHaveLength(0);
  });

  it('has the next-morning pain beside each session, the notes in order, the rules as they changed, and the doses used', () => {
    const model = reportModel(sessions, { now });
    const first = model.figures.pain.points[0]!;
    expect([first.pain, first.end, first.nextMorning]).toEqual([6, 5, 4]);
    expect(model.figures.pain.points.filter((p) => p.nextMorning === null)).toHaveLength(7);
    expect(model.notes).toHaveLength(8);
    expect(model.notes[2]!.text).toBe(HOSTILE_NOTE);
    expect(model.rules.map((r) => [r.recorded, r.rules.stopAt])).toEqual([[false, 7], [true, 6]]);
    expect(model.routines).toEqual([expect.objectContaining({ routine: 'core', sessions: 42 })]);
    expect(model.routines[0]!.exercises[0]).toEqual({ id: 'neutral-spine-brace', name: 'Neutral spine with abdominal bracing', dose: '10 x 5 s hold' });
    expect(model.events.map((e) => e.kind)).toEqual(['skipped-pain', 'pain-stop', 'p-key', 'skipped-pain', 'skipped-pain', 'skipped-pain']);
    // An exercise stopped with p is one skipped for pain, as in the session's summary and stats: counted in, and told apart.
    // The exercise the pain stop came before is skipped for pain too (the Exercises table and stats count it): 4 skips, that one, and the p.
    expect(reportHtml(model)).toContain('1 session stopped for pain; 6 exercises skipped for pain (5 at the pain check before it, of which 1 ended the session; 1 with p, it hurts, during it).');
    expect(model.figures.exercises.reduce((n, e) => n + e.skippedPain, 0)).toBe(6);
  });

  it('states the rules in plain words', () => {
    expect(painRulesInWords(DEFAULT_PAIN_RULES)).toEqual([
      'A session stops when pain before an exercise is 7 out of 10 or more.',
      'When pain before an exercise is 1 point or more above the pain at the start of the session, backex suggests skipping that exercise.',
      '2 exercises in a row skipped for pain end the session.',
    ]);
    expect(painRulesInWords({ ...DEFAULT_PAIN_RULES, skipAboveStartBy: 2, acceptableDuring: 3 }).slice(1)).toEqual([
      expect.stringContaining('is 2 points or more above'),
      '2 exercises in a row skipped for pain end the session.',
      'Pain up to 3 out of 10 during an exercise was set as acceptable.',
    ]);
  });
});

describe('the report HTML', () => {
  const sessions = selectSessions(reportSessions(sixWeeks(now)), {});
  const model = reportModel(sessions, { now, demoLeftOut: 1 });
  const html = reportHtml(model);
  const figure = (name: string) => [...html.matchAll(new RegExp(`data-figure="${name}">([^<]*)<`, 'g'))].map((m) => m[1]);

  it('runs nothing and fetches nothing', () => {
    // The hostile note holds an address as text (escaped, shown, never fetched): looked at without it.
    const markup = html.replace(escapeHtml(HOSTILE_NOTE), '');
    expect(markup).not.toMatch(/<script|<link(?! rel="icon" href="data:,")|<img|<iframe|<object|https?:|url\(|@import|\ssrc=|\son\w+=/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  });

  it('escapes a hostile note, and keeps no control or reordering character', () => {
    expect(html).toContain('Sore &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;tired&quot;   evil  &lt;img src=http');
    expect(html.split('<style>')[0]! + html.split('</style>')[1]!).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('shows the shared figures as stats has them', () => {
    const f = model.figures;
    expect(figure('sessions')).toEqual([String(f.sessions)]);
    expect(figure('sessionsWithExercise')).toEqual([String(f.sessionsWithExercise)]);
    expect(figure('streakDays')).toEqual([String(f.streakDays)]);
    expect(figure('trend')).toEqual([f.pain.summary]);
    expect(figure('done')).toEqual(f.exercises.map((e) => String(e.done)));
    expect(figure('skippedPain')).toEqual(f.exercises.map((e) => String(e.skippedPain)));
    // The weeks from the period's first on.
    const shown = f.weeks.filter((w) => w.weekStart >= '2026-10-12');
    expect(figure('week-sessions')).toEqual(shown.map((w) => String(w.sessions)));
    expect(html).not.toContain('data-week="2026-10-05"');
  });

  it('says what was prescribed when the programme says it', () => {
    const prescribed = reportHtml({ ...model, sessionsPerWeek: 5 });
    expect(prescribed).toContain('Prescribed: 5 sessions a week.');
    expect(prescribed).toMatch(/<span data-figure="week-sessions">7<\/span> of 5/);
    expect(html).not.toContain('Prescribed');
  });

  it('puts each exercise figure in its slot, and leaves out one that could run or fetch', () => {
    const good = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>';
    const withFigure = reportHtml(model, { figureSvg: (id) => (id === 'bird-dog' ? good : id === 'bridge' ? '<svg onload="x()"></svg>' : undefined) });
    expect(withFigure).toMatch(/data-exercise="bird-dog"><td class="fig"><svg viewBox="0 0 10 10"><circle/);
    expect(withFigure).toMatch(/data-exercise="bridge"><td class="fig"><\/td>/);
    expect(withFigure.replace(escapeHtml(HOSTILE_NOTE), '')).not.toMatch(/onload|https?:/);
    expect(html).not.toContain('class="fig"');
    // As src/figure/svg.ts (figures branch) writes a still: namespace, size, title and description, escaped text.
    const still = '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="160" viewBox="0 0 200 100" role="img">\n<title>Bird dog</title>\n<desc>Start on your hands and knees (quadruped), don&apos;t arch.</desc>\n<rect x="0" y="0" width="200" height="100" fill="#ffffff"/>\n<g fill="none"><polyline points="1,2 3,4" stroke="#333" stroke-width="4"/></g>\n</svg>\n';
    expect(safeFigure(still)).toBe(still.trim().replace(' xmlns="http://www.w3.org/2000/svg"', ''));
    for (const bad of ['<svg><script>x</script></svg>', '<svg><image href="a.png"/></svg>', '<svg style="background:url(http://x)"></svg>', '<div></div>', '']) expect(safeFigure(bad)).toBeUndefined();
  });

  it('says when nothing went wrong, and when there are no notes', () => {
    const calm = selectSessions(reportSessions([spec('a', 20), spec('b', 21)]), {});
    const text = reportHtml(reportModel(calm, { now }));
    expect(text).toContain('No session was stopped for pain, no exercise was skipped for pain, and p (it hurts) was never pressed.');
    expect(text).toContain('No notes');
    expect(text).toContain('backex&#39;s standard rules');
    // No check-ins: the legend does not offer a line that is not there, and says how to add them.
    expect(text).toContain('No next-morning check-ins in this period');
    expect(text).not.toContain('the next morning</span>');
    expect(html).toContain('the next morning</span>');
    expect(html).not.toContain('No next-morning check-ins');
  });
});

describe('reading only the sessions the report needs in full', () => {
  const text = historyText(sixWeeks(now));
  const records = parseHistory(text, () => {});
  const overviews = parseOverviews(text, () => {});

  it('picks out the sessions with a pain event and the latest of each routine', () => {
    const ids = sessionsNeedingDetail(overviews);
    expect([...ids].sort()).toEqual(['day-13', 'day-20', 'day-22', 'day-31', 'day-4', 'day-40', 'day-41'].sort());
    const details = detailsFromText(text, ids);
    expect([...details.keys()].sort()).toEqual([...ids].sort());
    expect(details.get('day-20')).toEqual(records.find((s) => s.sessionId === 'day-20'));
  });

  it('finds the same sessions whether it searches for each or passes over every line (many ids)', () => {
    const all = new Set([...records.map((s) => s.sessionId), ...Array.from({ length: 40 }, (_, i) => `absent-${i}`)]);
    const many = detailsFromText(text, all);
    expect(many.size).toBe(records.length);
    for (const r of records) expect(many.get(r.sessionId)).toEqual(r);
    const few = detailsFromText(text, new Set(['day-5', 'day-6']));
    expect([...few.values()]).toEqual(records.filter((s) => s.sessionId === 'day-5' || s.sessionId === 'day-6').reverse().sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1)));
  });

  it('gives the same report from overviews and those few records as from every record in full', () => {
    const details = detailsFromText(text, sessionsNeedingDetail(overviews));
    const fast = reportModel(selectSessions(overviews, { includeDemo: true }), { now, details });
    const slow = reportModel(selectSessions(records, { includeDemo: true }), { now });
    expect(fast).toEqual(slow);
    expect(fast.events).toHaveLength(6);
    expect(fast.routines[0]!.exercises).toHaveLength(7);
  });
});

describe('picking sessions out of a damaged or hand-edited history', () => {
  it('gives exactly what the full reader gives for those sessions, whatever else the file holds', () => {
    const base = historyText(sixWeeks(now).slice(0, 6)).trimEnd().split('\n');
    const ids = ['day-0', 'day-1', 'day-2', 'day-3', 'day-4', 'day-5', 'nobody'];
    const junk = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom(...ids).map((id) => `{"v":1,"type":"exercise","sessionId":"${id}"`),
      fc.constantFrom(...ids).map((id) => `{"v":1,"type":"session-end","sessionId":"${id}","status":"quit","painEnd":1}`),
      fc.constantFrom(...ids).map((id) => `{"note":"\\"sessionId\\":\\"${id}\\"","sessionId":"other"}`),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.length), junk), { maxLength: 8 }), fc.subarray(ids, { minLength: 1 }), (inserts, wanted) => {
        const lines = [...base];
        for (const [at, line] of inserts) lines.splice(at, 0, line);
        const text = lines.join('\n') + '\n';
        const expected = parseHistory(text, () => {}).filter((s) => wanted.includes(s.sessionId));
        const byId = (list: FullSession[]) => [...list].sort((a, b) => (a.sessionId < b.sessionId ? -1 : 1));
        // Both ways of finding them: a search for each id, and one pass over every line.
        for (const searchEachUpTo of [64, 0]) expect(byId([...detailsFromText(text, new Set(wanted), searchEachUpTo).values()])).toEqual(byId(expected));
      }),
      { numRuns: 200 },
    );
  });
});
