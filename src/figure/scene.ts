// What is drawn for a pose: the limbs as chains of points, far side first, the
// head, the ball; and one frame (bounding box) for all of an exercise's poses,
// so that the figure keeps its place and size while it moves. Pure.
import { SEGMENT } from './body.js';
import { posePoints, type Point } from './kinematics.js';
import type { Ball, Figure, Pose } from './schema.js';
import { allPoses } from './motion.js';

export interface Scene {
  /** Drawn first, lighter: the limbs on the side away from the viewer. */
  far: Point[][];
  /** Trunk and neck. */
  trunk: Point[];
  head: { centre: Point; radius: number };
  /** Drawn last: the limbs on the viewer's side. */
  near: Point[][];
  ball?: { centre: Point; radius: number };
}

export function sceneOf(pose: Pose, ball: Ball | undefined): Scene {
  const p = posePoints(pose);
  // Facing right the viewer sees the left side; facing left, the right side.
  const [near, far] = pose.facing === 'left' ? (['right', 'left'] as const) : (['left', 'right'] as const);
  const limbs = (side: 'left' | 'right') => [
    [p.hip, p[`${side} knee`], p[`${side} ankle`], p[`${side} toes`]],
    [p.shoulder, p[`${side} elbow`], p[`${side} wrist`]],
  ];
  const scene: Scene = { far: limbs(far), trunk: [p.hip, p.waist, p.chest, p.shoulder, p.neck], head: { centre: p.head, radius: SEGMENT.headRadius }, near: limbs(near) };
  if (ball) scene.ball = { centre: { x: pose.facing === 'left' ? -ball.x : ball.x, y: ball.y }, radius: ball.r };
  return scene;
}

export interface Bounds {
  minX: number;
  maxX: number;
  /** The floor is always y = 0, at the bottom. */
  maxY: number;
}

export function sceneBounds(scenes: Scene[]): Bounds {
  let minX = Infinity;
  let maxX = -Infinity;
  let maxY = 0;
  const add = (x: number, y: number, r = 0) => {
    minX = Math.min(minX, x - r);
    maxX = Math.max(maxX, x + r);
    maxY = Math.max(maxY, y + r);
  };
  for (const s of scenes) {
    for (const chain of [...s.far, s.trunk, ...s.near]) for (const q of chain) add(q.x, q.y);
    add(s.head.centre.x, s.head.centre.y, s.head.radius);
    if (s.ball) add(s.ball.centre.x, s.ball.centre.y, s.ball.radius);
  }
  return { minX, maxX, maxY };
}

/** The frame for every pose of a figure, with a little room for the moves between them. */
export function figureBounds(figure: Figure): Bounds {
  const b = sceneBounds(allPoses(figure).map((pose) => sceneOf(pose, figure.ball)));
  const margin = 6;
  return { minX: b.minX - margin, maxX: b.maxX + margin, maxY: b.maxY + margin };
}
