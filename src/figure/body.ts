// The figure's body: segment lengths and the range of each joint, in body units
// (a standing figure is about 100 tall; the floor is y = 0, y points up, and a
// figure facing right looks towards +x). Shared by the schema, which refuses
// what a body cannot do, and by the renderers.

export const SEGMENT = {
  /** The trunk in three segments (pelvis to waist, waist to chest, chest to shoulders), so the spine can arch and round. */
  trunk: 10,
  neck: 5,
  headRadius: 6,
  upperArm: 16,
  /** Elbow to wrist. */
  forearm: 15,
  thigh: 24,
  shin: 23,
  /** Ankle to toes. */
  foot: 9,
} as const;

/** [least, most] degrees. Generous: a figure may show any position a person can take, but no more. */
export const RANGE = {
  /** Each upper trunk segment bending forward (flexion, +) or back (extension, -) on the one below. */
  spine: [-30, 45],
  /** The head nodding forward (+) or tipping back (-). */
  neck: [-60, 70],
  /** The arm forward and up (+, 180 is overhead) or back (-). */
  shoulder: [-60, 180],
  elbow: [0, 150],
  /** The arm out to the side (abduction), which a side view sees as a shorter upper arm. Optional, 0 when absent. */
  out: [0, 90],
  /** The thigh forward and up (+) or back (-). */
  hip: [-30, 150],
  knee: [0, 155],
  /** Toes up (+) or pointed (-). */
  ankle: [-50, 30],
} as const;

export type Joint = keyof typeof RANGE;

/** The ball's radius, in body units: a stability ball comes up to about the knee. */
export const BALL_RADIUS = [12, 24] as const;

/** How far a point may dip under the floor, or into the ball, and still be touching it (body units). */
export const TOUCH = 1.5;
