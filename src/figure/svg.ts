// The figure as one self-contained SVG document: the exercise's loop (into
// position, each side's rep, hold, back) animated with SMIL, no script, with the
// floor and the ball. Pure: an exercise in, the document's text out.
import type { Exercise } from '../catalogue/schema.js';
import type { Point } from './kinematics.js';
import { loopKeyframes, poseAtTime, sidePoses, type Keyframe } from './motion.js';
import { figureBounds, sceneOf, type Bounds, type Scene } from './scene.js';
import type { Figure } from './schema.js';

const COLOURS = { near: '#1f4e79', far: '#8fb3d1', trunk: '#1f4e79', ball: '#f3c98b', ballEdge: '#b7791f', floor: '#5a5a5a', mat: '#e9eef2' };
const WIDTH = { trunk: 9, limb: 6 };
/** Samples per second of movement: the browser interpolates the points between them. */
const SAMPLES_PER_SECOND = 12;

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
const n = (v: number) => String(Math.round(v * 10) / 10);

interface View {
  width: number;
  height: number;
  point: (p: Point) => [number, number];
}

function viewOf(bounds: Bounds): View {
  const pad = 4;
  const width = bounds.maxX - bounds.minX + 2 * pad;
  const height = bounds.maxY + 2 * pad + 4;
  return { width, height, point: (p) => [p.x - bounds.minX + pad, bounds.maxY + pad - p.y] };
}

const pointsText = (view: View, chain: Point[]) => chain.map((p) => view.point(p).map(n).join(',')).join(' ');

/** The shapes of a scene, in drawing order: far limbs, ball, trunk, head, near limbs. Each shape's animated attributes come from `attributesOf`. */
function shapes(scene: Scene) {
  return [
    ...scene.far.map((_, i) => ({ kind: 'limb' as const, colour: COLOURS.far, get: (s: Scene) => s.far[i]! })),
    { kind: 'trunk' as const, colour: COLOURS.trunk, get: (s: Scene) => s.trunk },
    ...scene.near.map((_, i) => ({ kind: 'limb' as const, colour: COLOURS.near, get: (s: Scene) => s.near[i]! })),
  ];
}

function header(exercise: Exercise, view: View, extraDesc = ''): string {
  const desc = [exercise.position, extraDesc].filter(Boolean).join(' ');
  const w = 320;
  const h = Math.round((w * view.height) / view.width);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${n(view.width)} ${n(view.height)}" role="img">`,
    `<title>${escapeXml(exercise.name)}</title>`,
    desc ? `<desc>${escapeXml(desc)}</desc>` : '',
    `<rect x="0" y="0" width="${n(view.width)}" height="${n(view.height)}" fill="#ffffff"/>`,
  ].filter(Boolean).join('\n');
}

function floor(view: View): string {
  const [, y] = view.point({ x: 0, y: 0 });
  return `<rect x="0" y="${n(y)}" width="${n(view.width)}" height="${n(view.height - y)}" fill="${COLOURS.mat}"/>\n<line x1="0" y1="${n(y)}" x2="${n(view.width)}" y2="${n(y)}" stroke="${COLOURS.floor}" stroke-width="1.5"/>`;
}

function staticScene(scene: Scene, view: View, opacity = 1): string {
  const out: string[] = [`<g opacity="${opacity}" fill="none" stroke-linecap="round" stroke-linejoin="round">`];
  if (scene.ball) {
    const [x, y] = view.point(scene.ball.centre);
    out.push(`<circle cx="${n(x)}" cy="${n(y)}" r="${n(scene.ball.radius)}" fill="${COLOURS.ball}" stroke="${COLOURS.ballEdge}" stroke-width="1.5"/>`);
  }
  for (const shape of shapes(scene)) {
    if (shape.kind === 'trunk') {
      out.push(`<polyline points="${pointsText(view, shape.get(scene))}" stroke="${shape.colour}" stroke-width="${WIDTH.trunk}"/>`);
      const [hx, hy] = view.point(scene.head.centre);
      out.push(`<circle cx="${n(hx)}" cy="${n(hy)}" r="${n(scene.head.radius)}" fill="${COLOURS.trunk}" stroke="none"/>`);
    } else {
      out.push(`<polyline points="${pointsText(view, shape.get(scene))}" stroke="${shape.colour}" stroke-width="${WIDTH.limb}"/>`);
    }
  }
  out.push('</g>');
  return out.join('\n');
}

