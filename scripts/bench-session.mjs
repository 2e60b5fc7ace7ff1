// Session timing, for `npm run bench`: a real-speed session of about a minute
// in a pseudo-terminal, with one core kept busy by another process, measured
// from its BACKEX_TRACE: how late each tick was (max, 99th percentile), the
// drift at the end, and, with a real speech engine, the delay from a count's
// tick to the moment the engine hands its audio to the player (a recording
// `aplay` stand-in first on PATH logs that moment).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchTerminal, playerStandIns } from './bench-pty.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function which(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/**
 * A fake audio player that logs when it is handed audio (epoch ms), then "plays"
 * it: sleeps for as long as the audio lasts (festival runs `aplay ... -r $SR $FILE`
 * with 16-bit mono samples), so festival is busy while a real one would be.
 * A shell script, not Node: it must log within a millisecond or two of being started.
 */
function recorderDir(log) {
  return playerStandIns(log, [
    'rate=16000; file=""',
    'while [ $# -gt 0 ]; do case "$1" in -r) rate="$2"; shift;; *) file="$1";; esac; shift; done',
    '[ -f "$file" ] && sleep "$(awk -v b="$(wc -c < "$file")" -v r="$rate" \'BEGIN { printf "%.3f", b / (2 * r) }\')"',
  ], ['aplay', 'paplay', 'play']);
}

async function runSession({ voice, seconds }) {
  const home = mkdtempSync(join(tmpdir(), 'backex-bench-session-'));
  mkdirSync(join(home, 'config'), { recursive: true });
  // One exercise of about a minute, shaped like bird dog (the longest announcements):
  // sides alternating, holds of 5 s; each round is two reps of 4 + 5 + 3 s (8 + 7 + 2 x 24 + 4 = 67 s).
  const reps = Math.max(1, Math.round((seconds - 19) / 24));
  const dose = { reps, holdSeconds: 5, sides: 'alternate', sideNames: ['left arm and right leg', 'right arm and left leg'] };
  writeFileSync(join(home, 'config', 'bench.json'), JSON.stringify({ exercises: [{ id: 'bench-hold', name: 'Bench hold', category: 'core', position: 'On your hands and knees.', steps: ['Hold.'], dose }] }));
  const trace = join(home, 'trace.jsonl');
  const audioLog = join(home, 'audio.log');
  writeFileSync(audioLog, '');
  const env = { ...process.env, BACKEX_HOME: home, BACKEX_TRACE: trace, PATH: `${recorderDir(audioLog)}:${process.env.PATH}` };
  delete env.BACKEX_TIME_SCALE;
  const args = ['session', '--exercises', 'bench-hold', ...(voice ? [] : ['--no-voice'])];
  const { term, exited, waitFor } = benchTerminal(args, env);
  await waitFor('Press Enter to start');
  term.write('\r');
  await waitFor('from 0 (none) to 10 (worst)');
  term.write('1\r');
  // Key reaction: space (pause) and space (resume) twice, each time noted when written.
  const keyWrites = [];
  if (!voice) {
    for (const wait of [20_000, 700, 10_000, 700]) {
      await new Promise((r) => setTimeout(r, wait));
      keyWrites.push(performance.timeOrigin + performance.now());
      term.write(' ');
    }
  }
  await waitFor('how is your back pain now', (seconds + 30) * 1000);
  term.write('\r');
  // The note at the end: Enter alone skips it.
  await waitFor('How did it go?');
  term.write('\r');
  await exited;

  const lines = readFileSync(trace, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const ticks = lines.filter((l) => l.event === 'tick');
  const lateness = ticks.map((l) => l.t - l.due);
  const end = lines.find((l) => l.event === 'session-end');
  const result = {
    ticks: ticks.length,
    maxLate: Math.max(...lateness),
    p99Late: percentile(lateness, 99),
    medianLate: percentile(lateness, 50),
    // Ticks are scheduled from the start, so the last tick's lateness is the drift after a minute.
    drift: lateness.at(-1),
  };
  if (keyWrites.length && end?.origin) {
    const keys = lines.filter((l) => l.event === 'key' && l.key === 'space');
    const reactions = keys.map((k, i) => end.origin + k.t - keyWrites[i]);
    result.keyMax = Math.max(...reactions);
    result.keyMedian = percentile(reactions, 50);
  }
  if (voice && end?.origin) {
    // Each count's tick, in epoch ms, against the audio hand-overs that follow it.
    const heard = readFileSync(audioLog, 'utf8').split('\n').filter(Boolean).map((ns) => Number(ns) / 1e6).sort((a, b) => a - b);
    const cues = lines.filter((l) => l.event === 'cue');
    const counts = ticks.map((tick, i) => ({ tick, cue: cues[i] })).filter(({ cue }) => /^Hold \d+ of/.test(cue?.text ?? ''));
    const delays = [];
    for (const { tick } of counts) {
      const at = end.origin + tick.due;
      const next = heard.find((h) => h >= at - 300);
      if (next !== undefined && next - at < 1000) delays.push(next - at);
    }
    result.spokenCounts = `${delays.length} of ${counts.length}`;
    result.said = lines.filter((l) => l.event === 'say').length;
    result.cut = lines.filter((l) => l.event === 'say-cut');
    if (delays.length > 0) {
      result.audioMedian = percentile(delays, 50);
      result.audioMax = Math.max(...delays);
    }
  }
  return result;
}

/** The speech figure needs the real festival: install Debian's package when it is missing and we may (root, apt-get). */
function ensureFestival() {
  if (which('festival')) return true;
  if (process.getuid?.() !== 0 || !which('apt-get')) {
    console.log('  (festival is not installed, and apt-get is not available to root here: no speech figure)');
    return false;
  }
  console.log('  installing festival for the speech figure (apt-get)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  spawnSync('apt-get', ['install', '-y', '-qq', 'festival'], { stdio: 'ignore', env });
  return which('festival');
}

const seconds = Number(process.env.BENCH_SESSION_SECONDS ?? 69);
const busy = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
try {
  console.log(`\nsession timing: one ${seconds} s session at real speed, one core kept busy by another process:`);
  // Voices are measured by bench-voice.mjs (rendered ahead, then played); this run is the timer alone.
  const engines = [['none', false]];
  if (process.env.BENCH_SESSION_FESTIVAL && ensureFestival()) engines.push(['festival', true]);
  for (const [name, voice] of engines) {
    const r = await runSession({ voice, seconds });
    const fmt = (n) => (n === undefined ? '-' : `${n.toFixed(1)} ms`);
    if (r.keyMax !== undefined) console.log(`  key press -> handled (space, 4 times): median ${fmt(r.keyMedian)}, max ${fmt(r.keyMax)}`);
    console.log(`  voice ${name.padEnd(9)} ticks ${r.ticks}, lateness median ${fmt(r.medianLate)}, p99 ${fmt(r.p99Late)}, max ${fmt(r.maxLate)}; drift at the end ${fmt(r.drift)}`);
    if (voice) {
      console.log(`  ${' '.repeat(16)}count tick -> audio handed to the player: median ${fmt(r.audioMedian)}, max ${fmt(r.audioMax)} (${r.spokenCounts} counts heard)`);
      console.log(`  ${' '.repeat(16)}phrases said ${r.said}; cut short by the next one: ${r.cut.length}${r.cut.length ? ` (by: ${[...new Set(r.cut.map((c) => c.by))].join(' | ')})` : ''}`);
    }
  }
} finally {
  busy.kill();
}
