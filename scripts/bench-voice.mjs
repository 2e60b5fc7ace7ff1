// Voices, for `npm run bench`: for each voice installed here (festival's HTS
// voice, kal_diphone, espeak-ng, the bundled flite slt):
// 1. how long rendering every phrase of a `--core` session ahead takes (a cold
//    cache), and the most memory the renderer held meanwhile;
// 2. a real-speed session of about 35 s (bird dog's shape) with one core kept
//    busy, its phrases rendered ahead as a session does: the time from each
//    count's tick to its player starting (a recording player first on PATH
//    logs that moment, then "plays" for as long as the WAV lasts), and the
//    memory of everything started for speech (every process below backex,
//    sampled every 20 ms, and each one's own peak, VmHWM).
// Aims (issue 11): count to sound within 30 ms median, 100 ms at most; all of
// --core rendered before its first count; speech under 100 MB together.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { benchTerminal, playerStandIns } from './bench-pty.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'backex.js');
const seconds = Number(process.env.BENCH_VOICE_SECONDS ?? 35);

// The voice code itself, bundled for this script (the dist files have hashed names).
const voiceModule = join(root, '.bench', 'voice.mjs');
await build({
  absWorkingDir: root,
  stdin: { contents: "export { measurePhrases } from './src/voice/speaker.ts'; export { findVoices } from './src/voice/voices.ts';", resolveDir: root, loader: 'ts' },
  outfile: voiceModule,
  bundle: true,
  format: 'esm',
  platform: 'node',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const { measurePhrases, findVoices } = await import(pathToFileURL(voiceModule).href);

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];

/** Players that log when they start (epoch ns) and sleep for as long as the WAV lasts. Shell, not Node: they must log within a millisecond or two. */
function recorderDir(log) {
  return playerStandIns(log, [
    'for a; do file="$a"; done',
    'rate=$(od -An -t u4 -j 28 -N 4 "$file" | tr -d " ")',
    'size=$(wc -c < "$file")',
    'sleep "$(awk -v b="$size" -v r="$rate" \'BEGIN { printf "%.3f", (b - 44) / r }\')"',
  ]);
}

/** Resident KB of each process below `rootPid` (not itself), with each one's peak. */
function descendants(rootPid) {
  const parent = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const out = [];
  for (const [pid] of parent) {
    let p = parent.get(pid);
    while (p && p !== rootPid && p > 1) p = parent.get(p);
    if (p !== rootPid) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      out.push({ pid, name: /Name:\s+(\S+)/.exec(status)[1], rss: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0), hwm: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) });
    } catch {
      // gone
    }
  }
  return out;
}

/** Samples the memory below `rootPid` until stopped: the largest total, and the largest single peak (with its name). */
function memoryWatch(rootPid, exclude = []) {
  let total = 0;
  const peaks = new Map();
  const timer = setInterval(() => {
    // esbuild's service (this script's own build) is not speech.
    const procs = descendants(rootPid).filter((p) => !exclude.includes(p.pid) && p.name !== 'esbuild');
    total = Math.max(total, procs.reduce((s, p) => s + p.rss, 0));
    for (const p of procs) if ((peaks.get(p.pid)?.hwm ?? 0) < p.hwm) peaks.set(p.pid, p);
  }, 20);
  return () => {
    clearInterval(timer);
    const top = [...peaks.values()].sort((a, b) => b.hwm - a.hwm)[0];
    return { totalMb: total / 1024, peakMb: (top?.hwm ?? 0) / 1024, peakName: top?.name ?? '-' };
  };
}

/** The phrases of a session in the order they are due, with when (ms from the start, pain checks taking no time). */
function dryRun(args, env) {
  const r = spawnSync(process.execPath, [bin, 'session', ...args, '--dry-run', '--json'], { env, encoding: 'utf8' });
  const json = JSON.parse(r.stdout);
  return [...json.exercises.flatMap((e) => e.cues.filter((c) => c.say).map((c) => ({ text: c.say, at: c.atMs }))), { text: json.end.say, at: json.end.atMs }];
}
const dryRunPhrases = (args, env) => dryRun(args, env).map((p) => p.text);

