// Everything a session shows and says outside the timeline's own cues: the
// plan before it starts, the dry run, the pain questions read aloud and the
// summary. Pure: text in, lines out.
import { doseInWords, exerciseSeconds, formatDuration } from '../catalogue/dose.js';
import { SESSION_SAFETY } from '../catalogue/safety.js';
import { DEFAULT_PAIN_RULES, endPainAdvice, PAIN_QUESTION, PAIN_QUESTION_END, rulesInWords, type PainRules } from '../engine/pain.js';
import type { ExerciseRecord, SessionResult, SessionStatus } from '../engine/record.js';
import { sessionDoneCue, sessionDurationMs, type ExerciseTimeline } from '../engine/timeline.js';
import { colour } from '../terminal/colour.js';
import type { Selection } from './select.js';

function clockText(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** --dry-run: the timeline as lines, or (json) as data. */
export function dryRun(selection: Selection, timelines: ExerciseTimeline[], json: boolean): string[] | object {
  const total = sessionDurationMs(timelines);
  let start = 0;
  const exercises = timelines.map((t) => {
    const entry = {
      id: t.id,
      name: t.name,
      dose: t.dose,
      startMs: start,
      durationMs: t.durationMs,
      // How the movement is taught, in full and brief, and which of the two the session says.
      teach: t.teach,
      taught: t.taught,
      cues: t.cues.map((c) => ({ atMs: start + c.at, kind: c.kind, text: c.text, ...(c.say && { say: c.say }), ...(c.sayMs !== undefined && { sayMs: c.sayMs }) })),
    };
    start += t.durationMs;
    return entry;
  });
  const closing = sessionDoneCue(total);
  const end = { atMs: closing.at, kind: closing.kind, text: closing.text, say: closing.say };
  if (json) return { routine: selection.label, totalMs: total, painChecks: 'before each exercise, and once at the end (not timed)', exercises, end };
  const c = colour();
  const out = [c.bold(`Session "${selection.label}": ${timelines.length} exercise${timelines.length === 1 ? '' : 's'}, about ${formatDuration(total / 1000)} (plus a pain check before each)`), ''];
  for (const exercise of exercises) {
    out.push(`${c.dim(clockText(exercise.startMs).padStart(6))}  ${c.yellow(`pain check: ${PAIN_QUESTION}`)}`);
    for (const cue of exercise.cues) {
      // Each spoken cue with how long it takes to say: its slot is never shorter.
      const length = 'sayMs' in cue && cue.sayMs !== undefined ? c.dim(` (${(cue.sayMs / 1000).toFixed(1)} s)`) : '';
      out.push(`${c.dim(clockText(cue.atMs).padStart(6))}  ${cue.kind === 'count' || cue.kind === 'countdown' ? `  ${cue.text}` : cue.text}${length}`);
    }
  }
  out.push(`${c.dim(clockText(total).padStart(6))}  ${c.yellow(`pain check: ${PAIN_QUESTION_END}`)}`);
  out.push(`${c.dim(clockText(total).padStart(6))}  ${end.text} (Total: ${formatDuration(total / 1000)}.)`);
  return out;
}

/** The plan shown before Enter starts the session. */
export function planLines(selection: Selection, timelines: ExerciseTimeline[], rules: string[] = rulesInWords(DEFAULT_PAIN_RULES)): string[] {
  const c = colour();
  const total = sessionDurationMs(timelines);
  return [
    c.bold(`backex session: ${selection.label}`),
    '',
    ...selection.planned.map((p, i) => `  ${String(i + 1).padStart(2)}. ${p.exercise.name}  ${c.dim(`${doseInWords(p.dose)} · ${formatDuration(exerciseSeconds(p.dose, p.exercise))}`)}`),
    '',
    `  About ${formatDuration(total / 1000)}, plus a pain check before each exercise.`,
    '',
    c.yellow.bold('  Safety'),
    ...SESSION_SAFETY.map((rule) => c.yellow(`  • ${rule}`)),
    // The pain rules in force: backex's own, or the programme's (and whether they loosen backex's own).
    ...rules.map((line) => c.yellow(`  • ${line}`)),
    '',
    `  Press Enter to start, or q to leave.`,
    c.dim(`  During the session: space pause · s skip · p pain: stop · q end · ? keys`),
  ];
}

/** "12 of 15 reps", "15 of 15 reps on each side", "first side done; 2 of 5 reps on the second". */
export function repsInWords(r: Pick<ExerciseRecord, 'repsDone' | 'repsPlanned' | 'repsMinimum' | 'sidesDone' | 'sidesPlanned' | 'dose'>): string {
  const planned = r.repsMinimum < r.repsPlanned ? `${r.repsMinimum}-${r.repsPlanned}` : String(r.repsPlanned);
  // "1 of 1 rep", "0 of 1 rep": the noun goes with what was planned.
  const reps = planned === '1' ? 'rep' : 'reps';
  if (r.sidesPlanned === 1) return `${r.repsDone} of ${planned} ${reps}`;
  // On "each" the first side is done in full before the second starts; repsDone is the fewer of the two.
  if (r.dose.sides === 'each' && r.sidesDone === 1) return `first side done; ${r.repsDone} of ${planned} ${reps} on the second`;
  return `${r.repsDone} of ${planned} ${reps} on each side`;
}

/** The lines printed when the session is over. */
export function summaryLines(result: SessionResult, historyLine: string | undefined, scale = 1, notSaved: string | null = null, rules: PainRules = DEFAULT_PAIN_RULES, notReached: string[] = []): string[] {
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
  // The exercises the session ended before: named, so the list is the whole session as planned.
  if (notReached.length > 0) out.push(`  ${c.dim('not reached'.padEnd(13))}  ${notReached.join(', ')}`);
  out.push('');
  if (result.painStart !== null) {
    const end = result.painEnd === null ? '' : `, ${result.painEnd} at the end`;
    out.push(`  Pain: ${result.painStart} at the start${end} (0 none, 10 worst).`);
  }
  out.push(`  Time: ${formatDuration(result.durationMs / 1000)}${scale === 1 ? '' : ` (at ${scale} times the speed: BACKEX_TIME_SCALE)`}.`);
  // A demonstration is kept, marked as one, but left out of stats, the report and the export.
  if (scale !== 1) out.push(`  This was a demonstration: it is kept in your history, but not counted in stats, reports or exports.`);
  if (historyLine) out.push(`  ${historyLine}`);
  if (notSaved) out.push(c.yellow(`  This session was not saved (${notSaved}). Your earlier history is untouched.`));
  if (result.stopMessage) out.push('', c.yellow(`  ${result.stopMessage}`));
  else {
    const advice = endPainAdvice(result.painStart, result.painEnd, rules);
    if (advice) out.push('', c.yellow(`  ${advice}`));
  }
  return out;
}

/** How a pain question or hint sounds: "0 (none)" read aloud would be odd. */
export function spoken(text: string): string {
  return text
    .replace(/\b0\b/g, 'zero')
    .replace(/\b10\b/g, 'ten')
    .replace(/ \(([^)]*)\)/g, ', $1,')
    .replace(/,([?.;,])/g, '$1');
}

/** What the pain check before an exercise says. */
export function nextSaying(timeline: Pick<ExerciseTimeline, 'name'>): string {
  return `Next: ${timeline.name}. ${spoken(PAIN_QUESTION)}`;
}
