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

/** The timelines, each phrase's slot from `spokenMs` (its measured length with the voice in use), or the estimate where it has none. */
export function timedSession(planned: PlannedLike[], spokenMs: (text: string) => number | undefined, brief: TimelineOptions['brief'] = false): ExerciseTimeline[] {
  return buildSession(planned, { speechMs: (text) => spokenMs(text) ?? estimateSpeechMs(text), brief });
}
