// The figure for the session and for `show` in a terminal: braille rows for a
// moment of the exercise. Pure; the caller decides when to draw.
import type { Exercise } from '../catalogue/schema.js';
import type { Cue, Phase } from '../engine/timeline.js';
import { brailleRows, FIGURE_COLS, FIGURE_ROWS } from './braille.js';
import { along, loopKeyframes, poseAtTime, sidePoses, tween, ease, type Keyframe, LOOP_PACE } from './motion.js';
import { figureBounds, sceneOf, type Bounds } from './scene.js';
import type { Figure, Pose } from './schema.js';

export { FIGURE_COLS, FIGURE_ROWS };

type WithFigure = Exercise & { figure: Figure };

export const hasFigure = (exercise: Exercise): exercise is WithFigure => exercise.figure !== undefined;

/**
 * The pose at a moment of the session. `progress` runs 0 to 1 through the phase:
 * - intro: in position (the setup pose); ready: settling from it into the start;
 * - move: from the start into the held pose (with no hold, out and back again);
 * - hold: still, in the held pose; rest: back from it to the start;
 * - switch: the start of the side now beginning; done: back in position.
 */
export function figurePose(exercise: WithFigure, phase: Phase, side: 0 | 1 | undefined, progress: number): Pose {
  const p = sidePoses(exercise.figure, side);
  const out = [p.start, ...p.move];
  const t = Math.min(1, Math.max(0, Number.isFinite(progress) ? progress : 0));
  switch (phase) {
    case 'intro':
    case 'done':
      return p.setup;
    case 'ready':
      return tween(p.setup, p.start, ease(t));
    case 'move':
      if (exercise.dose.holdSeconds === 0) return t < 0.5 ? along(out, t * 2) : along([...out].reverse(), t * 2 - 1);
      return along(out, t);
    case 'hold':
      return out[out.length - 1]!;
    case 'rest':
      return along([...out].reverse(), t);
    case 'switch':
      return p.start;
  }
}

// Framing an exercise costs a pass over all its poses: done once per figure.
const framed = new WeakMap<Figure, Bounds>();
export function boundsOf(figure: Figure): Bounds {
  let b = framed.get(figure);
  if (!b) framed.set(figure, (b = figureBounds(figure)));
  return b;
}

/** Braille rows (FIGURE_ROWS of FIGURE_COLS characters) of the exercise at this moment; [] when it has no figure. */
export function figureFrame(exercise: Exercise, phase: Phase, side: 0 | 1 | undefined, progress: number): string[] {
  if (!hasFigure(exercise)) return [];
  return brailleRows(sceneOf(figurePose(exercise, phase, side, progress), exercise.figure.ball), boundsOf(exercise.figure));
}

/** Whether the figure moves during this phase (the session need not redraw it in the others). */
export const figureMoves = (phase: Phase): boolean => phase === 'ready' || phase === 'move' || phase === 'rest';

/** For `show`: one rep of the first side (a few seconds), then into its held pose again, to stay there. */
export function showKeyframes(exercise: WithFigure): Keyframe[] {
  const frames = loopKeyframes(exercise.figure, 1);
  const p = sidePoses(exercise.figure, 0);
  let at = frames[frames.length - 1]!.at;
  const add = (pose: Pose, after: number) => frames.push({ at: (at += after), pose });
  if (exercise.figure.setup) add(p.start, LOOP_PACE.step);
  for (const pose of p.move) add(pose, LOOP_PACE.step);
  return frames;
}

/** Braille rows of a keyframe list at a time. */
export function framesAt(exercise: WithFigure, frames: Keyframe[], ms: number): string[] {
  return brailleRows(sceneOf(poseAtTime(frames, ms), exercise.figure.ball), boundsOf(exercise.figure));
}

/** Where a moment of an exercise's timeline is: its phase and side, and when that stretch of the phase began and ends (unscaled ms). */
export interface PhaseWindow {
  phase: Phase;
  side: 0 | 1 | undefined;
  startAt: number;
  endAt: number;
}

/**
 * The stretch of one phase around a moment: from the cue that began it (a
 * change of phase, or a rep's start: tempo reps follow each other in 'move')
 * to the next such cue, or the exercise's end. Pure, from the timeline alone.
 */
export function phaseWindow(cues: readonly Pick<Cue, 'at' | 'phase' | 'side' | 'repStart'>[], durationMs: number, at: number): PhaseWindow | undefined {
  const begins = (i: number) => i === 0 || cues[i]!.phase !== cues[i - 1]!.phase || cues[i]!.repStart === true;
  let i = -1;
  for (let k = 0; k < cues.length && cues[k]!.at <= at; k++) if (begins(k)) i = k;
  if (i === -1) return undefined;
  let end = i + 1;
  while (end < cues.length && !begins(end)) end++;
  const cue = cues[i]!;
  return { phase: cue.phase, side: cue.side, startAt: cue.at, endAt: end < cues.length ? cues[end]!.at : durationMs };
}

/** How long the figure takes at most to move into a held pose, and back (ms): a move is gentle, but done before the counting starts. */
export const MOVE_MS = { into: 2000, back: 1500 } as const;

/**
 * Progress (0 to 1) of the figure through a phase, `ms` into a window of
 * `windowMs`: into the held pose within MOVE_MS.into, back within
 * MOVE_MS.back; a rep without a hold goes out and back over its whole beat.
 */
export function phaseProgress(exercise: Exercise, phase: Phase, ms: number, windowMs: number): number {
  const span = (cap: number) => Math.max(1, Math.min(windowMs, cap));
  const t = phase === 'move' && exercise.dose.holdSeconds > 0 ? ms / span(MOVE_MS.into) : phase === 'rest' ? ms / span(MOVE_MS.back) : ms / Math.max(1, windowMs);
  return Math.min(1, Math.max(0, t));
}
