// How a session is timed for the voice in use, shared by the driver and the
// benchmarks: the phrases it says (rendered ahead, in the order they are
// said), and its timelines with each slot as long as the voice takes to say
// its phrase (measured from the renders, estimated where not measured yet).
import { PAIN_QUESTION_END } from '../engine/pain.js';
import { buildSession, sessionDoneCue, type ExerciseTimeline, type PlannedLike, type TimelineOptions } from '../engine/timeline.js';
import { estimateSpeechMs } from '../engine/words.js';
import { START_SAYING } from './controller.js';
import { nextSaying, spoken } from './words.js';

/** Every phrase a session of these timelines says, in the order it says them (the pain checks' too). */
export function sessionPhrases(timelines: ExerciseTimeline[]): string[] {
  return [START_SAYING, ...timelines.flatMap((t) => [nextSaying(t), ...t.cues.flatMap((c) => (c.say ? [c.say] : []))]), spoken(PAIN_QUESTION_END), sessionDoneCue(0).say!];
}

/**
 * A phrase not rendered yet gets this much more than the estimate: measured over
 * every phrase of --core, festival's HTS voice, espeak-ng and the bundled flite
 * voices take at most 1.28 times the estimate (npm run bench, 2026-11-29).
 */
export const UNMEASURED_MARGIN = 1.3;

/**
 * The timelines, each phrase's slot from `spokenMs` (its measured length with the
 * voice in use), or, where it has none yet (a first session, its renders still
 * coming in), the estimate stretched by the margin above, or by the voice's pace
 * as measured so far where that is slower (`paceOf`: a slow --rate). The session
 * retimes before each pain check and at its answer, as the renders come in. The
 * dry run and `list` keep the plain estimate: they say what a session usually takes.
 */
export function timedSession(planned: PlannedLike[], spokenMs: (text: string) => number | undefined, brief: TimelineOptions['brief'] = false, margin = UNMEASURED_MARGIN): ExerciseTimeline[] {
  const phrases = sessionPhrases(buildSession(planned, { speechMs: estimateSpeechMs, brief }));
  const stretch = Math.max(margin, paceOf(phrases, spokenMs));
  return buildSession(planned, { speechMs: (text) => spokenMs(text) ?? Math.ceil(estimateSpeechMs(text) * stretch), brief });
}

/**
 * The times to show before a session starts: as timedSession, but a phrase not
 * measured yet counts at the estimate, as `list` and the dry run count it (the
 * margin keeps a phrase from being cut; it is not what a session is expected to take).
 */
export function expectedSession(planned: PlannedLike[], spokenMs: (text: string) => number | undefined, brief: TimelineOptions['brief'] = false): ExerciseTimeline[] {
  return timedSession(planned, spokenMs, brief, 1);
}

/** Sentences, not counts: a word or two is mostly the voice's fixed start and end, which says little about its pace. */
const PACE_FROM_MS = 1000;

/** How many times longer than the estimate the voice has taken, at most, over the sentences measured so far; 1 when none has, or none was longer. */
export function paceOf(phrases: string[], spokenMs: (text: string) => number | undefined): number {
  let pace = 1;
  for (const text of phrases) {
    const estimate = estimateSpeechMs(text);
    const measured = spokenMs(text);
    if (measured !== undefined && estimate >= PACE_FROM_MS) pace = Math.max(pace, measured / estimate);
  }
  return pace;
}
