// `backex session`: chooses the exercises, then either prints the timeline
// (--dry-run) or runs the session on the terminal. This module only wires
// adapters (prompts, keys, screen, voice, history, trace) around the pure
// engine in src/engine/; prompts, spinner and speech are imported here only.
import { doseInWords, exerciseSeconds, formatDuration } from '../catalogue/dose.js';
import { requireExercise, requireRoutine } from '../catalogue/find.js';
import type { Catalogue } from '../catalogue/load.js';
import { planRoutine, type PlannedExercise } from '../catalogue/plan.js';
import { SEE_A_PROFESSIONAL, SESSION_SAFETY } from '../catalogue/safety.js';
import { PAIN_STOP_AT } from '../engine/pain.js';
import type { ExerciseRecord, SessionStatus } from '../engine/record.js';
import type { SessionResult } from '../engine/session.js';
import { buildSession, sessionDoneCue, sessionDurationMs, type ExerciseTimeline } from '../engine/timeline.js';
import { UsageError } from '../errors.js';
import { colour } from '../terminal/colour.js';
import { print, printJson, catalogueFor } from './common.js';

export interface Selection {
  label: string;
  planned: PlannedExercise[];
}

const ROUTINE_FLAGS = ['stretch', 'core', 'ball', 'all'] as const;

/** What the options ask for, or null when nothing was chosen. */
export function selectFromOptions(catalogue: Catalogue, options: Record<string, unknown>): Selection | null {
  const labels: string[] = [];
  const planned: PlannedExercise[] = [];
  const flags = ROUTINE_FLAGS.filter((f) => options[f]);
  if (flags.length > 0) {
    // Several routine flags combine, in the page's order, each exercise once.
    const seen = new Set<string>();
    const union = flags.flatMap((f) => planRoutine(catalogue, requireRoutine(catalogue.routines, f))).filter((p) => !seen.has(p.exercise.id) && seen.add(p.exercise.id));
    union.sort((a, b) => (a.exercise.number ?? Infinity) - (b.exercise.number ?? Infinity));
    planned.push(...union);
    labels.push(flags.includes('all') ? 'all' : flags.join('+'));
  }
  if (options.routine) {
    const routine = requireRoutine(catalogue.routines, String(options.routine));
    planned.push(...planRoutine(catalogue, routine));
    labels.push(routine.id);
  }
  if (options.exercises !== undefined) {
    const names = String(options.exercises).split(',').map((s) => s.trim()).filter(Boolean);
    if (names.length === 0) throw new UsageError('--exercises needs a comma-separated list, like --exercises bird-dog,11,superman');
    for (const name of names) {
      const exercise = requireExercise(catalogue.exercises, name);
      planned.push({ exercise, dose: exercise.dose });
    }
    labels.push('custom');
  }
  if (planned.length === 0) return null;
  // Each exercise once, where it first comes ("--exercises bird-dog,9" or "--core --routine core" are slips, not a plan).
  const seen = new Set<string>();
  return { label: labels.join('+'), planned: planned.filter((p) => !seen.has(p.exercise.id) && seen.add(p.exercise.id)) };
}

function clockText(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function printDryRun(selection: Selection, timelines: ExerciseTimeline[], json: boolean): void {
  const total = sessionDurationMs(timelines);
  let start = 0;
  const exercises = timelines.map((t) => {
    const entry = { id: t.id, name: t.name, dose: t.dose, startMs: start, durationMs: t.durationMs, cues: t.cues.map((c) => ({ atMs: start + c.at, kind: c.kind, text: c.text, ...(c.say && { say: c.say }) })) };
    start += t.durationMs;
    return entry;
  });
  const closing = sessionDoneCue(total);
  const end = { atMs: closing.at, kind: closing.kind, text: closing.text, say: closing.say };
  if (json) {
    printJson({ routine: selection.label, totalMs: total, painChecks: 'before each exercise, and once at the end (not timed)', exercises, end });
    return;
  }
  const c = colour();
  const out = [c.bold(`Session "${selection.label}": ${timelines.length} exercise${timelines.length === 1 ? '' : 's'}, about ${formatDuration(total / 1000)} (plus a pain check before each)`), ''];
  for (const exercise of exercises) {
    out.push(`${c.dim(clockText(exercise.startMs).padStart(6))}  ${c.yellow('pain check: How is your back pain right now, from 0 (none) to 10 (worst)?')}`);
    for (const cue of exercise.cues) out.push(`${c.dim(clockText(cue.atMs).padStart(6))}  ${cue.kind === 'count' || cue.kind === 'countdown' ? `  ${cue.text}` : cue.text}`);
  }
  out.push(`${c.dim(clockText(total).padStart(6))}  ${c.yellow('pain check: And how is your back pain now?')}`);
  out.push(`${c.dim(clockText(total).padStart(6))}  ${end.text} (Total: ${formatDuration(total / 1000)}.)`);
  print(out);
}

export async function run(_args: string[], options: Record<string, unknown>): Promise<number> {
  const catalogue = await catalogueFor(options);
  let selection = selectFromOptions(catalogue, options);
  const env = process.env;
  const scale = parseScale(env.BACKEX_TIME_SCALE);

  if (options.dryRun) {
    if (!selection) throw new UsageError('choose what to do: --core, --stretch, --ball, --all, --routine <name> or --exercises <list> (with --dry-run)');
    printDryRun(selection, buildSession(selection.planned), Boolean(options.json));
    return 0;
  }
  if (options.json) throw new UsageError('--json goes with --dry-run (a session itself is interactive)');
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError('a session needs a terminal to answer the pain checks and press keys; to see the plan without one, add --dry-run');
  }

  if (!selection) {
    const [{ select }, { promptTheme }] = await Promise.all([import('@inquirer/prompts'), import('../terminal/prompt-theme.js')]);
    const leave = () => {
      // Ctrl-C at the chooser: nothing was started, so nothing to save.
      process.stdout.write('\nNo session today. Take care.\n');
      return 130;
    };
    // Ctrl-C before the prompt has the keyboard (a real SIGINT) leaves the same way.
    const onSigint = () => process.exit(leave());
    process.once('SIGINT', onSigint);
    const id = await select({
      message: 'Which routine would you like to do?',
      theme: promptTheme(),
      choices: catalogue.routines.map((r) => {
        const planned = planRoutine(catalogue, r);
        const seconds = planned.reduce((sum, p) => sum + exerciseSeconds(p.dose), 0);
        return { name: `${r.name} (${planned.length} exercises, about ${formatDuration(seconds)})`, value: r.id, ...(r.description && { description: r.description }) };
      }),
    }).catch(() => null);
    process.off('SIGINT', onSigint);
    if (id === null) return leave();
    selection = { label: id, planned: planRoutine(catalogue, requireRoutine(catalogue.routines, id)) };
  }

  const { runInTerminal } = await import('../terminal/session-terminal.js');
  return runInTerminal(selection, buildSession(selection.planned), { scale, options, env });
}

