// How clear each voice is, measured: renders 25 of a --core session's phrases
// (15 sentences, 10 short ones: counts and reps) with each voice named, has an
// offline recogniser (pocketsphinx, US English model) transcribe each, and
// prints the share of words it got wrong. The voices' rank in
// src/voice/voices.ts and the README's table come from this. Not part of
// `npm run bench`: it needs Debian's pocketsphinx, pocketsphinx-en-us and sox.
//   node scripts/build.mjs && node scripts/measure-clarity.mjs cmu_us_slt_arctic_hts flite-rms espeak-en-us
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.bench', 'clarity.mjs');
await build({
  absWorkingDir: root,
  stdin: { contents: "export { measurePhrases } from './src/voice/speaker.ts'; export { SpeechCache } from './src/voice/cache.ts'; export { findVoices, chooseVoice } from './src/voice/voices.ts'; export { safeText } from './src/voice/safe-text.ts';", resolveDir: root, loader: 'ts' },
  outfile: out,
  bundle: true,
  format: 'esm',
  platform: 'node',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const { measurePhrases, SpeechCache, findVoices, chooseVoice, safeText } = await import(pathToFileURL(out).href);

const dry = JSON.parse(spawnSync(process.execPath, [join(root, 'bin', 'backex.js'), 'session', '--core', '--dry-run', '--json'], { encoding: 'utf8' }).stdout);
const all = [...new Set(dry.exercises.flatMap((e) => e.cues.map((c) => c.say).filter(Boolean)))];
const sample = [...all.filter((p) => p.split(' ').length > 3).filter((_, i) => i % 3 === 0).slice(0, 15), 'one', 'two', 'three', 'four', 'five', 'Relax.', 'Rep three of ten.', 'Rep seven of fifteen.', 'Last one. Rep ten of ten.', 'Get ready. Keep breathing, and count out loud with me.'];
const words = (s) => s.toLowerCase().replace(/[^a-z' ]+/g, ' ').split(/\s+/).filter(Boolean);
/** Word-level edit distance. */
function errors(ref, hyp) {
  const d = Array.from({ length: ref.length + 1 }, (_, i) => [i, ...Array(hyp.length).fill(0)]);
  for (let j = 1; j <= hyp.length; j++) d[0][j] = j;
  for (let i = 1; i <= ref.length; i++) for (let j = 1; j <= hyp.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (ref[i - 1] === hyp[j - 1] ? 0 : 1));
  return d[ref.length][hyp.length];
}

const home = mkdtempSync(join(tmpdir(), 'backex-clarity-'));
const env = { ...process.env, BACKEX_HOME: home };
// Rendering needs no player; the voices are found as a session would find them.
const search = await findVoices(env, process.platform);
for (const name of process.argv.slice(2)) {
  const voice = chooseVoice({ ...search, voices: search.voices.map((v) => ({ ...v, missing: v.missing?.startsWith('needs an audio player') ? undefined : v.missing })) }, { name, from: 'the command line' }).voice;
  await measurePhrases(sample, name, { env, search });
  const cache = SpeechCache.open(env);
  let wrong = 0;
  let total = 0;
  let countsWrong = 0;
  let counts = 0;
  for (const phrase of sample) {
    const rendered = cache.lookup({ engine: voice.engine, voice: voice.engineVoice, rate: undefined, text: safeText(phrase) });
    const wav = join(home, 'heard.wav');
    execFileSync('sox', [rendered.path, '-r', '16000', '-c', '1', '-b', '16', wav]);
    const heard = spawnSync('pocketsphinx_continuous', ['-infile', wav, '-logfn', '/dev/null'], { encoding: 'utf8' }).stdout;
    const ref = words(phrase);
    const e = errors(ref, words(heard));
    wrong += e;
    total += ref.length;
    if (ref.length === 1) {
      countsWrong += Math.min(1, e);
      counts++;
    }
  }
  console.log(`${name}: ${Math.round((100 * wrong) / total)} % of ${total} words misheard; lone words wrong: ${countsWrong} of ${counts}`);
}
