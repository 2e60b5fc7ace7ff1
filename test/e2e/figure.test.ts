// The figure end to end: `show` in a real pseudo-terminal draws it (and moves
// it, and gives the cursor back), a pipe gets the text alone, and every
// exercise's SVG parses as XML and plays in a real browser (Debian's chromium).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.js';
import { exerciseSvg } from '../../src/figure/svg.js';
import { bin, root, runBackex, tempHome } from '../support/backex.js';
import { PtySession } from '../support/pty.js';

const BRAILLE = /[\u2801-\u28ff]/;
const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});
const pty = (...args: ConstructorParameters<typeof PtySession>) => {
  const s = new PtySession(...args);
  sessions.push(s);
  return s;
};

/** The dist/ files a run of backex loads (test/support/record-loads.mjs). */
const loaded = new Map<string, string>();
function loadedCode(args: string[]): string {
  // The same command's loads are asked for by more than one test: recorded once.
  const key = args.join('\0');
  if (!loaded.has(key)) loaded.set(key, recordLoads(args));
  return loaded.get(key)!;
}

function recordLoads(args: string[]): string {
  const loads = join(mkdtempSync(join(tmpdir(), 'backex-loads-')), 'loads.txt');
  writeFileSync(loads, '');
  const r = spawnSync(process.execPath, ['--import', join(root, 'test/support/record-loads.mjs'), bin, ...args], { env: { ...process.env, BACKEX_HOME: tempHome(), BACKEX_LOADS: loads }, encoding: 'utf8' });
  expect(r.status, args.join(' ')).toBe(0);
  const files = readFileSync(loads, 'utf8').split('\n').filter((u) => u.startsWith('file:') && u.includes('/dist/'));
  return files.map((url) => readFileSync(new URL(url), 'utf8')).join('\n');
}

// Each check starts backex several times with a loader hook: on a machine busy with other work that takes a while.
describe('start-up', { timeout: 120_000 }, () => {
  it('list, and show into a pipe, load no figure code; show --svg does (so the check can fail)', () => {
    // Names the build keeps (keepNames) where each is defined, not where it is only imported.
    const figureCode = /"brailleRows"|"exerciseSvg"|"showWithFigure"/;
    for (const args of [['list'], ['show', 'bird-dog'], ['list', '--json']]) expect(loadedCode(args), args.join(' ')).not.toMatch(figureCode);
    expect(loadedCode(['show', 'bird-dog', '--svg'])).toMatch(figureCode);
  });

  it('list and show load no session timeline: their times come from src/engine/duration.ts; session --dry-run does load it (so the check can fail)', () => {
    // Building every exercise's timeline was a fifth of what `list` took to start (README, Speed).
    const timelineCode = /"buildExercise"|"buildSession"|"Slots"/;
    for (const args of [['list'], ['list', '--routine', 'core'], ['list', '--category', 'stretch'], ['show', 'bird-dog']]) {
      const code = loadedCode(args);
      expect(code, args.join(' ')).not.toMatch(timelineCode);
      expect(code, args.join(' ')).toMatch(/"exerciseDurationMs"/);
    }
    expect(loadedCode(['session', '--core', '--dry-run'])).toMatch(timelineCode);
  });
});

describe('show in a terminal', () => {
  it('draws the figure in braille above the text, moves it, then leaves it still and the cursor shown', async () => {
    const s = pty(['show', 'bird-dog'], { rows: 70, cols: 100, env: { BACKEX_TIME_SCALE: '20' } });
    expect((await s.exit()).exitCode).toBe(0);
    const screen = s.screen();
    const lines = screen.split('\n');
    const firstBraille = lines.findIndex((l) => BRAILLE.test(l));
    const title = lines.findIndex((l) => l.startsWith('Bird dog'));
    expect(firstBraille).toBeGreaterThanOrEqual(0);
    expect(firstBraille).toBeLessThan(title);
    // Redrawn in place (save cursor, up, row, restore), and the cursor given back at the end.
    expect(s.raw).toContain('\x1b7\x1b[');
    expect(s.raw).toContain('\x1b[?25l');
    expect(s.raw.lastIndexOf('\x1b[?25h')).toBeGreaterThan(s.raw.lastIndexOf('\x1b[?25l'));
    expect(screen).toMatch(/Safety, always/);
  });

  it('piped (show bird-dog | cat), --json and --no-figure: no braille at all', async () => {
    const piped = pty([], { rows: 70, shell: '"$BACKEX" show bird-dog | cat' });
    expect((await piped.exit()).exitCode).toBe(0);
    expect(piped.screen()).toMatch(/Bird dog/);
    expect(piped.raw).not.toMatch(BRAILLE);
    for (const extra of ['--json', '--no-figure']) {
      const s = pty(['show', 'bird-dog', extra], { rows: 70 });
      expect((await s.exit()).exitCode).toBe(0);
      expect(s.raw, extra).not.toMatch(BRAILLE);
      expect(s.raw, extra).toMatch(/bird-dog/);
    }
  });

  it('a terminal too short for figure and text together gets the figure still, drawn once', async () => {
    const s = pty(['show', 'bird-dog'], { rows: 24, cols: 100 });
    expect((await s.exit()).exitCode).toBe(0);
    expect(s.raw).toMatch(BRAILLE);
    expect(s.raw).not.toContain('\x1b7');
  });

  it('Ctrl-C while the figure moves (slowed to the slowest BACKEX_TIME_SCALE): it stops, the cursor is shown again, exit 130', async () => {
    const s = pty(['show', 'bird-dog'], { rows: 70, cols: 100, env: { BACKEX_TIME_SCALE: '0.1' } });
    await s.waitFor(/Safety, always/);
    await s.waitFor('\x1b[?25l', 15_000, 'raw');
    s.type('\x03');
    expect((await s.exit()).exitCode).toBe(130);
    expect(s.raw.lastIndexOf('\x1b[?25h')).toBeGreaterThan(s.raw.lastIndexOf('\x1b[?25l'));
  });
});

