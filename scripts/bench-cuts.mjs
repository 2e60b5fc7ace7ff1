// Phrases cut short by the timeline, for `npm run bench` (issue 10). A phrase
// is cut when the next cue's speech starts while it is still being spoken.
// The timeline means to give every phrase a slot at least as long as the voice
// in use takes to say it (the driver retimes each exercise from the render
// cache's measured lengths), so the aim is none.
// 1. A whole `--core` session, without its 27 minutes: for each voice
//    installed here, every phrase the session says is rendered (the driver's
//    own list, sessionPhrases) and its WAV measured; the timelines are built
//    from those lengths as the driver builds them (timedSession), played as
//    the runner plays them (cutsIn), and a phrase longer than the time until
//    the next phrase is handed over is counted as cut. Also counted: what the
//    timeline built from the estimate alone (a cold cache, Enter pressed
//    before the renders are done) would cut with that voice.
// 2. A cross-check at real pace: a real `backex session` in a pseudo-terminal
//    with festival (its HTS voice if installed) and a stand-in player first on
//    PATH that sleeps for as long as each WAV lasts, counting the speaker's
//    `say-cut` trace lines, for short versions of the two --core exercises
//    with the longest sentences (bridge, prone press-up: a data file in
//    BACKEX_HOME/config replaces them). It should agree with (1) for them.
//    The pain checks are answered once their question has been heard (an
//    answer given sooner cuts the question, and that is the user's doing).
// `node scripts/bench-cuts.mjs --whole` plays the whole `--core` session in
// (2) instead: about half an hour, nearly all of it idle waiting.
// BENCH_CUTS_VOICES=<name,...> limits (1) to those voices; BENCH_CUTS_REAL_PACE=0 leaves (2) out. Renders are kept in .bench/cuts-home/<voice> between runs (delete it for a cold start).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { benchTerminal, playerStandIns } from './bench-pty.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const whole = process.argv.includes('--whole');
// `--trace <home>`: only the say-cut lines of a session run earlier (its BACKEX_HOME, with trace.jsonl and audio.log).
const traceAt = process.argv.indexOf('--trace');
if (traceAt > 0) {
  const home = process.argv[traceAt + 1];
  const lines = readFileSync(join(home, 'trace.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const starts = readFileSync(join(home, 'audio.log'), 'utf8').split('\n').filter(Boolean).map((ns) => Number(ns) / 1e6);
  const cuts = cutsOf(lines, starts);
  console.log(`${home}: ${lines.filter((l) => l.event === 'say').length} said, ${lines.filter((l) => l.event === 'say-dropped').length} dropped, say-cut ${cuts.length}, with sound left ${cuts.filter((c) => c.leftMs > 0).length}, in a slot shorter than the phrase ${cuts.filter((c) => c.slotMs < c.lengthMs).length}`);
  for (const cut of cuts) console.log(`  ${cutInWords(cut)}`);
  process.exit(0);
}

// The product's own code, bundled for this script (the dist files have hashed names).
const bundle = join(root, '.bench', 'cuts.mjs');
await build({
  absWorkingDir: root,
  stdin: {
    contents: [
      "export { loadCatalogue } from './src/catalogue/load.ts';",
      "export { selectFromOptions } from './src/session/select.ts';",
      "export { plannedToday } from './src/programme/today.ts';",
      "export { sessionPhrases, timedSession } from './src/session/timing.ts';",
      "export { START_SAYING } from './src/session/controller.ts';",
      "export { nextSaying } from './src/session/words.ts';",
      "export { cutsIn } from './src/engine/cuts.ts';",
      "export { sessionDurationMs } from './src/engine/timeline.ts';",
      "export { estimateSpeechMs } from './src/engine/words.ts';",
      "export { measurePhrases } from './src/voice/speaker.ts';",
      "export { findVoices } from './src/voice/voices.ts';",
    ].join('\n'),
    resolveDir: root,
    loader: 'ts',
  },
  outfile: bundle,
  bundle: true,
  format: 'esm',
  platform: 'node',
  logLevel: 'warning',
  // As scripts/build.mjs does: jsonc-parser's UMD "main" cannot be bundled (a data file in BACKEX_HOME/config is read with it).
  plugins: [{ name: 'jsonc-as-module', setup: (b) => b.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: join(root, 'node_modules', 'jsonc-parser', 'lib', 'esm', 'main.js') })) }],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const product = await import(pathToFileURL(bundle).href);
const { loadCatalogue, selectFromOptions, plannedToday, sessionPhrases, timedSession, START_SAYING, nextSaying, cutsIn, sessionDurationMs, estimateSpeechMs, measurePhrases, findVoices } = product;

/** What the rendered speaker hands over early (src/voice/speaker.ts, leadMs). */
const LEAD_MS = 10;
function seconds(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}
function clock(ms) {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The session's plan as the `session` command makes it, from the catalogue BACKEX_HOME gives. */
async function planOf(env, options) {
  const catalogue = await loadCatalogue({ env });
  return selectFromOptions(catalogue, options, (c, r) => plannedToday(c, r, () => {}, env)).planned;
}

/**
 * Renders (or finds in the cache) every phrase of the plan with `voice`, then
 * counts the phrases its timelines cut, with full and with brief teaching.
 */
async function staticCuts(planned, voice, env, search) {
  const phrases = [...new Set([false, true].flatMap((brief) => sessionPhrases(timedSession(planned, () => undefined, brief))))];
  const start = performance.now();
  const lengths = await measurePhrases(phrases, voice, { env, search });
  const renderMs = performance.now() - start;
  const spokenMs = (text) => lengths.get(text);
  const result = { phrases: phrases.length, measured: lengths.size, renderMs, lengths, runs: {} };
  for (const brief of [false, true]) {
    const timelines = timedSession(planned, spokenMs, brief);
    const said = timelines.reduce((n, t) => n + t.cues.filter((c) => c.say).length, 0);
    const cuts = timelines.flatMap((t) => cutsIn(t, spokenMs, LEAD_MS).map((cut) => ({ ...cut, exercise: t.id })));
    // A cold cache: timed from the estimate, said at the voice's own length.
    const estimated = timedSession(planned, () => undefined, brief);
    const coldCuts = estimated.flatMap((t) => cutsIn(t, spokenMs, LEAD_MS).map((cut) => ({ ...cut, exercise: t.id })));
    // A first session as the driver times it: only the welcome rendered yet, the rest at the pace it showed.
    const welcomeOnly = timedSession(planned, (text) => (text === START_SAYING ? lengths.get(text) : undefined), brief);
    const firstCuts = welcomeOnly.flatMap((t) => cutsIn(t, spokenMs, LEAD_MS).map((cut) => ({ ...cut, exercise: t.id })));
    const unmeasured = timelines.flatMap((t) => t.cues.filter((c) => c.say && !lengths.has(c.say)).map((c) => c.say));
    result.runs[brief ? 'brief' : 'full'] = { timelines, said, cuts, coldCuts, firstCuts, unmeasured, durationMs: sessionDurationMs(timelines) };
  }
  const under = phrases.filter((p) => lengths.has(p) && lengths.get(p) > estimateSpeechMs(p));
  result.underEstimated = under.length;
  result.worstUnder = Math.max(0, ...under.map((p) => lengths.get(p) - estimateSpeechMs(p)));
  return result;
}

function describeCut(cut) {
  return `${cut.exercise} at ${seconds(cut.at)}: "${cut.text}" (${seconds(cut.spokenMs)}) has ${seconds(cut.slotMs)} before "${cut.by}"`;
}

// ---------------------------------------------------------------------------
// 1. Every voice, the whole --core session.

/** A BACKEX_HOME kept between runs for each voice (each voice's renders of --core are 20-40 MB: together they would overflow one cache). */
function keptHome(voice) {
  const home = join(root, '.bench', 'cuts-home', voice);
  mkdirSync(join(home, 'config'), { recursive: true });
  const env = { ...process.env, BACKEX_HOME: home };
  delete env.BACKEX_TIME_SCALE;
  return env;
}
const search = await findVoices(process.env, process.platform);
const wanted = ['cmu_us_slt_arctic_hts', 'kal_diphone', 'espeak-en-us', 'flite-rms', 'flite-slt'];
const only = process.env.BENCH_CUTS_VOICES?.split(',');
/** Installed (rendering needs no player). */
const installed = (name) => search.voices.some((v) => v.name === name && !v.missing?.replace(/^needs an audio player.*/, ''));
const voices = wanted.filter((name) => (!only || only.includes(name)) && installed(name));
const corePlan = await planOf(keptHome('plan'), { core: true });
console.log(`\ncuts: phrases of a whole --core session (${corePlan.length} exercises) cut short by the timeline, from each voice's measured lengths (load average ${loadavg()[0].toFixed(1)}):`);
const staticResults = new Map();
for (const voice of voices) {
  const r = await staticCuts(corePlan, voice, keptHome(voice), search);
  staticResults.set(voice, r);
  const { full, brief } = r.runs;
  console.log(`  ${voice.padEnd(22)} ${r.measured} of ${r.phrases} phrases measured (${(r.renderMs / 1000).toFixed(1)} s); session ${clock(full.durationMs)}; cut: ${full.cuts.length} of ${full.said} said (brief teaching: ${brief.cuts.length} of ${brief.said})`);
  const tightest = full.timelines.flatMap((t) => margins(t, r.lengths)).sort((a, b) => a.margin - b.margin)[0];
  if (tightest) console.log(`  ${' '.repeat(22)} closest: "${tightest.text}" (${seconds(tightest.spokenMs)}) in ${seconds(tightest.slotMs)}`);
  // Only the first exercise can start before its phrases are rendered: the renders of all of them take under a minute, and it takes four.
  const firstCold = full.coldCuts.filter((c) => c.exercise === corePlan[0].exercise.id).length;
  console.log(`  ${' '.repeat(22)} timed from the estimate alone (a cold cache): ${full.coldCuts.length} cut, ${firstCold} of them in the first exercise; measured longer than the estimate: ${r.underEstimated} phrases${r.underEstimated ? ` (by up to ${seconds(r.worstUnder)})` : ''}`);
  for (const cut of [...full.cuts, ...brief.cuts]) console.log(`    CUT ${describeCut(cut)}`);
  for (const cut of full.coldCuts.slice(0, 5)) console.log(`    cold: ${describeCut(cut)}`);
  const firstFirst = full.firstCuts.filter((c) => c.exercise === corePlan[0].exercise.id).length;
  console.log(`  ${' '.repeat(22)} a first session as timed now (only the welcome measured; the rest at 1.3 times the estimate, or the pace measured if slower): ${full.firstCuts.length} cut, ${firstFirst} of them in the first exercise`);
  for (const cut of full.firstCuts.slice(0, 5)) console.log(`    first: ${describeCut(cut)}`);
  if (full.unmeasured.length) console.log(`    not measured (estimated): ${full.unmeasured.length}, like "${full.unmeasured[0]}"`);
}

/** Each phrase's room to spare: its slot (time until the next phrase is handed over) less its length. */
function margins(timeline, lengths) {
  // With every phrase taken as endless, cutsIn lists them all, each with its slot.
  const all = cutsIn(timeline, () => Number.MAX_SAFE_INTEGER, LEAD_MS);
  return all.map((c) => {
    const spokenMs = lengths.get(c.text) ?? 0;
    return { text: c.text, slotMs: c.slotMs, spokenMs, margin: c.slotMs - spokenMs };
  });
}

// ---------------------------------------------------------------------------
// 2. Real pace: a real session in a pseudo-terminal, counting the speaker's say-cut lines.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Players that "play" a WAV: sleep for as long as it lasts, less the time they
 * took to get to sleep (so a phrase sounds as long as its measured length, not
 * longer), after logging when they started.
 */
function sleepingPlayers(log) {
  return playerStandIns(log, [
    't0=$(date +%s%N)',
    'for a; do file="$a"; done',
    'rate=$(od -An -t u4 -j 28 -N 4 "$file" | tr -d " ")',
    'size=$(wc -c < "$file")',
    'sleep "$(awk -v b="$size" -v r="$rate" -v t0="$t0" -v t1="$(date +%s%N)" \'BEGIN { s = (b - 44) / r - (t1 - t0) / 1e9; if (s < 0) s = 0; printf "%.3f", s }\')"',
  ]);
}

/**
 * One session at real speed with `voice`, its phrases rendered ahead (as a
 * session that has run before finds them): Enter and each pain check answered
 * once what was said has been heard. Returns the trace's counts.
 */
async function realPace(home, args, voice, planned, lengths) {
  const trace = join(home, 'trace.jsonl');
  const audioLog = join(home, 'audio.log');
  writeFileSync(audioLog, '');
  const env = { ...process.env, BACKEX_HOME: home, BACKEX_TRACE: trace, PATH: `${sleepingPlayers(audioLog)}:${process.env.PATH}` };
  delete env.BACKEX_TIME_SCALE;
  const timelines = timedSession(planned, (text) => lengths.get(text));
  const phrases = sessionPhrases(timelines);
  const heard = (text) => sleep((lengths.get(text) ?? 8000) + 500);
  // Prompts are found in the trace (written within 100 ms): the screen shows a question again as it is answered.
  const traced = () => (existsSync(trace) ? readFileSync(trace, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);
  const prompt = async (n, timeout) => {
    for (const start = Date.now(); traced().filter((l) => l.event === 'prompt').length < n; await sleep(200)) {
      if (Date.now() - start > timeout) throw new Error(`bench: no pain check ${n} in the trace`);
    }
  };
  const started = performance.now();
  const { term, exited, waitFor } = benchTerminal(['session', ...args, '--voice', voice], env);
  await waitFor('Press Enter to start');
  await heard(phrases[0]);
  term.write('\r');
  for (const t of timelines) {
    await prompt(t.index + 1, 120_000 + (t.index === 0 ? 0 : timelines[t.index - 1].durationMs));
    await heard(nextSaying(t));
    term.write('1\r');
  }
  await prompt(timelines.length + 1, 120_000 + timelines.at(-1).durationMs);
  await heard(phrases.at(-2));
  term.write('\r');
  await waitFor('How did it go?');
  term.write('\r');
  await exited;
  const lines = readFileSync(trace, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const cut = cutsOf(lines, readFileSync(audioLog, 'utf8').split('\n').filter(Boolean).map((ns) => Number(ns) / 1e6));
  return {
    ms: performance.now() - started,
    said: lines.filter((l) => l.event === 'say').length,
    cut,
    audible: cut.filter((c) => c.leftMs > 0),
    dropped: lines.filter((l) => l.event === 'say-dropped'),
    // Phrases the timeline says, and the session's own: the welcome, each pain check, the one at the end, the closing words.
    expected: timelines.reduce((n, t) => n + t.cues.filter((c) => c.say).length, 0) + timelines.length + 3,
  };
}

/**
 * Each say-cut line of a trace, with the phrase it cut: its length, its slot
 * as played (from its hand-over to the next phrase's), how late its player
 * started (as the player logged it, `starts` in epoch ms; else when it was
 * handed over), and how much of its length was still to play at the cut. At
 * or below zero its sound had run its whole length and only its player was
 * still to exit (a process ends some ms after its sound). A slot shorter than
 * the length is the timeline's doing; a longer one, a late start's.
 */
function cutsOf(lines, starts) {
  const origin = lines.find((l) => l.event === 'session-end')?.origin;
  const plays = lines.filter((l) => l.event === 'say-play');
  const sorted = [...starts].sort((a, b) => a - b);
  const startOf = (play) => (origin !== undefined && sorted.length === plays.length ? sorted[plays.indexOf(play)] - origin : play.t);
  return lines.filter((l) => l.event === 'say-cut').map((line) => {
    const before = lines.slice(0, lines.indexOf(line));
    const said = before.filter((l) => l.event === 'say').at(-1);
    const play = before.slice(before.indexOf(said)).find((l) => l.event === 'say-play');
    if (!play) return { ...line, text: said?.text, leftMs: Infinity, slotMs: line.t - (said?.t ?? 0), lengthMs: NaN, lateMs: Infinity };
    const start = startOf(play);
    return { ...line, text: said.text, leftMs: start + play.ms - line.t, slotMs: line.t - said.t, lengthMs: play.ms, lateMs: start - said.t };
  });
}

/** One say-cut, in words. */
function cutInWords(cut) {
  if (cut.leftMs === Infinity) return `at ${seconds(cut.t)}: "${cut.text}" by "${cut.by}" before its player had started`;
  const whose = cut.slotMs < cut.lengthMs ? 'the timeline\'s' : 'a late start\'s';
  return `at ${seconds(cut.t)}: "${cut.text}" (${seconds(cut.lengthMs)}) by "${cut.by}" ${seconds(cut.slotMs)} after it; its player started ${Math.round(cut.lateMs)} ms after it was handed over, ${Math.round(cut.leftMs)} ms of its length left (${whose})`;
}

/** A short data file: bridge and prone press-up (the longest sentences of --core) with fewer reps, replacing the built-in ones. */
function shortHome() {
  const home = mkdtempSync(join(tmpdir(), 'backex-bench-cuts-'));
  mkdirSync(join(home, 'config'), { recursive: true });
  const builtIn = JSON.parse(readFileSync(join(root, 'data', 'exercises.json'), 'utf8')).exercises;
  const doses = { bridge: { reps: 2 }, 'prone-press-up': { reps: { min: 2, max: 3 } } };
  const exercises = Object.entries(doses).map(([id, dose]) => {
    const e = builtIn.find((x) => x.id === id);
    return { ...e, dose: { ...e.dose, ...dose } };
  });
  writeFileSync(join(home, 'config', 'short.json'), JSON.stringify({ exercises }));
  return { home, args: ['--exercises', Object.keys(doses).join(',')], options: { exercises: Object.keys(doses).join(',') }, what: 'bridge (2 rounds) and prone press-up (2-3 reps), short versions' };
}

const festival = ['cmu_us_slt_arctic_hts', 'kal_diphone'].find(installed) ?? search.voices.find((v) => v.engine === 'festival' && installed(v.name))?.name;
if (process.env.BENCH_CUTS_REAL_PACE === '0') {
  // (2) left out.
} else if (!festival) {
  console.log('  (festival is not installed here: no real-pace cross-check)');
} else {
  const run = whole ? { home: mkdtempSync(join(tmpdir(), 'backex-bench-cuts-')), args: ['--core'], options: { core: true }, what: 'the whole --core session' } : shortHome();
  const env = { ...process.env, BACKEX_HOME: run.home };
  const planned = await planOf(env, run.options);
  const expected = await staticCuts(planned, festival, env, search);
  const { full } = expected.runs;
  console.log(`  real pace, ${festival}, ${run.what}, in a pseudo-terminal (a sleeping player first on PATH; about ${clock(full.durationMs + 30_000)}):`);
  const r = await realPace(run.home, run.args, festival, planned, expected.lengths);
  const byTimeline = r.cut.filter((c) => c.slotMs < c.lengthMs).length;
  console.log(`  ${' '.repeat(22)} say-cut lines: ${r.cut.length}, ${r.audible.length} with sound left to play, ${byTimeline} in a slot shorter than the phrase (counted from the measured lengths: ${full.cuts.length}); phrases said ${r.said} of ${r.expected}, ${r.dropped.length} dropped; ${clock(r.ms)}`);
  for (const cut of r.cut) console.log(`    say-cut ${cutInWords(cut)}`);
  for (const d of r.dropped) console.log(`    dropped at ${seconds(d.t)}: "${d.text}" (${d.lateMs} ms late)`);
}
