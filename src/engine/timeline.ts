// A session's plan as data: for each exercise, every cue (what to show, what
// to say) at its time from the exercise's start, in unscaled milliseconds.
// Built from the dose, the exercise's words and the pace of src/catalogue/pace.ts.
// Every slot is at least as long as what is said in it (speechMs), so the
// timeline never cuts a sentence off: with a slower voice the session takes
// longer. A hold's seconds stay seconds: a count that would not fit in its
// second is shown and not said. With the estimated pace its length is what
// `list` shows (src/engine/duration.ts works it out without the cues). The
// runner plays it.
import { PACE, repBounds, sideCount, sideNamesOf } from '../catalogue/pace.js';
import type { Dose, Exercise } from '../catalogue/schema.js';
import { doneWords, HALFWAY_WORDS, halfwaySecond, holdSay, introSay, READY_WORDS, releaseSay, repFacts, repOrder, repSay, repText, switchSay } from './phrases.js';
import { estimateSpeechMs, numberWord, speakable, teachingOf, type Teaching } from './words.js';

/** What the user is doing while a cue is current; the screen colours by it. */
export type Phase = 'intro' | 'ready' | 'move' | 'hold' | 'rest' | 'switch' | 'done';

export type CueKind = 'intro' | 'teach' | 'get-ready' | 'countdown' | 'rep' | 'hold' | 'count' | 'relax' | 'switch' | 'done' | 'session-done';

export interface Cue {
  /** Milliseconds from the start of the exercise, before BACKEX_TIME_SCALE. */
  at: number;
  kind: CueKind;
  phase: Phase;
  /** Shown on screen. */
  text: string;
  /** Spoken; absent for nothing to say. */
  say?: string;
  /** Counts are dropped if they would be heard late; sentences are said whole. */
  speech?: 'count' | 'sentence';
  /** How long saying `say` takes (milliseconds, from speechMs): the cue's slot is at least this long. */
  sayMs?: number;
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
  /** How the movement is taught, in full and brief (as shown; `speakable` gives each as said). */
  teach: Teaching;
  /** Which of the two the 'teach' cues say. */
  taught: 'full' | 'brief';
  cues: Cue[];
  durationMs: number;
}

export interface PlannedLike {
  exercise: Exercise;
  dose: Dose;
}

export interface TimelineOptions {
  /** Milliseconds a phrase takes to say with the voice in use (default: a conservative estimate of festival's pace). */
  speechMs?: (text: string) => number;
  /** Teach briefly: every exercise, or those for which this says so (for example, done earlier this week). */
  brief?: boolean | ((id: string, index: number) => boolean);
}

const S = 1000;

export function buildSession(planned: PlannedLike[], options: TimelineOptions = {}): ExerciseTimeline[] {
  return planned.map((p, index) => buildExercise(p, index, planned.length, options));
}

/** Places cues one after another, each at least as long as it takes to say. */
class Slots {
  readonly cues: Cue[] = [];
  /** Where the next cue goes. */
  t = 0;
  /** When the voice is free again. */
  private free = 0;
  /** A tempo rep is complete when the next cue starts. */
  pending: { rep: number; side: 0 | 1 } | undefined;

  constructor(private readonly speechMs: (text: string) => number) {}

  private add(cue: Cue): Cue {
    if (this.pending) cue.completes = this.pending;
    this.pending = undefined;
    this.cues.push(cue);
    return cue;
  }

  /** Each phrase measured once: counts and rests repeat. */
  private readonly measured = new Map<string, number>();

  private measure(say: string): number {
    let ms = this.measured.get(say);
    if (ms === undefined) this.measured.set(say, (ms = Math.max(0, Math.ceil(this.speechMs(say)))));
    return ms;
  }

  /** A sentence: it waits for the voice, and its slot lasts at least `minMs` and until it has been said. */
  sentence(cue: Omit<Cue, 'at'> & { say: string }, minMs: number): Cue {
    // Cues are made here and filled in place: spreading them was most of the time `list` took.
    const placed: Cue = cue as Cue;
    placed.at = Math.max(this.t, this.free);
    placed.sayMs = this.measure(cue.say);
    this.free = placed.at + placed.sayMs + PACE.gapMs;
    this.t = Math.max(placed.at + minMs, this.free);
    return this.add(placed);
  }

