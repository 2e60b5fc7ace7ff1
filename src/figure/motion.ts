// How a figure moves: poses tweened by their joint angles, as a pure function of
// time or of progress through a session's phase. Nothing here draws.
import type { Figure, Pose } from './schema.js';

/** Ease in and out, so a move starts and ends gently. */
export const ease = (t: number): number => {
  const c = Math.min(1, Math.max(0, t));
  return c * c * (3 - 2 * c);
};

const mix = (a: number, b: number, t: number) => a + (b - a) * t;

/** The pose a fraction t of the way from a to b, angle by angle. A change of facing happens halfway. */
export function tween(a: Pose, b: Pose, t: number): Pose {
  if (t <= 0) return a;
  if (t >= 1) return b;
  if ((a.facing ?? 'right') !== (b.facing ?? 'right')) return t < 0.5 ? a : b;
  const pair = (x: [number, number], y: [number, number]): [number, number] => [mix(x[0], y[0], t), mix(x[1], y[1], t)];
  const limb = (x: [number, number, number?], y: [number, number, number?]): [number, number, number?] => {
    const out = mix(x[2] ?? 0, y[2] ?? 0, t);
    return out === 0 ? pair([x[0], x[1]], [y[0], y[1]]) : [mix(x[0], y[0], t), mix(x[1], y[1], t), out];
  };
  const three = (x: [number, number, number], y: [number, number, number]): [number, number, number] => [mix(x[0], y[0], t), mix(x[1], y[1], t), mix(x[2], y[2], t)];
  return {
    ...(a.facing ? { facing: a.facing } : {}),
    hip: pair(a.hip, b.hip),
    lean: mix(a.lean, b.lean, t),
    spine: pair(a.spine, b.spine),
    neck: mix(a.neck, b.neck, t),
    arm: { left: limb(a.arm.left, b.arm.left), right: limb(a.arm.right, b.arm.right) },
    leg: { left: three(a.leg.left, b.leg.left), right: three(a.leg.right, b.leg.right) },
  };
}

/** Through a list of poses, each leg of the way taking an equal share of t, eased. */
export function along(poses: Pose[], t: number): Pose {
  if (poses.length === 1 || t <= 0) return poses[0]!;
  if (t >= 1) return poses[poses.length - 1]!;
  const scaled = t * (poses.length - 1);
  const i = Math.floor(scaled);
  return tween(poses[i]!, poses[i + 1]!, ease(scaled - i));
}

export interface SidePoses {
  setup: Pose;
  start: Pose;
  /** From the start to the held pose. */
  move: Pose[];
}

/** The poses of one side (0 first, 1 second); a figure without a second side uses the first for both. */
export function sidePoses(figure: Figure, side: 0 | 1 | undefined): SidePoses {
  const other = side === 1 ? figure.otherSide : undefined;
  const start = other?.start ?? figure.start;
  return { setup: figure.setup ?? figure.start, start, move: other?.move ?? figure.move };
}

/** Every pose a figure takes, for framing it once so that it never jumps or leaves its box. */
export function allPoses(figure: Figure): Pose[] {
  return [figure.setup, figure.start, ...figure.move, figure.otherSide?.start, ...(figure.otherSide?.move ?? [])].filter((p): p is Pose => p !== undefined);
}

export interface Keyframe {
  /** Milliseconds from the start of the loop. */
  at: number;
  pose: Pose;
}

export const LOOP_PACE = { settle: 700, step: 900, hold: 1300, rest: 600 } as const;

/**
 * The exercise as one loop: into position, then each side's rep (into the held
 * pose step by step, hold, and back), then back to the setup. The SVG plays it
 * forever; `show` plays it once.
 */
export function loopKeyframes(figure: Figure, sides: 1 | 2): Keyframe[] {
  const frames: Keyframe[] = [];
  let at = 0;
  const to = (pose: Pose, after: number) => {
    at += after;
    frames.push({ at, pose });
  };
  const first = sidePoses(figure, 0);
  frames.push({ at, pose: first.setup });
  if (figure.setup) to(first.setup, LOOP_PACE.settle);
  for (let side = 0 as 0 | 1; side < sides; side++) {
    const p = sidePoses(figure, side);
    to(p.start, figure.setup || side > 0 ? LOOP_PACE.step : LOOP_PACE.settle);
    to(p.start, LOOP_PACE.rest);
    for (const pose of p.move) to(pose, LOOP_PACE.step);
    to(p.move[p.move.length - 1]!, LOOP_PACE.hold);
    for (const pose of [...p.move.slice(0, -1)].reverse()) to(pose, LOOP_PACE.step);
    to(p.start, LOOP_PACE.step);
    if (side === 1 || sides === 1) to(p.start, LOOP_PACE.rest);
  }
  if (figure.setup) to(first.setup, LOOP_PACE.step);
  to(first.setup, LOOP_PACE.rest);
  return frames;
}

/** The pose at a time in a list of keyframes (before the first: the first; after the last: the last). */
export function poseAtTime(frames: Keyframe[], ms: number): Pose {
  if (ms <= frames[0]!.at) return frames[0]!.pose;
  for (let i = 1; i < frames.length; i++) {
    const b = frames[i]!;
    if (ms <= b.at) {
      const a = frames[i - 1]!;
      return b.at === a.at ? b.pose : tween(a.pose, b.pose, ease((ms - a.at) / (b.at - a.at)));
    }
  }
  return frames[frames.length - 1]!.pose;
}

const samePose = (a: Pose, b: Pose) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * When the figure next moves, from a time: that time if it is moving now, the
 * end of the hold if it is holding still, Infinity after the last keyframe.
 * The terminal sleeps until then instead of redrawing a still figure.
 */
export function nextChange(frames: Keyframe[], ms: number): number {
  let i = frames.findIndex((f) => f.at > ms);
  if (i === -1) return Infinity;
  if (i === 0) return frames[0]!.at;
  while (i < frames.length && samePose(frames[i - 1]!.pose, frames[i]!.pose)) i++;
  if (i === frames.length) return Infinity;
  return Math.max(ms, frames[i - 1]!.at);
}
