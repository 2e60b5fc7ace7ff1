// One pose of the figure, by joint angles, as zod: every angle within what a
// body can do (src/figure/body.ts), with a message that names the joint. Apart
// from schema.ts so that the kinematics can use the Pose type without a cycle.
import { z } from 'zod';
import { RANGE, type Joint } from './body.js';

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

export const coordinate = (what: string, lo: number, hi: number) => {
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


export type Pose = z.infer<typeof PoseSchema>;