function parseScale(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1000) throw new UsageError(`BACKEX_TIME_SCALE must be a number above 0 (like 10 for ten times faster), got "${value}"`);
  return scale;
}

/** The plan shown before Enter starts the session. */
export function planLines(selection: Selection, timelines: ExerciseTimeline[]): string[] {
  const c = colour();
  const total = sessionDurationMs(timelines);
  return [
    c.bold(`backex session: ${selection.label}`),
    '',
    ...selection.planned.map((p, i) => `  ${String(i + 1).padStart(2)}. ${p.exercise.name}  ${c.dim(`${doseInWords(p.dose)} · ${formatDuration(exerciseSeconds(p.dose))}`)}`),
    '',
    `  About ${formatDuration(total / 1000)}, plus a pain check before each exercise.`,
    '',
    c.yellow.bold('  Safety'),
    ...SESSION_SAFETY.map((rule) => c.yellow(`  • ${rule}`)),
    '',
    `  Press Enter to start, or q to leave.`,
    c.dim(`  During the session: space pause · s skip · p pain: stop · q end · ? keys`),
  ];
}

/** "12 of 15 reps", "15 of 15 reps on each side", "first side done; 2 of 5 reps on the second". */
export function repsInWords(r: Pick<ExerciseRecord, 'repsDone' | 'repsPlanned' | 'repsMinimum' | 'sidesDone' | 'sidesPlanned' | 'dose'>): string {
  const planned = r.repsMinimum < r.repsPlanned ? `${r.repsMinimum}-${r.repsPlanned}` : String(r.repsPlanned);
  if (r.sidesPlanned === 1) return `${r.repsDone} of ${planned} reps`;
  // On "each" the first side is done in full before the second starts; repsDone is the fewer of the two.
  if (r.dose.sides === 'each' && r.sidesDone === 1) return `first side done; ${r.repsDone} of ${planned} reps on the second`;
  return `${r.repsDone} of ${planned} reps on each side`;
}

/** The lines printed when the session is over. */
export function summaryLines(result: SessionResult, historyLine: string | undefined, scale = 1, notSaved: string | null = null): string[] {
  const c = colour();
  const titles: Record<SessionStatus, string> = {
    finished: 'Session finished. Well done.',
    'pain-stop': 'Session ended because of pain.',
    quit: 'Session ended early.',
    interrupted: 'Session interrupted.',
  };
  // Padded before colouring, so the names line up.
  const label = (r: SessionResult['records'][number]) => {
    const words = { done: 'done', 'skipped-pain': 'skipped: pain', skipped: 'skipped', stopped: r.painBefore === null ? 'not started' : 'stopped' }[r.status];
    const padded = words.padEnd(13);
    return r.status === 'done' ? c.green(padded) : r.status === 'skipped-pain' ? c.yellow(padded) : c.dim(padded);
  };
  const out = [c.bold(titles[result.status]), ''];
  for (const r of result.records) {
    // An exercise the session ended before (at its pain check) has nothing done to tell.
    const reps = r.status === 'stopped' && r.painBefore === null ? '' : repsInWords(r);
    const pain = r.painBefore !== null ? `pain before ${r.painBefore}` : '';
    out.push(`  ${label(r)}  ${r.name}  ${c.dim([reps, pain].filter(Boolean).join(' · '))}`.trimEnd());
  }
  out.push('');
  if (result.painStart !== null) {
    const end = result.painEnd === null ? '' : `, ${result.painEnd} at the end`;
    out.push(`  Pain: ${result.painStart} at the start${end} (0 none, 10 worst).`);
  }
  out.push(`  Time: ${formatDuration(result.durationMs / 1000)}${scale === 1 ? '' : ` (at ${scale} times the speed: BACKEX_TIME_SCALE)`}.`);
  if (historyLine) out.push(`  ${historyLine}`);
  if (notSaved) out.push(c.yellow(`  This session was not saved (${notSaved}). Your earlier history is untouched.`));
  if (result.stopMessage) out.push('', c.yellow(`  ${result.stopMessage}`));
  else if (result.painEnd !== null && result.painEnd >= PAIN_STOP_AT) out.push('', c.yellow(`  ${SEE_A_PROFESSIONAL}`));
  return out;
}
