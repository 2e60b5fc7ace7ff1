// How long an exercise's timeline is, without building it: what `list` and
// `show` print for each exercise. buildExercise (src/engine/timeline.ts) makes a
// cue object, its text and its spoken words for every second of every hold, and
// `list` did that for every exercise on every start (most of the time it took
// beyond loading, README: Speed). This places the same phrases (src/engine/phrases.ts)
// by the same rules, keeping only the two times the rules use: where the next
// cue goes and when the voice is free again. test/engine/duration.test.ts holds
// it equal to the timeline's length, with the estimated pace of speech, for
// every exercise and routine in the catalogue and for generated exercises and doses.
import { PACE, repBounds } from '../catalogue/pace.js';
import type { Dose, Exercise } from '../catalogue/schema.js';
import { doneWords, HALFWAY_WORDS, halfwaySecond, holdSay, introSay, READY_WORDS, releaseSay, repFacts, repOrder, repSay, switchSay } from './phrases.js';
import { estimateSpeechMs, fullTeaching, speakable } from './words.js';

const S = 1000;

/**
 * Milliseconds of the exercise's timeline with this dose, taught in full:
 * buildExercise({ exercise, dose }, i, n, { speechMs }).durationMs. `list` and
 * `show` use the estimated pace of speech (the default).
 */
export function exerciseDurationMs(exercise: Exercise, dose: Dose, speechMs: (text: string) => number = estimateSpeechMs): number {
  // Slots in timeline.ts: each phrase measured as there; a sentence waits for the voice and lasts at least minMs and until it has been said.
  const measure = (say: string) => Math.max(0, Math.ceil(speechMs(say)));
  let t = 0;
  let free = 0;
  const sentence = (say: string, minMs = 0) => {
    const at = Math.max(t, free);
    free = at + measure(say) + PACE.gapMs;
    t = Math.max(at + minMs, free);
  };
  // A count keeps its second. A count said in it ends within the second; the one
  // sentence among the counts ("halfway") is always said (the voice is free after a
  // sentence and after a count) and may run on past later counts, which are then not said.
  const counts = (n: number, halfway = 0) => {
    for (let second = 1; second <= n; second++) {
      if (second === halfway) free = t + measure(HALFWAY_WORDS) + PACE.gapMs;
      t = t + S;
    }
  };

  const { max } = repBounds(dose.reps);
  const hold = dose.holdSeconds;
  const tempo = hold > 0 ? null : (dose.tempoSeconds ?? PACE.tempoSeconds) * S;
  const rest = (dose.restSeconds ?? PACE.restSeconds) * S;

  sentence(introSay(exercise));
  for (const words of fullTeaching(exercise)) sentence(speakable(words));
  t = Math.max(t, PACE.introSeconds * S);
  sentence(READY_WORDS, (PACE.getReadySeconds - 3) * S);
  counts(3);

  const halfway = halfwaySecond(hold);
  const rep = (k: number, side: 0 | 1) => {
    const say = repSay(repFacts(exercise, dose, k, side));
    if (tempo !== null) {
      sentence(say, tempo);
      return;
    }
    sentence(say, PACE.announceSeconds * S);
    sentence(holdSay(hold), PACE.holdSeconds * S);
    counts(hold, halfway);
    sentence(releaseSay(exercise, dose, k, side), rest);
  };
  for (const step of repOrder(dose.sides, max)) {
    if (step === 'switch') sentence(switchSay(dose), PACE.switchSeconds * S);
    else rep(...step);
  }
  sentence(doneWords(exercise), PACE.doneSeconds * S);
  return t;
}
