// `npm run bench`: the figures quoted in the README. Not a test: it measures.
// 1. Start-up: `backex list` against bare `node -e 0`, run side by side
//    (alternating, so both see the same machine load), median of each and the ratio.
// Later sections (session timing, history scale) are added by their own scripts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 30);
const home = mkdtempSync(join(tmpdir(), 'backex-bench-'));
const env = { ...process.env, BACKEX_HOME: home, NO_COLOR: '1' };

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return ms;
}

/** Runs each command once per round, alternating, after one warm-up round. */
export function sideBySide(commands, rounds = runs) {
  const samples = commands.map(() => []);
  for (let round = -1; round < rounds; round++) {
    commands.forEach((args, i) => {
      const ms = time(args);
      if (round >= 0) samples[i].push(ms);
    });
  }
  return samples.map(median);
}

const bin = join(root, 'bin', 'backex.js');
const [bare, list, show] = sideBySide([['-e', '0'], [bin, 'list'], [bin, 'show', 'bird-dog']]);
console.log(`start-up, median of ${runs} runs each, side by side:`);
console.log(`  node -e 0              ${bare.toFixed(1)} ms`);
console.log(`  backex list            ${list.toFixed(1)} ms   ${(list / bare).toFixed(2)}x  (aim: within 1.3x)`);
console.log(`  backex show bird-dog   ${show.toFixed(1)} ms   ${(show / bare).toFixed(2)}x`);

for (const extra of process.argv.slice(2)) await import(join(root, 'scripts', extra));
