// `backex report` as a user runs it: the file, its name, its mode, never
// replaced by accident; and stats agreeing with it on every shared figure.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { dayKey } from '../../src/history/stats.js';
import { bin, root, runBackexInProcess, tempHome } from '../support/backex.js';
import { historyText, sixWeeks } from './fixtures.js';

const now = new Date();

function homeWith(text: string): string {
  const home = tempHome();
  mkdirSync(join(home, 'data'), { recursive: true });
  writeFileSync(join(home, 'data', 'history.jsonl'), text);
  return home;
}

const folder = () => mkdtempSync(join(tmpdir(), 'backex-report-out-'));
/** The text of every element marked data-figure="name", in order. */
export const figuresIn = (html: string, name: string) => [...html.matchAll(new RegExp(`data-figure="${name}">([^<]*)<`, 'g'))].map((m) => m[1]!);

describe('backex report', () => {
  const home = homeWith(historyText(sixWeeks(now)));

  it("writes a dated file in the current folder, readable by you alone, and says where", async () => {
    const cwd = folder();
    const r = await runBackexInProcess(['report'], { home, cwd });
    expect(r.status).toBe(0);
    const file = join(cwd, `backex-report-${dayKey(now)}.html`);
    expect(r.stderr).toContain(`to ${file}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Back exercises at home');
    expect(readdirSync(cwd)).toEqual([`backex-report-${dayKey(now)}.html`]);
  });

  it('never replaces a file without --force', async () => {
    const cwd = folder();
    const file = join(cwd, 'physio.html');
    writeFileSync(file, 'mine');
    const r = await runBackexInProcess(['report', '--output', 'physio.html'], { home, cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/physio\.html already exists, so it was left as it is\. To replace it, add --force/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expect((await runBackexInProcess(['report', '--output', 'physio.html', '--force'], { home, cwd })).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('Back exercises at home');
    expect(readdirSync(cwd)).toEqual(['physio.html']);
  });

  it('a folder it may not write to: a plain message, exit 1, "the report was not written", not "something went wrong"', async () => {
    // A read-only folder, or (as root, who may write anywhere else) sysfs.
    const dir = process.getuid?.() === 0 ? '/sys' : folder();
    if (dir !== '/sys') chmodSync(dir, 0o500);
    const r = await runBackexInProcess(['report', '--output', join(dir, 'r.html')], { home, cwd: folder() });
    expect(r.stderr).toMatch(/^backex: cannot write .*r\.html: no permission; the report was not written\.\n$/);
    expect(r.status).toBe(1);
  });

  it('a folder that is not there is a plain message (exit 2), and nothing is left behind', async () => {
    const cwd = folder();
    const r = await runBackexInProcess(['report', '--output', join(cwd, 'missing', 'r.html')], { home, cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/backex: cannot write .*r\.html/);
    expect(r.stderr).not.toMatch(/ENOENT|at .*\.js/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('with nothing to report says so (exit 1) and writes nothing', async () => {
    const cwd = folder();
    const none = await runBackexInProcess(['report'], { home: tempHome(), cwd });
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/No sessions yet, so there is nothing to report\.[\s\S]*No report was written\./);
    const old = await runBackexInProcess(['report', '--since', '2099-01-01'], { home, cwd });
    expect(old.status).toBe(1);
    expect(old.stderr).toMatch(/No sessions since 2099-01-01\. Without --since, report covers all/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('has every figure stats has, equal, with --since and --include-demo too', async () => {
    for (const args of [[], ['--since', '2w'], ['--include-demo']]) {
      const cwd = folder();
      expect((await runBackexInProcess(['report', ...args, '--output', 'r.html'], { home, cwd })).status).toBe(0);
      const html = readFileSync(join(cwd, 'r.html'), 'utf8');
      const stats = JSON.parse((await runBackexInProcess(['stats', '--json', ...args], { home })).stdout);
      expect(figuresIn(html, 'sessions')).toEqual([String(stats.sessions)]);
      expect(figuresIn(html, 'sessionsWithExercise')).toEqual([String(stats.sessionsWithExercise)]);
      expect(figuresIn(html, 'streakDays')).toEqual([String(stats.streakDays)]);
      expect(figuresIn(html, 'trend')).toEqual([stats.pain.summary.replace(/&/g, '&amp;')]);
      expect(figuresIn(html, 'done')).toEqual(stats.exercises.map((e: { done: number }) => String(e.done)));
      expect(figuresIn(html, 'skippedPain')).toEqual(stats.exercises.map((e: { skippedPain: number }) => String(e.skippedPain)));
      const weeks = [...html.matchAll(/data-week="([\d-]+)"><td[^>]*>[^<]*<\/td><td class="n"><span data-figure="week-sessions">(\d+)</g)].map((m) => [m[1], Number(m[2])]);
      expect(weeks.length).toBeGreaterThan(0);
      expect(stats.weeks.slice(-weeks.length).map((w: { weekStart: string; sessions: number }) => [w.weekStart, w.sessions])).toEqual(weeks);
      const starts = [...html.matchAll(/<circle [^>]*data-date="[\d-]+" data-value="(\d+)"/g)].map((m) => Number(m[1]));
      expect(starts).toEqual(stats.pain.points.map((p: { pain: number }) => p.pain));
    }
  });

  it('--include-demo marks the demonstration run and says how many are included; without it, says it is left out', async () => {
    const cwd = folder();
    expect((await runBackexInProcess(['report', '--include-demo', '--output', 'demo.html'], { home, cwd })).status).toBe(0);
    const html = readFileSync(join(cwd, 'demo.html'), 'utf8');
    expect(html).toContain('1 demonstration run (sped up with BACKEX_TIME_SCALE, not real sessions) is included');
    expect(html.match(/data-demo="yes"/g)).toHaveLength(2);
    expect(html).toContain('<span class="demo">(1 of them demo)</span>');
    expect((await runBackexInProcess(['report', '--output', 'real.html'], { home, cwd })).status).toBe(0);
    const real = readFileSync(join(cwd, 'real.html'), 'utf8');
    expect(real).toContain('1 demonstration run (sped up, not real sessions) is left out.');
    expect(real).not.toMatch(/data-demo|\(demo\)/);
  });

  it('escapes what history holds: an exercise name from a file cannot add markup', async () => {
    const lines = historyText(sixWeeks(now).slice(0, 3)).replace(/"name":"Bird dog"/g, '"name":"Bird <b onclick=x>dog</b>"');
    const cwd = folder();
    expect((await runBackexInProcess(['report', '--output', 'r.html'], { home: homeWith(lines), cwd })).status).toBe(0);
    const html = readFileSync(join(cwd, 'r.html'), 'utf8');
    expect(html).toContain('Bird &lt;b onclick=x&gt;dog&lt;/b&gt;');
    expect(html).not.toContain('<b onclick');
  });

  it("shows each exercise's figure from the data files, and the programme's frequency", async () => {
    const cwd = folder();
    const withProgramme = homeWith(historyText(sixWeeks(now)));
    mkdirSync(join(withProgramme, 'config'), { recursive: true });
    writeFileSync(join(withProgramme, 'config', 'programme.json'), JSON.stringify({ routines: [{ id: 'mine', name: 'Mine', exercises: ['bridge'], sessionsPerWeek: 5 }] }));
    const r = await runBackexInProcess(['report', '--output', join(cwd, 'r.html')], { home: withProgramme, cwd });
    expect(r.status).toBe(0);
    const html = readFileSync(join(cwd, 'r.html'), 'utf8');
    // The bridge's row carries its figure (an inline SVG), and the weeks are counted against 5.
    expect(html).toMatch(/<tr data-exercise="bridge"><td class="fig"><svg[^>]*>[\s\S]*?<\/svg><\/td>/);
    expect(html).toMatch(/of 5/);
  });

  it('help shows the options with examples', async () => {
    const help = await runBackexInProcess(['report', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--output <file>[\s\S]*--force[\s\S]*--since[\s\S]*--include-demo[\s\S]*Examples:[\s\S]*backex report --since 6w/);
    expect((await runBackexInProcess(['--help'])).stdout).toMatch(/report \[options\]\s+one HTML file for your physiotherapist/);
  });

  it('list and show load none of the report code', () => {
    const marker = /Content-Security-Policy/;
    for (const args of [['list'], ['show', 'bird-dog']]) {
      const loads = join(folder(), 'loads.txt');
      writeFileSync(loads, '');
      const r = spawnSync(process.execPath, ['--import', join(root, 'test/support/record-loads.mjs'), bin, ...args], { env: { ...process.env, BACKEX_HOME: tempHome(), BACKEX_LOADS: loads }, encoding: 'utf8' });
      expect(r.status).toBe(0);
      const files = readFileSync(loads, 'utf8').split('\n').filter((u) => u.startsWith('file:') && u.includes('/dist/'));
      expect(files.length).toBeGreaterThan(0);
      for (const url of files) expect(readFileSync(new URL(url), 'utf8'), `${args[0]} loaded ${url}`).not.toMatch(marker);
    }
    const chunks = readdirSync(join(root, 'dist', 'chunks')).map((f) => readFileSync(join(root, 'dist', 'chunks', f), 'utf8')).join('\n');
    expect(chunks).toMatch(marker);
    expect(existsSync(join(root, 'dist', 'cli.js'))).toBe(true);
  });
});
