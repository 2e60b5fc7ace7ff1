// Writes docs/figures.svg and docs/figures.png: the 17 exercises' still pictures
// (the start faint, the held pose solid) side by side, from the same renderer as
// `backex show --svg`. Needs rsvg-convert (Debian: librsvg2-bin) for the PNG.
//   node scripts/figures-sheet.mjs
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.bench', 'figure-svg.mjs');
await mkdir(dirname(out), { recursive: true });
await build({ absWorkingDir: root, entryPoints: ['src/figure/svg.ts'], outfile: out, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
const { exerciseStillSvg } = await import(pathToFileURL(out).href);
const { exercises } = JSON.parse(await readFile(join(root, 'data', 'exercises.json'), 'utf8'));

const escape = (t) => t.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]);
const cellW = 340;
const cellH = 200;
const cols = 4;
const parts = [];
exercises.filter((e) => e.figure).forEach((e, i) => {
  const svg = exerciseStillSvg(e);
  const [, w, h] = svg.match(/width="(\d+)" height="(\d+)"/).map(Number);
  const scale = Math.min(1, (cellH - 36) / h);
  const x = (i % cols) * cellW;
  const y = Math.floor(i / cols) * cellH;
  // Each picture nested as an <svg> of its own, placed in its cell, with its number and name above it.
  parts.push(svg.replace(/^<svg [^>]*?width="\d+" height="\d+"/, `<svg x="${x + (cellW - w * scale) / 2}" y="${y + 28}" width="${w * scale}" height="${h * scale}"`).replace(/<title>.*?<\/title>\n/, ''));
  parts.push(`<text x="${x + 10}" y="${y + 20}" font-family="sans-serif" font-size="15" fill="#222">${e.number}. ${escape(e.name)}</text>`);
});
const rows = Math.ceil(parts.length / 2 / cols);
const sheet = `<svg xmlns="http://www.w3.org/2000/svg" width="${cols * cellW}" height="${rows * cellH}" viewBox="0 0 ${cols * cellW} ${rows * cellH}">
<title>backex: the 17 exercises</title>
<rect width="100%" height="100%" fill="#ffffff"/>
${parts.join('\n')}
</svg>
`;
await mkdir(join(root, 'docs'), { recursive: true });
await writeFile(join(root, 'docs', 'figures.svg'), sheet);
execFileSync('rsvg-convert', ['-o', join(root, 'docs', 'figures.png'), join(root, 'docs', 'figures.svg')]);
console.log('wrote docs/figures.svg and docs/figures.png');
