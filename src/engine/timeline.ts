// A session's plan as data: for each exercise, every cue (what to show, what
// to say) at its time from the exercise's start, in unscaled milliseconds.
// Built only from the dose, with the pacing of src/catalogue/dose.ts, so its
// length is exactly the estimate that `list` shows. The runner plays it.
import { PACE, repBounds, repNamesSide, sideCount, sideNamesOf } from '../catalogue/dose.js';
import type { PlannedExercise } from '../catalogue/plan.js';
import type { Dose } from '../catalogue/schema.js';
import { numberWord } from './words.js';

/** What the user is doing while a cue is current; the screen colours by it. */
export type Phase = 'intro' | 'ready' | 'move' | 'hold' | 'rest' | 'switch' | 'done';

export type CueKind = 'intro' | 'get-ready' | 'countdown' | 'rep' | 'count' | 'relax' | 'switch' | 'done' | 'session-done';

export interface Cue {
  /** Milliseconds from the start of the exercise, before BACKEX_TIME_SCALE. */
  at: number;
  kind: CueKind;
  phase: Phase;
  /** Shown on screen. */
  text: string;
  /** Spoken; absent for nothing to say. */
  say?: string;
  /** Counts are dropped if they would be heard late; sentences may be cut by the next cue. */
  speech?: 'count' | 'sentence';
  rep?: number;
  side?: 0 | 1;
  /** The number to show large: the hold second, the countdown, or the tempo rep. */
  count?: number;
  /** Reaching this cue means this rep on this side is complete. */
  completes?: { rep: number; side: 0 | 1 };
  /** Start of a rep: where a resume after a pause mid-hold goes back to. */
  repStart?: boolean;
  /** From here on a range of reps is open: Enter ends the exercise. */
  open?: boolean;
}

export interface ExerciseTimeline {
  id: string;
  name: string;
  /** 0-based place in the session, and how many exercises it has. */
  index: number;
  of: number;
  dose: Dose;
  position?: string;
  sideNames?: [string, string];
  repsMin: number;
  repsMax: number;
  sides: 1 | 2;
  cues: Cue[];
  durationMs: number;
}

const S = 1000;

export function buildSession(planned: PlannedExercise[]): ExerciseTimeline[] {
  return planned.map((p, index) => buildExercise(p, index, planned.length, planned[index + 1]?.exercise.name));
}

