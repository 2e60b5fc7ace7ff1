// Forward kinematics: a pose (joint angles) to the points of the figure, in body
// units (floor y = 0, y up). Pure. Angles of segments in the world are measured
// from straight down, turning towards the way the figure faces: 0 down,
// 90 forward, 180 up, -90 back. A figure facing left is the mirror image.
import { SEGMENT } from './body.js';
import type { Pose } from './pose.js';

export type Point = { x: number; y: number };

export type PointName =
  | 'hip' | 'waist' | 'chest' | 'shoulder' | 'neck' | 'head'
  | 'left elbow' | 'left wrist' | 'right elbow' | 'right wrist'
  | 'left knee' | 'left ankle' | 'left toes' | 'right knee' | 'right ankle' | 'right toes';

export type Points = Record<PointName, Point>;

/** Each point's parent: the segment that ends at it starts there. */
export const PARENT: Record<Exclude<PointName, 'hip'>, PointName> = {
  waist: 'hip',
  chest: 'waist',
  shoulder: 'chest',
  neck: 'shoulder',
  head: 'neck',
  'left elbow': 'shoulder',
  'left wrist': 'left elbow',
  'right elbow': 'shoulder',
  'right wrist': 'right elbow',
  'left knee': 'hip',
  'left ankle': 'left knee',
  'left toes': 'left ankle',
  'right knee': 'hip',
  'right ankle': 'right knee',
  'right toes': 'right ankle',
};

const rad = Math.PI / 180;
const step = (from: Point, angle: number, length: number): Point => ({ x: from.x + Math.sin(angle * rad) * length, y: from.y - Math.cos(angle * rad) * length });

/** The figure's points, before any mirroring (as if it faced right). */
export function bodyPoints(pose: Pose): Points {
  const hip = { x: pose.hip[0], y: pose.hip[1] };
  const t0 = 180 - pose.lean;
  const t1 = t0 - pose.spine[0];
  const t2 = t1 - pose.spine[1];
  const waist = step(hip, t0, SEGMENT.trunk);
  const chest = step(waist, t1, SEGMENT.trunk);
  const shoulder = step(chest, t2, SEGMENT.trunk);
  const headAngle = t2 - pose.neck;
  const neck = step(shoulder, headAngle, SEGMENT.neck);
  const head = step(neck, headAngle, SEGMENT.headRadius);
  const arm = ([s, e, out = 0]: [number, number, number?]) => {
    const upper = t2 - 180 + s;
    // An arm out to the side is seen end-on, shorter, from the side.
    const elbow = step(shoulder, upper, SEGMENT.upperArm * Math.cos(out * rad));
    return [elbow, step(elbow, upper + e, SEGMENT.forearm)] as const;
  };
  const leg = ([h, k, a]: [number, number, number]) => {
    const thigh = t0 - 180 + h;
    const knee = step(hip, thigh, SEGMENT.thigh);
    const shin = thigh - k;
    const ankle = step(knee, shin, SEGMENT.shin);
    return [knee, ankle, step(ankle, shin + 90 + a, SEGMENT.foot)] as const;
  };
  const [le, lw] = arm(pose.arm.left);
  const [re, rw] = arm(pose.arm.right);
  const [lk, la, lt] = leg(pose.leg.left);
  const [rk, ra, rt] = leg(pose.leg.right);
  return {
    hip, waist, chest, shoulder, neck, head,
    'left elbow': le, 'left wrist': lw, 'right elbow': re, 'right wrist': rw,
    'left knee': lk, 'left ankle': la, 'left toes': lt, 'right knee': rk, 'right ankle': ra, 'right toes': rt,
  };
}

/** The points as drawn: mirrored (x to -x) when the figure faces left. */
export function posePoints(pose: Pose): Points {
  const points = bodyPoints(pose);
  if (pose.facing !== 'left') return points;
  return Object.fromEntries(Object.entries(points).map(([k, p]) => [k, { x: -p.x, y: p.y }])) as Points;
}

export interface Segment {
  /** The point the segment ends at. */
  name: PointName;
  from: Point;
  to: Point;
  /** The lowest y of the segment (the head: of its circle). */
  lowest: number;
  /** Distance from a point to the segment's surface line (the head: to its circle). */
  distanceTo(x: number, y: number): number;
}

export function poseSegments(pose: Pose): Segment[] {
  const points = bodyPoints(pose);
  return (Object.keys(PARENT) as (keyof typeof PARENT)[]).map((name) => {
    const from = points[PARENT[name]];
    const to = points[name];
    if (name === 'head') {
      return { name, from, to, lowest: to.y - SEGMENT.headRadius, distanceTo: (x, y) => Math.max(0, Math.hypot(x - to.x, y - to.y) - SEGMENT.headRadius) };
    }
    return { name, from, to, lowest: Math.min(from.y, to.y), distanceTo: (x, y) => segmentDistance(from, to, x, y) };
  });
}

export function lowestPoint(pose: Pose): { name: PointName; y: number } {
  let best: { name: PointName; y: number } = { name: 'hip', y: pose.hip[1] };
  for (const s of poseSegments(pose)) if (s.lowest < best.y) best = { name: s.name, y: s.lowest };
  return best;
}

function segmentDistance(a: Point, b: Point, x: number, y: number): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / length2));
  return Math.hypot(x - (a.x + t * dx), y - (a.y + t * dy));
}