/** Times (ms) at which to sample the loop: every keyframe, and in between while the figure moves. */
function sampleTimes(frames: Keyframe[]): number[] {
  const times = [0];
  for (let i = 1; i < frames.length; i++) {
    const a = frames[i - 1]!;
    const b = frames[i]!;
    const span = b.at - a.at;
    if (span <= 0) continue;
    const still = JSON.stringify(a.pose) === JSON.stringify(b.pose);
    const steps = still ? 1 : Math.max(2, Math.round((span / 1000) * SAMPLES_PER_SECOND));
    for (let k = 1; k <= steps; k++) times.push(a.at + (span * k) / steps);
  }
  return times;
}

function animate(attribute: string, values: string[], keyTimes: string, dur: string): string {
  return `<animate attributeName="${attribute}" values="${values.join(';')}" keyTimes="${keyTimes}" dur="${dur}" repeatCount="indefinite" calcMode="linear"/>`;
}

/** The exercise's figure, animated through its phases in a loop. */
export function exerciseSvg(exercise: Exercise & { figure: Figure }): string {
  const figure = exercise.figure;
  const frames = loopKeyframes(figure, exercise.dose.sides === 'none' ? 1 : 2);
  const total = frames[frames.length - 1]!.at;
  const times = sampleTimes(frames);
  const scenes = times.map((t) => sceneOf(poseAtTime(frames, t), figure.ball));
  const view = viewOf(figureBounds(figure));
  const keyTimes = times.map((t) => (t / total).toFixed(4)).join(';');
  const dur = `${(total / 1000).toFixed(2)}s`;
  const first = scenes[0]!;

  const out = [header(exercise, view, exercise.dose.sides === 'none' ? 'The figure moves through one rep, again and again.' : 'The figure moves through one rep on each side (the second seen from the other side), again and again.'), floor(view), '<g fill="none" stroke-linecap="round" stroke-linejoin="round">'];
  if (first.ball) {
    const [x, y] = view.point(first.ball.centre);
    out.push(`<circle cx="${n(x)}" cy="${n(y)}" r="${n(first.ball.radius)}" fill="${COLOURS.ball}" stroke="${COLOURS.ballEdge}" stroke-width="1.5">`);
    const xs = scenes.map((s) => n(view.point(s.ball!.centre)[0]));
    if (new Set(xs).size > 1) out.push(animate('cx', xs, keyTimes, dur));
    out.push('</circle>');
  }
  for (const shape of shapes(first)) {
    const values = scenes.map((s) => pointsText(view, shape.get(s)));
    const width = shape.kind === 'trunk' ? WIDTH.trunk : WIDTH.limb;
    out.push(`<polyline points="${values[0]}" stroke="${shape.colour}" stroke-width="${width}">${animate('points', values, keyTimes, dur)}</polyline>`);
    if (shape.kind === 'trunk') {
      const heads = scenes.map((s) => view.point(s.head.centre));
      out.push(`<circle cx="${n(heads[0]![0])}" cy="${n(heads[0]![1])}" r="${n(first.head.radius)}" fill="${COLOURS.trunk}" stroke="none">`);
      out.push(animate('cx', heads.map((h) => n(h[0])), keyTimes, dur));
      out.push(animate('cy', heads.map((h) => n(h[1])), keyTimes, dur));
      out.push('</circle>');
    }
  }
  out.push('</g>', '</svg>', '');
  return out.join('\n');
}

/** One still picture: the start pose, faint, and the held pose of the first side over it (for hand-outs and the contact sheet). */
export function exerciseStillSvg(exercise: Exercise & { figure: Figure }): string {
  const figure = exercise.figure;
  const side = sidePoses(figure, 0);
  const view = viewOf(figureBounds(figure));
  const held = side.move[side.move.length - 1]!;
  return [
    header(exercise, view, 'Faint: the start. Solid: the held pose.'),
    floor(view),
    staticScene(sceneOf(side.start, figure.ball), view, 0.3),
    staticScene(sceneOf(held, figure.ball), view),
    '</svg>',
    '',
  ].join('\n');
}