async function runSession(voice, home, env) {
  const trace = join(home, 'trace.jsonl');
  const audioLog = join(home, 'audio.log');
  writeFileSync(audioLog, '');
  const sessionEnv = { ...env, BACKEX_TRACE: trace, PATH: `${recorderDir(audioLog)}:${process.env.PATH}` };
  delete sessionEnv.BACKEX_TIME_SCALE;
  const { term, exited, waitFor } = benchTerminal(['session', '--exercises', 'bench-hold', '--voice', voice], sessionEnv);
  const stopWatch = memoryWatch(term.pid, [term.pid]);
  await waitFor('Press Enter to start');
  term.write('\r');
  await waitFor('from 0 (none) to 10 (worst)');
  term.write('1\r');
  await waitFor('how is your back pain now', (seconds + 30) * 1000);
  term.write('\r');
  // The note at the end: Enter alone skips it.
  await waitFor('How did it go?');
  term.write('\r');
  await exited;
  const memory = stopWatch();
  const lines = readFileSync(trace, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const end = lines.find((l) => l.event === 'session-end');
  const ticks = lines.filter((l) => l.event === 'tick');
  const cues = lines.filter((l) => l.event === 'cue');
  const heard = readFileSync(audioLog, 'utf8').split('\n').filter(Boolean).map((ns) => Number(ns) / 1e6).sort((a, b) => a - b);
  const counts = ticks.map((tick, i) => ({ tick, cue: cues[i] })).filter(({ cue }) => /^Hold \d+ of/.test(cue?.text ?? ''));
  const delays = [];
  for (const { tick } of counts) {
    const at = end.origin + tick.due;
    const next = heard.find((h) => h >= at - 300);
    if (next !== undefined && next - at < 1000) delays.push(next - at);
  }
  return { delays, counts: counts.length, dropped: lines.filter((l) => l.event === 'say-dropped').length, memory };
}

function sessionHome() {
  const home = mkdtempSync(join(tmpdir(), 'backex-bench-voice-'));
  mkdirSync(join(home, 'config'), { recursive: true });
  // Shaped like bird dog: sides alternating, holds of 5 s, each round two reps of 4 + 5 + 3 s.
  const reps = Math.max(1, Math.round((seconds - 19) / 24));
  const dose = { reps, holdSeconds: 5, sides: 'alternate', sideNames: ['left arm and right leg', 'right arm and left leg'] };
  writeFileSync(join(home, 'config', 'bench.json'), JSON.stringify({ exercises: [{ id: 'bench-hold', name: 'Bench hold', category: 'core', position: 'On your hands and knees.', steps: ['Hold.'], dose }] }));
  return home;
}

const fmt = (n) => (n === undefined ? '-' : `${n.toFixed(1)} ms`);
const silentPlayers = recorderDir(join(tmpdir(), `backex-bench-unused-${process.pid}.log`));
const search = await findVoices({ ...process.env, PATH: `${silentPlayers}:${process.env.PATH}` }, process.platform);
const wanted = ['cmu_us_slt_arctic_hts', 'kal_diphone', 'espeak-en-us', 'flite-slt'];
const voices = wanted.filter((name) => search.voices.some((v) => v.name === name && !v.missing));
console.log(`\nvoices (${voices.join(', ')}), load average ${(await import('node:os')).loadavg()[0].toFixed(1)}: a --core session rendered ahead (cold cache), then a ${seconds} s session at real speed, one core kept busy:`);
const busy = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
/** What starting any program costs here now, from a Node process: the floor under "tick to player started". */
async function spawnFloor() {
  const delays = [];
  for (let i = 0; i < 20; i++) {
    const asked = performance.timeOrigin + performance.now();
    const out = await new Promise((resolve) => {
      const child = spawn('sh', ['-c', 'date +%s%N'], { stdio: ['ignore', 'pipe', 'ignore'] });
      let text = '';
      child.stdout.on('data', (d) => (text += d));
      child.on('close', () => resolve(text));
    });
    delays.push(Number(out) / 1e6 - asked);
  }
  return delays;
}
try {
  const floor = await spawnFloor();
  console.log(`  (starting \`sh\` from Node, for comparison: median ${fmt(percentile(floor, 50))}, max ${fmt(Math.max(...floor))})`);
  for (const voice of voices) {
    // 1. The whole --core session, rendered ahead into an empty cache.
    const coreHome = sessionHome();
    const env = { ...process.env, BACKEX_HOME: coreHome, PATH: `${silentPlayers}:${process.env.PATH}` };
    const due = dryRun(['--core'], env);
    const phrases = due.map((p) => p.text);
    const firstDue = new Map();
    for (const p of due) if (!firstDue.has(p.text)) firstDue.set(p.text, p.at);
    const stopWatch = memoryWatch(process.pid, [busy.pid]);
    const start = performance.now();
    // Rendered in the order they are due, as the session asks; a phrase is late if it is ready after it is due.
    let late = 0;
    let worst = 0;
    // The first phrase is due at 0 s: the plan screen, waiting for Enter, gives it its time.
    const lengths = await measurePhrases(phrases, voice, {
      env,
      search,
      onMeasured: (text) => {
        if (firstDue.get(text) === 0) return;
        const lateBy = performance.now() - start - firstDue.get(text);
        if (lateBy > 0) late++;
        worst = Math.max(worst, lateBy);
      },
    });
    const renderS = (performance.now() - start) / 1000;
    const renderMemory = stopWatch();
    const firstCount = due.find((p) => /^(one|three)$/.test(p.text)).at / 1000;
    console.log(`  ${voice.padEnd(22)} --core: ${new Set(phrases).size} phrases rendered in ${renderS.toFixed(1)} s (first count due at ${firstCount.toFixed(0)} s); ready after they were due: ${late}${late ? ` (up to ${(worst / 1000).toFixed(1)} s)` : ''}; renderer peak ${renderMemory.peakMb.toFixed(0)} MB (${renderMemory.peakName})`);

    // 2. A session, its phrases rendered ahead as the session does before its first count.
    const home = sessionHome();
    const sessionEnv = { ...process.env, BACKEX_HOME: home };
    await measurePhrases(dryRunPhrases(['--exercises', 'bench-hold'], sessionEnv), voice, { env: { ...sessionEnv, PATH: `${silentPlayers}:${process.env.PATH}` }, search });
    const r = await runSession(voice, home, sessionEnv);
    console.log(`  ${' '.repeat(22)} count tick -> player started: median ${fmt(percentile(r.delays, 50))}, max ${fmt(Math.max(...r.delays))} (${r.delays.length} of ${r.counts} counts heard, ${r.dropped} dropped)`);
    console.log(`  ${' '.repeat(22)} memory of everything started for speech: ${r.memory.totalMb.toFixed(0)} MB at most together; largest single peak ${r.memory.peakMb.toFixed(0)} MB (${r.memory.peakName})`);
  }
} finally {
  busy.kill();
}
