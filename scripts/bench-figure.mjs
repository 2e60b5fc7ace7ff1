// What the figure costs `backex show`, for `npm run bench`:
// 1. `show bird-dog --svg` (loads the figure code, draws the whole animation)
//    side by side with `show bird-dog` into a pipe (no figure) and `node -e 0`.
// 2. In a pseudo-terminal, as a person sees it: the time until the whole text
//    is on screen, with the figure (drawn first, above the text) and with
//    --no-figure; and the time to the first braille frame.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from '@lydell/node-pty';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'backex.js');
const runs = Number(process.env.BENCH_RUNS ?? 30);
const env = { ...process.env, BACKEX_HOME: mkdtempSync(join(tmpdir(), 'backex-bench-figure-')), NO_COLOR: '1' };
const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function time(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const commands = [['-e', '0'], [bin, 'show', 'bird-dog'], [bin, 'show', 'bird-dog', '--svg']];
const samples = commands.map(() => []);
for (let round = -1; round < runs; round++) commands.forEach((args, i) => round >= 0 && samples[i].push(time(args)));
const [bare, piped, svg] = samples.map(median);
console.log(`\nshow and its figure, median of ${runs} runs each, side by side:`);
console.log(`  node -e 0                      ${bare.toFixed(1)} ms`);
console.log(`  backex show bird-dog | ...     ${piped.toFixed(1)} ms   ${(piped / bare).toFixed(2)}x  (no figure in a pipe)`);
console.log(`  backex show bird-dog --svg     ${svg.toFixed(1)} ms   ${(svg / bare).toFixed(2)}x  (+${(svg - piped).toFixed(1)} ms: figure code and the whole animation)`);

/** In a pseudo-terminal: ms to the first braille character, and to the last line of the text. */
function inTerminal(args) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let seen = '';
    let braille;
    const p = pty.spawn(process.execPath, [bin, ...args], { cols: 100, rows: 80, cwd: root, env: { ...env, BACKEX_TIME_SCALE: '1000' } });
    p.onData((data) => {
      seen += data;
      if (braille === undefined && /[\u2801-\u28ff]/.test(data)) braille = performance.now() - start;
      if (seen.includes('Safety, always') && /Never hold your breath|physician/.test(seen.slice(seen.indexOf('Safety, always')))) {
        const text = performance.now() - start;
        p.onExit(() => resolve({ braille, text }));
      }
    });
    p.onExit(({ exitCode }) => exitCode !== 0 && reject(new Error(`${args.join(' ')} exited ${exitCode}`)));
  });
}

const withFigure = [];
const without = [];
for (let round = -1; round < Math.min(runs, 20); round++) {
  const a = await inTerminal(['show', 'bird-dog']);
  const b = await inTerminal(['show', 'bird-dog', '--no-figure']);
  if (round >= 0) withFigure.push(a), without.push(b);
}
const textWith = median(withFigure.map((r) => r.text));
const textWithout = median(without.map((r) => r.text));
console.log(`in a terminal (pseudo-terminal, median of ${withFigure.length}):`);
console.log(`  show bird-dog, whole text on screen: ${textWith.toFixed(1)} ms with the figure, ${textWithout.toFixed(1)} ms with --no-figure (+${(textWith - textWithout).toFixed(1)} ms)`);
console.log(`  first braille frame: ${median(withFigure.map((r) => r.braille)).toFixed(1)} ms`);

// 3. The renderers themselves, in this process (less moved by the machine's load):
//    one braille frame (what the session draws up to 25 times a second while the
//    figure moves) and one whole SVG.
{
  const { build } = await import('esbuild');
  const { readFileSync } = await import('node:fs');
  const { pathToFileURL } = await import('node:url');
  const out = join(root, '.bench', 'figure-bench.mjs');
  await build({ absWorkingDir: root, stdin: { contents: "export { figureFrame } from './src/figure/frame.ts'; export { exerciseSvg } from './src/figure/svg.ts';", resolveDir: root, loader: 'ts' }, outfile: out, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
  const { figureFrame, exerciseSvg } = await import(pathToFileURL(out).href);
  const exercises = JSON.parse(readFileSync(join(root, 'data', 'exercises.json'), 'utf8')).exercises;
  const frameMs = [];
  for (let round = 0; round < 20; round++) {
    const start = performance.now();
    let n = 0;
    for (const e of exercises) for (let k = 0; k <= 10; k++) (figureFrame(e, 'move', 0, k / 10), n++);
    frameMs.push((performance.now() - start) / n);
  }
  const svgMs = [];
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (const e of exercises) exerciseSvg(e);
    svgMs.push((performance.now() - start) / exercises.length);
  }
  console.log(`renderers, in process (median of 20 / 5 rounds):`);
  console.log(`  one braille frame (figureFrame): ${(median(frameMs) * 1000).toFixed(0)} µs`);
  console.log(`  one whole animated SVG (exerciseSvg): ${median(svgMs).toFixed(1)} ms`);
}