  /**
   * A count keeps its second, and is said only if the voice is free then and it fits
   * in the second; a sentence in a second ("halfway") may run on over the next counts,
   * which are then shown and not said.
   */
  count(cue: Omit<Cue, 'at' | 'say' | 'speech'>, say: string, speech: 'count' | 'sentence' = 'count'): Cue {
    const placed = cue as Cue;
    placed.at = this.t;
    const sayMs = this.measure(say);
    if (placed.at >= this.free && (speech === 'sentence' || sayMs <= S)) {
      placed.say = say;
      placed.speech = speech;
      placed.sayMs = sayMs;
      this.free = placed.at + sayMs + (speech === 'sentence' ? PACE.gapMs : 0);
    }
    this.t = placed.at + S;
    return this.add(placed);
  }
}

export function buildExercise({ exercise, dose }: PlannedLike, index: number, of: number, options: TimelineOptions = {}): ExerciseTimeline {
  const slots = new Slots(options.speechMs ?? estimateSpeechMs);
  const { min, max } = repBounds(dose.reps);
  const sides = sideCount(dose);
  const names = sideNamesOf(dose);
  const hold = dose.holdSeconds;
  const tempo = hold > 0 ? null : (dose.tempoSeconds ?? PACE.tempoSeconds) * S;
  const rest = (dose.restSeconds ?? PACE.restSeconds) * S;
  const teach = teachingOf(exercise);
  const brief = typeof options.brief === 'function' ? options.brief(exercise.id, index) : Boolean(options.brief);
  const sentence = (cue: Omit<Cue, 'at' | 'speech'> & { say: string }, minMs = 0) => {
    (cue as Cue).speech = 'sentence';
    return slots.sentence(cue, minMs);
  };

  const title = `Exercise ${index + 1} of ${of}: ${exercise.name}`;
  sentence({
    kind: 'intro',
    phase: 'intro',
    text: exercise.position ? `${title}. ${exercise.position}` : title,
    say: introSay(exercise),
  });
  for (const words of brief ? teach.brief : teach.full) sentence({ kind: 'teach', phase: 'intro', text: words, say: speakable(words) });
  // Name, position and teaching together leave at least this long to get into position.
  slots.t = Math.max(slots.t, PACE.introSeconds * S);

  sentence({ kind: 'get-ready', phase: 'ready', text: READY_WORDS, say: READY_WORDS }, (PACE.getReadySeconds - 3) * S);
  for (const n of [3, 2, 1]) slots.count({ kind: 'countdown', phase: 'ready', text: `Starting in ${n}`, count: n }, numberWord(n));

  const rep = (k: number, side: 0 | 1) => {
    const f = repFacts(exercise, dose, k, side);
    const { open } = f;
    const text = repText(f);
    const say = repSay(f);
    if (tempo !== null) {
      // No hold: each rep is announced on the beat, at a steady tempo (or as long as it takes to say).
      sentence({ kind: 'rep', phase: 'move', text, say, rep: k, side, count: k, repStart: true, open }, tempo);
      slots.pending = { rep: k, side };
      return;
    }
    sentence({ kind: 'rep', phase: 'move', text, say, rep: k, side, repStart: true, open }, PACE.announceSeconds * S);
    sentence({ kind: 'hold', phase: 'hold', text: `Hold for ${hold} ${hold === 1 ? 'second' : 'seconds'}.`, say: holdSay(hold), rep: k, side, open }, PACE.holdSeconds * S);
    // Long holds: a word at halfway, and a reminder to breathe.
    const halfway = halfwaySecond(hold);
    for (let second = 1; second <= hold; second++) {
      const text = `Hold ${second} of ${hold}`;
      if (second === halfway) slots.count({ kind: 'count', phase: 'hold', text: `${text}: halfway. Keep breathing.`, rep: k, side, count: second, open }, HALFWAY_WORDS, 'sentence');
      else slots.count({ kind: 'count', phase: 'hold', text, rep: k, side, count: second, open }, numberWord(second));
    }
    const after = releaseSay(exercise, dose, k, side);
    slots.sentence({ kind: 'relax', phase: 'rest', text: after, say: after, speech: 'count', rep: k, side, completes: { rep: k, side }, open }, rest);
  };

  for (const step of repOrder(dose.sides, max)) {
    if (step === 'switch') sentence({ kind: 'switch', phase: 'switch', text: `Switch sides: now the ${names[1]}.`, say: switchSay(dose), side: 1 }, PACE.switchSeconds * S);
    else rep(...step);
  }

  const done = doneWords(exercise);
  sentence({ kind: 'done', phase: 'done', text: done, say: done }, PACE.doneSeconds * S);

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
    teach,
    taught: brief ? 'brief' : 'full',
    cues: slots.cues,
    durationMs: slots.t,
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
