// The README's programme for the core routine is a real one: it loads, `plan`
// prints what the README shows, and its error and progression examples are true.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.js';
import { DataError } from '../../src/errors.js';
import { planProgramme, type HistorySession } from '../../src/programme/progression.js';
import { runBackexInProcess, tempHome } from '../support/backex.js';

// Each test runs the built command several times: on a loaded two-core machine that can take a while.
vi.setConfig({ testTimeout: 120_000 });

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = /## A programme from your physiotherapist([\s\S]*?)\n## /.exec(readme)![1]!;
const programmeText = /```json\n([\s\S]*?)```/.exec(section)![1]!;
const dir = mkdtempSync(join(tmpdir(), 'backex-readme-'));
const file = join(dir, 'core-programme.json');
writeFileSync(file, programmeText);

function physio(change: (p: { routines: Record<string, unknown>[] }) => void): string {
  const data = JSON.parse(programmeText);
  change(data);
  const path = join(mkdtempSync(join(tmpdir(), 'backex-readme-')), 'physio.json');
  writeFileSync(path, JSON.stringify(data));
  return path;
}

describe('the README\'s programme', () => {
  it('`backex plan` on it prints what the README shows', async () => {
    const shown = /```\n\$ backex plan --data core-programme\.json\n([\s\S]*?)```/.exec(section)![1]!;
    const r = await runBackexInProcess(['plan', '--data', 'core-programme.json'], { cwd: dir, env: { COLUMNS: '80' } });
    expect(r.status).toBe(0);
    // The review line changes once the date has passed.
    const timeless = (text: string) => text.replace(/^.*2027-01-15.*$/m, '(review)');
    expect(timeless(r.stdout)).toBe(timeless(shown));
  });

  it('its error examples are what backex says', async () => {
    const examples = /```\n(backex: physio\.json[\s\S]*?)```/.exec(section)![1]!.trim().split('\n').map((l) => l.replace(/^backex: /, ''));
    const files = [
      physio((d) => ((d.routines[0]!.progression as { cap: Record<string, number> }[])[2]!.cap.holdSeconds = 2)),
      physio((d) => ((d.routines[0]!.painRules as Record<string, number>).stopAt = 11)),
      physio((d) => (d.routines[0]!.review = '2027-02-30')),
    ];
    for (const [i, path] of files.entries()) {
      let problems: string[] = [];
      try {
        await loadCatalogue({ data: [path], env: { BACKEX_HOME: tempHome() }, cwd: join(path, '..') });
      } catch (error) {
        if (!(error instanceof DataError)) throw error;
        problems = error.problems;
      }
      expect(problems).toContain(examples[i]!);
    }
  });

  it('its words on progress: two good sessions, then a pain stop', async () => {
    const catalogue = await loadCatalogue({ data: [file], env: { BACKEX_HOME: tempHome() } });
    const routine = catalogue.routines.find((r) => r.id === 'core-programme')!;
    const session = (day: number, status: 'finished' | 'pain-stop'): HistorySession => ({
      startedAt: new Date(2026, 11, day, 9).toISOString(),
      routine: 'core-programme',
      status,
      painStart: 2,
      painEnd: 2,
      exercises: [{ id: 'backward-rock', status: status === 'finished' ? 'done' : 'stopped', painBefore: 2 }],
    });
    const good = [session(2, 'finished'), session(4, 'finished')];
    const rock = (sessions: HistorySession[], now: Date) => planProgramme(catalogue, routine, sessions, now).find((p) => p.id === 'backward-rock')!;
    const after = rock(good, new Date(2026, 11, 4, 18));
    expect(section.replace(/\s+/g, ' ')).toContain(`the rocks read \`today: 8 x 5 s hold\`, \`next: ${after.reason}\``);
    const stopped = rock([...good, session(7, 'pain-stop')], new Date(2026, 11, 7, 18));
    expect(stopped.reason).toMatch(/^6 reps -> 8 reps after 2 more sessions without pain above 3 /);
    expect(section.replace(/\s+/g, ' ')).toContain(`after a pain stop, \`${/\(stepped back.*\)$/.exec(stopped.reason)![0]}\``);
  });
});
