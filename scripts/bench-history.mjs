// History at scale, for `npm run bench`: ten years of daily sessions (3,650,
// seven exercises each) in a fresh BACKEX_HOME; `backex stats` and
// `backex history` timed side by side with `backex list` (aim: within 2x), and
// `backex report` (the whole history into one HTML file) beside `stats` (aim: under 2x).
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'backex.js');
const home = mkdtempSync(join(tmpdir(), 'backex-bench-history-'));
mkdirSync(join(home, 'data'), { recursive: true });

const ids = ['neutral-spine-brace', 'backward-rock', 'forward-rock', 'bird-dog', 'bridge', 'superman', 'prone-press-up'];
const dose = { reps: 10, holdSeconds: 5, sides: 'none' };
const lines = [];
const day = 86_400_000;
const start = Date.now() - 3650 * day;
for (let i = 0; i < 3650; i++) {
  const sessionId = `bench-${i}`;
  const at = new Date(start + i * day).toISOString();
  const pain = Math.max(0, Math.min(10, Math.round(6 - i / 800 + Math.sin(i))));
  lines.push({ v: 1, type: 'session-start', pid: 1, sessionId, startedAt: at, routine: 'core', planned: ids.map((id) => ({ id, name: id, dose })) });
  for (const id of ids) {
    lines.push({ v: 1, type: 'exercise', sessionId, exercise: { id, name: id, dose, painBefore: pain, repsPlanned: 10, repsMinimum: 10, repsDone: 10, sidesPlanned: 1, sidesDone: 1, status: 'done', restarts: 0, startedAt: at, endedAt: at } });
  }
  // As a session writes it: the end line repeats the session in brief.
  const summary = { startedAt: at, routine: 'core', planned: ids.length, exercises: ids.map((id) => ({ id, name: id, status: 'done', painBefore: pain })) };
  lines.push({ v: 1, type: 'session-end', sessionId, endedAt: at, status: 'finished', painEnd: pain, durationMs: 1_200_000, summary });
}
const file = join(home, 'data', 'history.jsonl');
writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');

const runs = Number(process.env.BENCH_RUNS ?? 15);
const env = { ...process.env, BACKEX_HOME: home, NO_COLOR: '1' };
const report = join(home, 'report.html');
const commands = [['list'], ['stats'], ['history'], ['report', '--output', report, '--force']];
const samples = commands.map(() => []);
for (let round = -1; round < runs; round++) {
  commands.forEach((args, i) => {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`${args} failed: ${r.stderr}`);
    if (round >= 0) samples[i].push(Number(process.hrtime.bigint() - t) / 1e6);
  });
}
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const [list, stats, history, reportMs] = samples.map(median);
console.log(`\nhistory at scale: 3,650 sessions, ${lines.length} lines, ${(statSync(file).size / 1e6).toFixed(1)} MB; median of ${runs} runs:`);
console.log(`  backex list      ${list.toFixed(1)} ms`);
console.log(`  backex stats     ${stats.toFixed(1)} ms   ${(stats / list).toFixed(2)}x list  (aim: within 2x)`);
console.log(`  backex history   ${history.toFixed(1)} ms   ${(history / list).toFixed(2)}x list`);
console.log(`  backex report    ${reportMs.toFixed(1)} ms   ${(reportMs / stats).toFixed(2)}x stats  (aim: under 2x; ${(statSync(report).size / 1e6).toFixed(2)} MB of HTML)`);
