// Which phrases an exercise's timeline would cut short: played as the runner
// plays it (each phrase handed to the voice `leadMs` before its cue), a phrase
// is cut when the next one is handed over before it has finished sounding.
// The exercise's last phrase runs up to the end of the exercise, where the
// pain check before the next one is said. For `npm run bench` and the tests:
// the timeline means to give every phrase a slot at least as long as it takes
// to say, so with the lengths it was built from this is always empty.
import { advanceRun, startRun } from './runner.js';
import type { ExerciseTimeline } from './timeline.js';

export interface Cut {
  /** The phrase cut short, and the one that cut it (or "the end of the exercise"). */
  text: string;
  by: string;
  /** When it is handed over (ms from the exercise's start), how long it has until the next, and how long it takes to say. */
  at: number;
  slotMs: number;
  spokenMs: number;
}

export const END_OF_EXERCISE = 'the end of the exercise';

/** Every phrase said in `timeline` whose length (`spokenMs`, else the length it was timed with) is longer than the time until the next phrase is handed over. */
export function cutsIn(timeline: ExerciseTimeline, spokenMs: (text: string) => number | undefined = () => undefined, leadMs = 0): Cut[] {
  const { events } = advanceRun(startRun(timeline, { leadMs }, 0), Infinity);
  const says = events.filter((e) => e.type === 'say');
  const cuts: Cut[] = [];
  says.forEach((event, i) => {
    const next = says[i + 1];
    const text = event.cue.say!;
    const slotMs = (next ? next.due : timeline.durationMs) - event.due;
    const length = spokenMs(text) ?? event.cue.sayMs ?? 0;
    if (length > slotMs) cuts.push({ text, by: next ? next.cue.say! : END_OF_EXERCISE, at: event.due, slotMs, spokenMs: length });
  });
  return cuts;
}
