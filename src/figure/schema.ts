// The figure's poses in a data file, as zod: the `figure` of an exercise. Every
// angle is checked against what a body can do (src/figure/body.ts), and every
// pose against the floor and the ball, with a message that names the joint:
//   exercises[8] "bird-dog": figure.move[0].leg.right[1] must be the right knee's bend, from 0 to 155 degrees, got 170
import { z } from 'zod';
import { BALL_RADIUS, RANGE, TOUCH, type Joint } from './body.js';
import { lowestPoint, poseSegments, type PointName } from './kinematics.js';

const WORDS: Record<Joint, string> = {
  spine: 'bend of the spine',
  neck: 'nod of the head',
  shoulder: 'shoulder angle',
  elbow: 'elbow bend',
  hip: 'hip angle',
  knee: 'knee bend',
  ankle: 'ankle angle',
  out: 'arm\'s angle out to the side',
};

const angle = (joint: Joint, owner = '') => {
  const [lo, hi] = RANGE[joint];
  const message = `must be the ${owner}${WORDS[joint]}, from ${lo} to ${hi} degrees`;
  return z.number({ error: message }).min(lo, { error: message }).max(hi, { error: message });
};

const coordinate = (what: string, lo: number, hi: number) => {
  const message = `must be the ${what}, from ${lo} to ${hi} body units (a standing figure is about 100 tall)`;
  return z.number({ error: message }).min(lo, { error: message }).max(hi, { error: message });
};

const arm = (side: 'left' | 'right') =>
  z.tuple([angle('shoulder', `${side} `), angle('elbow', `${side} `), angle('out', `${side} `).optional()], { error: `must be the ${side} arm's [shoulder, elbow] angles in degrees, and how far it is out to the side if it is` });
const leg = (side: 'left' | 'right') =>
  z.tuple([angle('hip', `${side} `), angle('knee', `${side} `), angle('ankle', `${side} `)], { error: `must be the ${side} leg's [hip, knee, ankle] angles in degrees` });

export const PoseSchema = z.strictObject(
  {
    /** The figure is seen from its left side, facing right; "left" shows it from its right side (mirrored). */
    facing: z.enum(['right', 'left'], { error: 'must be "right" (seen from the left side) or "left" (seen from the right side)' }).optional(),
    /** Where the hip joint is: [x, y] in body units, the floor at y = 0. */
    hip: z.tuple([coordinate('hip\'s x', -150, 150), coordinate('hip\'s height', 0, 120)], { error: 'must be the hip\'s [x, y] in body units' }),
    /** Direction of the lower trunk: 0 upright, 90 face down with the head forward, -90 on the back with the head behind. */
    lean: z.number({ error: 'must be the trunk\'s lean, from -180 to 180 degrees' }).min(-180, { error: 'must be the trunk\'s lean, from -180 to 180 degrees' }).max(180, { error: 'must be the trunk\'s lean, from -180 to 180 degrees' }),
    /** Flexion of the middle and upper trunk on the segment below (forward +, arched back -). */
    spine: z.tuple([angle('spine', 'lower '), angle('spine', 'upper ')], { error: 'must be the [lower, upper] bends of the spine in degrees' }),
    neck: angle('neck'),
    arm: z.strictObject({ left: arm('left'), right: arm('right') }, { error: 'must be { "left": [shoulder, elbow], "right": [shoulder, elbow] }' }),
    leg: z.strictObject({ left: leg('left'), right: leg('right') }, { error: 'must be { "left": [hip, knee, ankle], "right": [hip, knee, ankle] }' }),
  },
  { error: 'must be a pose: { "hip": [x, y], "lean", "spine", "neck", "arm", "leg" }' },
).meta({ id: 'pose', description: 'A pose of the figure, by joint angles in degrees (see docs/figures.md)' }); // one definition in the JSON Schema, not six

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

export type Pose = z.infer<typeof PoseSchema>;
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
