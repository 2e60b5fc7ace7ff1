// The figure's poses in a data file, as zod: the `figure` of an exercise. Every
// angle is checked against what a body can do (src/figure/body.ts), and every
// pose against the floor and the ball, with a message that names the joint:
//   exercises[8] "bird-dog": figure.move[0].leg.right[1] must be the right knee's bend, from 0 to 155 degrees, got 170
import { z } from 'zod';
import { BALL_RADIUS, TOUCH } from './body.js';
import { lowestPoint, poseSegments, type PointName } from './kinematics.js';
import { coordinate, PoseSchema, type Pose } from './pose.js';

export { PoseSchema, type Pose };

const radiusMessage = `must be the ball's radius, from ${BALL_RADIUS[0]} to ${BALL_RADIUS[1]} body units`;
export const BallSchema = z.strictObject(
  {
    x: coordinate('ball\'s x', -150, 150),
    /** The centre's height: the radius, as the ball rests on the floor. */
    y: coordinate('ball\'s height', 0, 120),
    r: z.number({ error: radiusMessage }).min(BALL_RADIUS[0], { error: radiusMessage }).max(BALL_RADIUS[1], { error: radiusMessage }),
  },
  { error: 'must be the stability ball: { "x", "y", "r" }' },
);

const poses = z.array(PoseSchema, { error: 'must be a list of poses' }).min(1, { error: 'must list at least one pose' });

export const FigureSchema = z
  .strictObject(
    {
      /** The stability ball, drawn as a circle; it stays where it is. */
      ball: BallSchema.optional(),
      /** Getting into position, before the first rep (the bridge lies down before its hips go up); the start pose when absent. */
      setup: PoseSchema.optional(),
      /** The pose between reps. */
      start: PoseSchema,
      /** The move of one rep, pose by pose from the start; the last is held. */
      move: poses,
      /** The second side, where the side matters: its start (the first side's when absent) and its move. */
      otherSide: z.strictObject({ start: PoseSchema.optional(), move: poses }, { error: 'must be the second side: { "start", "move" }' }).optional(),
    },
    { error: 'must be a figure: { "start": pose, "move": [poses] }' },
  )
  .superRefine((figure, ctx) => {
    const { ball } = figure;
    if (ball && Math.abs(ball.y - ball.r) > TOUCH) {
      ctx.addIssue({ code: 'custom', path: ['ball', 'y'], message: `must equal the ball's radius (${ball.r}) so that the ball rests on the floor` });
    }
    const named: [Pose, (string | number)[]][] = [];
    if (figure.setup) named.push([figure.setup, ['setup']]);
    named.push([figure.start, ['start']]);
    figure.move.forEach((p, i) => named.push([p, ['move', i]]));
    if (figure.otherSide?.start) named.push([figure.otherSide.start, ['otherSide', 'start']]);
    figure.otherSide?.move.forEach((p, i) => named.push([p, ['otherSide', 'move', i]]));
    // A pose already refused for its angles is not checked against the floor: one problem at a time.
    const sound = (pose: Pose) => PoseSchema.safeParse(pose).success;
    const ballSound = ball === undefined || BallSchema.safeParse(ball).success;
    for (const [pose, path] of named) for (const problem of sound(pose) && ballSound ? groundProblems(pose, ball) : []) ctx.addIssue({ code: 'custom', path: [...path, ...problem.path], message: problem.message });
  });

export type Ball = z.infer<typeof BallSchema>;
export type Figure = z.infer<typeof FigureSchema>;

/** Which field of a pose moves a point (the message points there). */
const FIELD: Record<PointName, (string | number)[]> = {
  hip: ['hip'],
  waist: ['lean'],
  chest: ['spine', 0],
  shoulder: ['spine', 1],
  neck: ['spine', 1],
  head: ['neck'],
  'left elbow': ['arm', 'left'],
  'left wrist': ['arm', 'left'],
  'right elbow': ['arm', 'right'],
  'right wrist': ['arm', 'right'],
  'left knee': ['leg', 'left'],
  'left ankle': ['leg', 'left'],
  'left toes': ['leg', 'left'],
  'right knee': ['leg', 'right'],
  'right ankle': ['leg', 'right'],
  'right toes': ['leg', 'right'],
};

/** A body on the floor does not go through it, nor float above it, nor into the ball. */
export function groundProblems(pose: Pose, ball: Ball | undefined): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const segments = poseSegments(pose);
  // One message per limb (or trunk, or head): its deepest point.
  const deepest = new Map<string, { name: PointName; depth: number }>();
  for (const s of segments) {
    const key = FIELD[s.name].join('.');
    if (s.lowest < -TOUCH && -s.lowest > (deepest.get(key)?.depth ?? 0)) deepest.set(key, { name: s.name, depth: -s.lowest });
  }
  for (const { name, depth } of deepest.values()) {
    problems.push({ path: FIELD[name], message: `puts the ${name} ${depth.toFixed(1)} units through the floor (raise the hip or bend the joints differently)` });
  }
  const lowest = lowestPoint(pose);
  const touching = lowest.y <= 3 + TOUCH || (ball !== undefined && segments.some((s) => s.distanceTo(ball.x, ball.y) <= ball.r + TOUCH));
  if (!touching) problems.push({ path: ['hip'], message: `leaves the body floating: its lowest point, the ${lowest.name}, is ${lowest.y.toFixed(1)} units above the floor` });
  if (ball) {
    const inside = new Map<string, { name: PointName; depth: number }>();
    for (const s of segments) {
      const depth = ball.r - s.distanceTo(ball.x, ball.y);
      const key = FIELD[s.name].join('.');
      if (depth > 2 * TOUCH && depth > (inside.get(key)?.depth ?? 0)) inside.set(key, { name: s.name, depth });
    }
    for (const { name, depth } of inside.values()) problems.push({ path: FIELD[name], message: `puts the ${name} ${depth.toFixed(1)} units into the ball` });
  }
  return problems;
}
