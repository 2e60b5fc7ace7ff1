// The report in a real browser (Debian's chromium, headless): it loads with no
// console error and no request beyond its own file, prints to at most two A4
// pages for six weeks of daily sessions, fits a phone's width, and shows the
// same figures as `backex stats --json` for the same history.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectSessions } from '../../src/history/stats.js';
import { reportHtml } from '../../src/report/html.js';
import { reportModel } from '../../src/report/model.js';
import { runBackex, tempHome } from '../support/backex.js';
import { historyText, reportSessions, sixWeeks } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`test/report/browser.test.ts skipped: ${CHROMIUM} is not installed (Debian package "chromium")`);

/** Pages in a PDF: its /Type /Page objects (not the /Pages tree). */
export const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

// One chromium for the whole file: starting it costs more CPU than any one check here.
let browser: Browser;
beforeAll(async () => {
  if (haveChromium) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!haveChromium)('the report in chromium', { timeout: 60_000 }, () => {
  let file: string;
  let home: string;

  beforeAll(async () => {
    home = tempHome();
    mkdirSync(join(home, 'data'), { recursive: true });
    writeFileSync(join(home, 'data', 'history.jsonl'), historyText(sixWeeks(new Date())));
    const out = mkdtempSync(join(tmpdir(), 'backex-report-browser-'));
    file = join(out, 'report.html');
    const r = runBackex(['report', '--output', file], { home });
    expect(r.status).toBe(0);
  }, 60_000);

  async function open(width: number, height: number) {
    const page = await browser.newPage({ viewport: { width, height } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, problems, requests };
  }

  // The report at a desktop's width, loaded once for the checks that only read it or print it (a page of
  // its own costs chromium a renderer process); it closes with the browser.
  let desktop: ReturnType<typeof open> | undefined;
  const atDesktop = () => (desktop ??= open(1100, 900));

  it('loads with no console error and no request but its own file', async () => {
    const { page, problems, requests } = await atDesktop();
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(await page.locator('svg.chart').count()).toBe(1);
  });

  it('prints six weeks of daily sessions on at most two A4 pages', async () => {
    const { page } = await atDesktop();
    const pdf = await page.pdf({ format: 'A4' });
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
  });

  it('still prints on two pages with every new field filled in (notes, check-ins, changed rules, a prescription, figures)', async () => {
    // Built from the pure functions, as a reader that knows the new record fields will give them.
    const now = new Date();
    const model = reportModel(selectSessions(reportSessions(sixWeeks(now)), {}), { now, demoLeftOut: 1, sessionsPerWeek: 5 });
    const figure = '<svg viewBox="0 0 40 40"><path d="M5 35L20 5L35 35Z" fill="none" stroke="#333"/></svg>';
    const full = join(mkdtempSync(join(tmpdir(), 'backex-report-browser-')), 'full.html');
    writeFileSync(full, reportHtml(model, { figureSvg: () => figure }));
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(full).href);
    expect(await page.locator('.series-nextMorning [data-value]').count()).toBe(35);
    expect(await page.locator('td.fig svg').count()).toBe(7);
    expect(pdfPages(await page.pdf({ format: 'A4' }))).toBeLessThanOrEqual(2);
    expect(requests).toHaveLength(1);
    await page.close();
  });

  it('fits a phone: nothing wider than the screen but what scrolls in its own box', async () => {
    const { page } = await open(360, 740);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.close();
  });

  it('shows the figures of stats --json for the same history', async () => {
    const stats = JSON.parse(runBackex(['stats', '--json'], { home }).stdout);
    const { page } = await atDesktop();
    const text = (name: string) => page.locator(`[data-figure="${name}"]`).allTextContents();
    expect(await text('sessions')).toEqual([String(stats.sessions)]);
    expect(await text('sessionsWithExercise')).toEqual([String(stats.sessionsWithExercise)]);
    expect(await text('streakDays')).toEqual([String(stats.streakDays)]);
    expect(await text('trend')).toEqual([stats.pain.summary]);
    type Row = { id: string; done: number; attempted: number; skippedPain: number; skipped: number; stopped: number };
    const rows = await page.locator('tr[data-exercise]').evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-exercise'), ...['done', 'attempted', 'skippedPain', 'skipped'].map((f) => Number(tr.querySelector(`[data-figure="${f}"]`)!.textContent))]),
    );
    expect(rows).toEqual(stats.exercises.map((e: Row) => [e.id, e.done, e.attempted, e.skippedPain, e.skipped + e.stopped]));
    const weeks = await page.locator('tr[data-week]').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-week'), Number(tr.querySelector('[data-figure="week-sessions"]')!.textContent)]));
    expect(weeks.length).toBeGreaterThan(4);
    expect(weeks).toEqual(stats.weeks.slice(-weeks.length).map((w: { weekStart: string; sessions: number }) => [w.weekStart, w.sessions]));
    const series = (key: string) => page.locator(`.series-${key} [data-value]`).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    type Point = { pain: number; end: number | null; nextMorning: number | null };
    expect(await series('start')).toEqual(stats.pain.points.map((p: Point) => p.pain));
    expect(await series('end')).toEqual(stats.pain.points.filter((p: Point) => p.end !== null).map((p: Point) => p.end));
    expect(await series('nextMorning')).toEqual(stats.pain.points.filter((p: Point) => p.nextMorning !== null).map((p: Point) => p.nextMorning));
  });
});

// The PDF page count itself is checked against a document that must print on several pages.
describe.skipIf(!haveChromium)('counting PDF pages', { timeout: 60_000 }, () => {
  it('counts the pages chromium prints', async () => {
    const page = await browser.newPage();
    await page.setContent('<p>one</p><p style="break-before:page">two</p><p style="break-before:page">three</p>');
    expect(pdfPages(await page.pdf({ format: 'A4' }))).toBe(3);
    await page.close();
  });
});