describe('show --svg', () => {
  const ids = (JSON.parse(readFileSync(join(root, 'data', 'exercises.json'), 'utf8')) as { exercises: { id: string; name: string }[] }).exercises;
  let browser: Browser;
  // Each exercise's SVG is opened from a file of its own: a file:// page costs chromium a quarter of what a
  // data: URL does (each data: navigation is a new opaque origin, so a new renderer process).
  let svgDir: string;
  beforeAll(async () => {
    svgDir = mkdtempSync(join(tmpdir(), 'backex-figure-svg-'));
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    if (svgDir) rmSync(svgDir, { recursive: true, force: true });
  });

  it('--json and --svg together are refused; an exercise without a figure says so', () => {
    const both = runBackex(['show', 'bird-dog', '--json', '--svg']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/^backex: choose one of --json and --svg/);
    const file = join(mkdtempSync(join(tmpdir(), 'backex-figure-')), 'mine.json');
    writeFileSync(file, JSON.stringify({ exercises: [{ id: 'my-stretch', name: 'My stretch', category: 'stretch', steps: ['Stretch.'], dose: { reps: 2, holdSeconds: 5, sides: 'none' } }] }));
    const none = runBackex(['show', 'my-stretch', '--svg', '--data', file]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^backex: my-stretch has no figure to draw/);
    expect(none.stdout).toBe('');
  });

  it('every exercise: one SVG document that parses as XML, names the exercise in <title>, and plays in chromium without errors', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 240 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    // What `show --svg` prints is exerciseSvg's text, byte for byte (checked through the built command for
    // two exercises, one with the ball); so every exercise's SVG is made in-process, 15 processes fewer.
    const { exercises } = await loadCatalogue({ env: { BACKEX_HOME: tempHome() } });
    const svgOf = new Map(exercises.map((e) => [e.id, e.figure ? exerciseSvg({ ...e, figure: e.figure }) : '']));
    for (const id of ['bird-dog', 'ball-bird-dog']) {
      const r = runBackex(['show', id, '--svg']);
      expect(r.status, id).toBe(0);
      expect(r.stdout, id).toBe(svgOf.get(id));
    }
    expect(exercises.map((e) => e.id)).toEqual(ids.map((e) => e.id));
    for (const { id, name } of ids) {
      const r = { stdout: svgOf.get(id)! };
      expect(r.stdout.startsWith('<svg '), id).toBe(true);
      expect(r.stdout).not.toMatch(/<script/i);
      // In the page's own words (a string: this project's types have no DOM).
      const parsed = (await page.evaluate(`(() => {
        const doc = new DOMParser().parseFromString(${JSON.stringify(r.stdout)}, 'image/svg+xml');
        return { error: doc.getElementsByTagName('parsererror').length > 0, title: doc.querySelector('title')?.textContent, root: doc.documentElement.nodeName };
      })()`)) as { error: boolean; title: string; root: string };
      expect(parsed, id).toEqual({ error: false, title: name, root: 'svg' });
      // Rendered as a document of its own: the animation runs, and the figure is somewhere else later.
      const file = join(svgDir, `${id}.svg`);
      writeFileSync(file, r.stdout);
      await page.goto(pathToFileURL(file).href);
      const moved = (await page.evaluate(`(() => {
        const svg = document.documentElement;
        svg.pauseAnimations();
        const shapes = [...document.querySelectorAll('polyline')];
        const at = (t) => {
          svg.setCurrentTime(t);
          return shapes.map((p) => { const b = p.getBBox(); return [b.x, b.y, b.width, b.height].map((v) => v.toFixed(1)).join(','); }).join(' ');
        };
        return { width: svg.getBoundingClientRect().width, differs: at(0) !== at(2.5) || at(0) !== at(4) };
      })()`)) as { width: number; differs: boolean };
      expect(moved.width, id).toBe(320);
      expect(moved.differs, id).toBe(true);
    }
    expect(errors).toEqual([]);
  }, 240_000);
});