export function buildExercise({ exercise, dose }: PlannedExercise, index: number, of: number, nextName?: string): ExerciseTimeline {
  const cues: Cue[] = [];
  const { min, max } = repBounds(dose.reps);
  const sides = sideCount(dose);
  const names = sideNamesOf(dose);
  const hold = dose.holdSeconds;
  const per = hold > 0 ? null : (dose.tempoSeconds ?? PACE.tempoSeconds) * S;
  const rest = (dose.restSeconds ?? PACE.restSeconds) * S;

  const title = `Exercise ${index + 1} of ${of}: ${exercise.name}`;
  cues.push({
    at: 0,
    kind: 'intro',
    phase: 'intro',
    text: exercise.position ? `${title}. ${exercise.position}` : title,
    say: exercise.position ? `${exercise.name}. ${exercise.position}` : `${exercise.name}.`,
    speech: 'sentence',
  });

  let t = PACE.introSeconds * S;
  cues.push({ at: t, kind: 'get-ready', phase: 'ready', text: 'Get ready. Keep breathing, and count out loud with me.', say: 'Get ready. Keep breathing, and count out loud with me.', speech: 'sentence' });
  for (const n of [3, 2, 1]) {
    cues.push({ at: t + (PACE.getReadySeconds - n) * S, kind: 'countdown', phase: 'ready', text: `Starting in ${n}`, say: numberWord(n), speech: 'count', count: n });
  }
  t += PACE.getReadySeconds * S;

  // A tempo rep is complete when the next cue starts; a held rep when "relax" is said.
  let pendingTempo: { rep: number; side: 0 | 1 } | undefined;
  const push = (cue: Cue) => {
    if (pendingTempo) cue.completes = pendingTempo;
    pendingTempo = undefined;
    cues.push(cue);
  };

  const rep = (k: number, side: 0 | 1) => {
    const sideName = dose.sides === 'none' ? undefined : names[side];
    const spokenSide = sideName !== undefined && repNamesSide(dose, k) ? sideName : undefined;
    const alternate = dose.sides === 'alternate';
    // With alternating sides the last round has two reps: the rest before it warns
    // (said with the rep itself it would not fit before the first count).
    const last = k === max && (!alternate || side === 0);
    const lastWords = alternate ? 'Last round' : 'Last one';
    const range = max > min;
    const open = range && k > min;
    const opensNow = range && k === min + 1 && (!alternate || side === 0);
    const label = `Rep ${k} of ${range ? `${min}-${max}` : max}`;
    const extra = opensNow ? ` Go on to ${max} if it feels good; press Enter when you have had enough.` : '';
    const text = `${last ? `${lastWords}. ` : ''}${label}${sideName ? `: ${sideName}` : ''}.${extra}`;
    // "Rep three of ten", in a range "Rep three of ten to fifteen", and past its minimum just "Rep eleven".
    const of = k > min ? '' : range ? ` of ${numberWord(min)} to ${numberWord(max)}` : ` of ${numberWord(max)}`;
    const repWords = `Rep ${numberWord(k)}${of}${spokenSide ? `, ${spokenSide}` : ''}.`;
    const say = [last && !alternate ? 'Last one.' : '', repWords, opensNow ? `Carry on up to ${numberWord(max)} if it feels good, or press Enter to finish.` : ''].filter(Boolean).join(' ');
    if (last && alternate) {
      // The rest before the last round says it is the last, on screen and aloud.
      const before = cues.findLast((c) => c.kind === 'relax');
      if (before) before.text = before.say = `${before.say} ${lastWords} next.`;
    }
    if (per !== null) {
      // No hold: each rep is announced on the beat, at a steady tempo.
      push({ at: t, kind: 'rep', phase: 'move', text, say, speech: 'sentence', rep: k, side, count: k, repStart: true, open });
      pendingTempo = { rep: k, side };
      t += per;
      return;
    }
    push({ at: t, kind: 'rep', phase: 'move', text, say, speech: 'sentence', rep: k, side, repStart: true, open });
    t += (spokenSide ? PACE.announceSideSeconds : PACE.announceSeconds) * S;
    for (let second = 1; second <= hold; second++) {
      push({ at: t, kind: 'count', phase: 'hold', text: `Hold ${second} of ${hold}`, say: numberWord(second), speech: 'count', rep: k, side, count: second, open });
      t += S;
    }
    const release = exercise.releaseWords?.[side] ?? exercise.releaseWords?.[0] ?? 'Relax.';
    push({ at: t, kind: 'relax', phase: 'rest', text: release, say: release, speech: 'count', rep: k, side, completes: { rep: k, side }, open });
    t += rest;
  };

  if (dose.sides === 'alternate') {
    for (let k = 1; k <= max; k++) {
      rep(k, 0);
      rep(k, 1);
    }
  } else {
    for (let k = 1; k <= max; k++) rep(k, 0);
    if (dose.sides === 'each') {
      push({ at: t, kind: 'switch', phase: 'switch', text: `Switch sides: now the ${names[1]}.`, say: `Switch sides. Now the ${names[1]}.`, speech: 'sentence', side: 1 });
      t += PACE.switchSeconds * S;
      for (let k = 1; k <= max; k++) rep(k, 1);
    }
  }

  const done = `Well done: ${exercise.name} is finished.${nextName ? ` Next up: ${nextName}.` : ''}`;
  push({ at: t, kind: 'done', phase: 'done', text: done, say: done, speech: 'sentence' });
  t += PACE.doneSeconds * S;

  return {
    id: exercise.id,
    name: exercise.name,
    index,
    of,
    dose,
    ...(exercise.position !== undefined && { position: exercise.position }),
    ...(dose.sides !== 'none' && { sideNames: names }),
    repsMin: min,
    repsMax: max,
    sides,
    cues,
    durationMs: t,
  };
}

/** The session's last cue, after the final pain check: said once the whole routine is finished. */
export function sessionDoneCue(at: number): Cue {
  const words = 'That is the session finished. Well done.';
  return { at, kind: 'session-done', phase: 'done', text: words, say: words, speech: 'sentence' };
}

export function sessionDurationMs(timelines: ExerciseTimeline[]): number {
  return timelines.reduce((sum, e) => sum + e.durationMs, 0);
}
