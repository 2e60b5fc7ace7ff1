// The renderers are pure: a pose in, points, braille rows or SVG text out.
// Small golden outputs, and properties over any pose a body can take.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInDataDir } from '../../src/catalogue/load.js';
import { DataFileSchema, type Exercise } from '../../src/catalogue/schema.js';
import type { Phase } from '../../src/engine/timeline.js';
import { RANGE } from '../../src/figure/body.js';
import { brailleRows } from '../../src/figure/braille.js';
import { FIGURE_COLS, FIGURE_ROWS, figureFrame, figureMoves, figurePose, phaseProgress, phaseWindow, showKeyframes } from '../../src/figure/frame.js';
import { bodyPoints, lowestPoint, posePoints } from '../../src/figure/kinematics.js';
import { along, ease, loopKeyframes, nextChange, poseAtTime, tween } from '../../src/figure/motion.js';
import { figureBounds, sceneOf } from '../../src/figure/scene.js';
import type { Figure, Pose } from '../../src/figure/schema.js';
import { exerciseStillSvg, exerciseSvg } from '../../src/figure/svg.js';

const exercises = DataFileSchema.parse(JSON.parse(readFileSync(join(builtInDataDir(), 'exercises.json'), 'utf8'))).exercises!;
const byId = (id: string) => exercises.find((e) => e.id === id)! as Exercise & { figure: Figure };

const standing: Pose = { hip: [0, 50], lean: 0, spine: [0, 0], neck: 0, arm: { left: [0, 0], right: [0, 0] }, leg: { left: [0, 0, 0], right: [0, 0, 0] } };
const mirror = (p: Pose): Pose => ({ ...p, facing: p.facing === 'left' ? 'right' : 'left', arm: { left: p.arm.right, right: p.arm.left }, leg: { left: p.leg.right, right: p.leg.left } });
const round = (v: { x: number; y: number }) => [Math.round(v.x * 10) / 10, Math.round(v.y * 10) / 10];

const within = (r: readonly [number, number]) => fc.integer({ min: r[0], max: r[1] });
const anyPose: fc.Arbitrary<Pose> = fc.record({
  facing: fc.constantFrom('right', 'left') as fc.Arbitrary<'right' | 'left'>,
  hip: fc.tuple(fc.double({ min: -40, max: 40, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true })),
  lean: fc.double({ min: -180, max: 180, noNaN: true }),
  spine: fc.tuple(within(RANGE.spine), within(RANGE.spine)),
  neck: within(RANGE.neck),
  arm: fc.record({ left: fc.tuple(within(RANGE.shoulder), within(RANGE.elbow)), right: fc.tuple(within(RANGE.shoulder), within(RANGE.elbow)) }),
  leg: fc.record({ left: fc.tuple(within(RANGE.hip), within(RANGE.knee), within(RANGE.ankle)), right: fc.tuple(within(RANGE.hip), within(RANGE.knee), within(RANGE.ankle)) }),
});
const isFrame = (rows: string[]) => rows.length === FIGURE_ROWS && rows.every((r) => r.length === FIGURE_COLS && /^[ \u2801-\u28ff]*$/.test(r));

describe('kinematics', () => {
  it('golden: a standing figure, feet forward, arms down', () => {
    const p = bodyPoints(standing);
    expect(round(p.head)).toEqual([0, 91]);
    expect(round(p.shoulder)).toEqual([0, 80]);
    expect(round(p['left wrist'])).toEqual([0, 49]);
    expect(round(p['left ankle'])).toEqual([0, 3]);
    expect(round(p['left toes'])).toEqual([9, 3]);
  });

  it('golden: lying on the back (lean -90) the head is behind, at the hip\'s height; a hip bent 90 degrees points the thigh up', () => {
    const p = bodyPoints({ ...standing, hip: [0, 6], lean: -90, leg: { left: [90, 0, 0], right: [0, 0, 0] } });
    expect(round(p.head)).toEqual([-41, 6]);
    expect(round(p['left knee'])).toEqual([0, 30]);
    expect(round(p['right knee'])).toEqual([24, 6]);
  });

  it('facing left is the mirror image', () => {
    const p = posePoints({ ...standing, facing: 'left' });
    expect(round(p['left toes'])).toEqual([-9, 3]);
  });
});

describe('braille', () => {
  it('golden: a standing figure in a box of 6 x 4 cells, the floor the bottom row of dots', () => {
    const rows = brailleRows(sceneOf(standing, undefined), { minX: -15, maxX: 15, maxY: 100 }, 6, 4);
    // The head a blob of dots, the body one line down the middle, standing on the floor.
    expect(rows).toEqual([
      '  ⢾⡷  ',
      '   ⡇  ',
      '   ⡇  ',
      '⣀⣀⣀⣧⣀⣀',
    ]);
  });

  it('golden: the bird dog, holding (left arm and right leg out, the far leg dotted)', () => {
    expect(figureFrame(byId('bird-dog'), 'hold', 0, 0).join('\n')).toMatchInlineSnapshot(`
      "                                        
                                              
                                              
                                              
                                              
                                              
                                    ⡔⠉⠉⢢      
            ⣀⢀⢀⠠⠠⠠⠠⠄⠄⠄⠄⠄⠄⠄⡤⠔⠒⠒⠒⠒⠒⠉⠩⠉⠹⣍⣩⠟⠉⠑⠒⠒  
          ⡀⠂              ⡇       ⠅           
                          ⡇      ⠘⡀           
                  ⢀⠤⠤⣀⣀⣀⡀ ⡇       ⠐⡀          
      ⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣊⣁⣀⣀⣀⣀⣀⣈⣉⣁⣀⣀⣀⣀⣀⣀⣀⣀⣐⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀"
    `);
  });

  it('property: any pose, any exercise\'s frame: the figure stays inside its box, every row the same width', () => {
    fc.assert(
      fc.property(anyPose, fc.constantFrom(...exercises), (pose, exercise) => {
        const rows = brailleRows(sceneOf(pose, (exercise as Exercise & { figure: Figure }).figure.ball), figureBounds((exercise as Exercise & { figure: Figure }).figure));
        expect(isFrame(rows)).toBe(true);
        // The floor: every cell of the last row has its bottom two dots.
        for (const ch of rows[rows.length - 1]!) expect((ch.charCodeAt(0) - 0x2800) & 0xc0).toBe(0xc0);
      }),
      { numRuns: 200 },
    );
  });

  it('property: a pose and its mirror image differ (unless the figure is symmetric, which a head and feet never are)', () => {
    const bounds = { minX: -120, maxX: 120, maxY: 110 };
    fc.assert(
      fc.property(anyPose, (pose) => {
        // A body as the schema allows it: nothing below the floor (a figure sunk into it could leave only the floor to see).
        fc.pre(lowestPoint(pose).y >= 0);
        expect(brailleRows(sceneOf(mirror(pose), undefined), bounds)).not.toEqual(brailleRows(sceneOf(pose, undefined), bounds));
      }),
      { numRuns: 200 },
    );
  });
});

describe('tweening', () => {
  it('starts at the first pose and ends at the second, angle by angle, eased', () => {
    const a = byId('bird-dog').figure.start;
    const b = byId('bird-dog').figure.move[0]!;
    expect(tween(a, b, 0)).toBe(a);
    expect(tween(a, b, 1)).toBe(b);
    expect(tween(a, b, 0.5).arm.left[0]).toBeCloseTo((a.arm.left[0] + b.arm.left[0]) / 2);
    expect([ease(0), ease(0.5), ease(1)]).toEqual([0, 0.5, 1]);
    expect(along([a, b, a], 0.5)).toEqual(b);
  });

  it('property: any progress gives a pose whose every angle lies between the two poses\'', () => {
    fc.assert(
      fc.property(anyPose, anyPose, fc.double({ min: 0, max: 1, noNaN: true }), (a, b0, t) => {
        const b = { ...b0, facing: a.facing };
        const m = tween(a, b, t);
        const between = (x: number, y: number, v: number) => v >= Math.min(x, y) - 1e-9 && v <= Math.max(x, y) + 1e-9;
        expect(between(a.lean, b.lean, m.lean)).toBe(true);
        expect(between(a.leg.left[1], b.leg.left[1], m.leg.left[1])).toBe(true);
        expect(between(a.arm.right[0], b.arm.right[0], m.arm.right[0])).toBe(true);
      }),
    );
  });

  it('nextChange: while holding still the terminal sleeps to the end of the hold; after the last keyframe, never', () => {
    const frames = loopKeyframes(byId('bird-dog').figure, 2);
    const held = frames.findIndex((f, i) => i > 0 && f.pose === frames[i - 1]!.pose && f.at - frames[i - 1]!.at > 1000);
    expect(held).toBeGreaterThan(0);
    const inHold = (frames[held - 1]!.at + frames[held]!.at) / 2;
    expect(nextChange(frames, inHold)).toBe(frames[held]!.at);
    expect(nextChange(frames, frames[held]!.at + 10)).toBe(frames[held]!.at + 10);
    expect(nextChange(frames, frames[frames.length - 1]!.at + 1)).toBe(Infinity);
    expect(poseAtTime(frames, -5)).toBe(frames[0]!.pose);
  });
});

describe('the session\'s frames', () => {
  const phases: Phase[] = ['intro', 'ready', 'move', 'hold', 'rest', 'switch', 'done'];

  it('every exercise has a figure, a second side exactly when its dose has sides, and a frame for every phase and side it uses', () => {
    expect(exercises).toHaveLength(17);
    for (const e of exercises) {
      expect(e.figure, e.id).toBeDefined();
      expect(e.figure!.otherSide !== undefined, e.id).toBe(e.dose.sides !== 'none');
      const sides = e.dose.sides === 'none' ? [undefined] : ([0, 1] as const);
      for (const side of sides) for (const phase of phases) for (const progress of [0, 0.3, 1]) expect(isFrame(figureFrame(e, phase, side, progress)), `${e.id} ${phase} ${side}`).toBe(true);
    }
  });

  it('the start and the end of each move differ, the hold is the end of the move, and the rest ends back at the start', () => {
    for (const e of exercises) {
      const sides = e.dose.sides === 'none' ? [undefined] : ([0, 1] as const);
      for (const side of sides) {
        const at = (phase: Phase, progress: number) => figureFrame(e, phase, side, progress).join('\n');
        if (e.dose.holdSeconds > 0) {
          expect(at('move', 0), `${e.id} ${side}`).not.toBe(at('move', 1));
          expect(at('hold', 0.5)).toBe(at('move', 1));
          expect(at('rest', 0)).toBe(at('hold', 0));
          expect(at('rest', 1)).toBe(at('move', 0));
        } else {
          // No hold: out and back within the move.
          expect(at('move', 0), e.id).not.toBe(at('move', 0.5));
          expect(at('move', 1)).toBe(at('move', 0));
        }
      }
      if (e.dose.sides !== 'none') expect(figureFrame(e, 'hold', 0, 1), `${e.id}: the two sides`).not.toEqual(figureFrame(e, 'hold', 1, 1));
    }
  });

  it('the figure moves only while getting ready, moving and resting; a still phase ignores progress', () => {
    expect(phases.filter(figureMoves)).toEqual(['ready', 'move', 'rest']);
    const e = byId('bridge');
    for (const phase of ['intro', 'hold', 'switch', 'done'] as Phase[]) expect(figurePose(e, phase, 0, 0)).toEqual(figurePose(e, phase, 0, 0.9));
  });

  it('pure: the same moment gives the same rows, and the exercise is not changed', () => {
    const e = structuredClone(byId('superman'));
    const before = JSON.stringify(e);
    expect(figureFrame(e, 'move', 1, 0.4)).toEqual(figureFrame(e, 'move', 1, 0.4));
    expect(JSON.stringify(e)).toBe(before);
    expect(figureFrame({ ...e, figure: undefined }, 'move', 1, 0.4)).toEqual([]);
  });

  it('show plays the loop once and ends in the held pose of the first side', () => {
    const e = byId('bird-dog');
    const frames = showKeyframes(e);
    expect(frames[frames.length - 1]!.pose).toBe(e.figure.move[e.figure.move.length - 1]);
  });
});

describe('svg', () => {
  it('one document per exercise: a <title>, SMIL animation that loops, no script; text escaped', () => {
    for (const e of exercises as (Exercise & { figure: Figure })[]) {
      const svg = exerciseSvg(e);
      expect(svg.match(/<svg /g), e.id).toHaveLength(1);
      expect(svg).toContain(`<title>${e.name}</title>`);
      expect(svg).toContain('repeatCount="indefinite"');
      expect(svg).toMatch(/width="320"/);
      expect(svg).not.toMatch(/<script|on[a-z]+=/i);
      expect(exerciseStillSvg(e)).toContain(`<title>${e.name}</title>`);
    }
    const odd = { ...byId('bridge'), name: 'Bridge <&> "quotes"' };
    expect(exerciseSvg(odd)).toContain('<title>Bridge &lt;&amp;&gt; &quot;quotes&quot;</title>');
  });

  it('the ball is drawn for the ball exercises only', () => {
    for (const e of exercises as (Exercise & { figure: Figure })[]) expect(exerciseSvg(e).includes('#f3c98b'), e.id).toBe(e.category === 'ball');
  });
});

describe('following a session\'s timeline', () => {
  const dose = (id: string) => byId(id);
  it('phaseWindow: the stretch of a phase around a moment; tempo reps each start their own', async () => {
    const { buildExercise } = await import('../../src/engine/timeline.js');
    const dog = buildExercise({ exercise: dose('bird-dog'), dose: dose('bird-dog').dose } as never, 0, 1);
    const rep = dog.cues.find((c) => c.kind === 'rep')!;
    // The hold starts where it is announced ("Hold for five"), before its first count.
    const holdStart = dog.cues.find((c) => c.at > rep.at && c.phase === 'hold')!;
    const relax = dog.cues.find((c) => c.kind === 'relax')!;
    expect(phaseWindow(dog.cues, dog.durationMs, rep.at + 10)).toEqual({ phase: 'move', side: 0, startAt: rep.at, endAt: holdStart.at });
    // The announcement and the five counts of a hold are one stretch, ending at "relax".
    expect(phaseWindow(dog.cues, dog.durationMs, holdStart.at + 2500)).toEqual({ phase: 'hold', side: 0, startAt: holdStart.at, endAt: relax.at });
    expect(phaseWindow(dog.cues, dog.durationMs, -1)).toBeUndefined();
    expect(phaseWindow(dog.cues, dog.durationMs, dog.durationMs - 1)?.phase).toBe('done');

    const press = buildExercise({ exercise: dose('prone-press-up'), dose: dose('prone-press-up').dose } as never, 0, 1);
    const reps = press.cues.filter((c) => c.kind === 'rep');
    expect(phaseWindow(press.cues, press.durationMs, reps[1]!.at + 1)).toEqual({ phase: 'move', side: 0, startAt: reps[1]!.at, endAt: reps[2]!.at });
  });

  it('phaseProgress: into a held pose within 2 s, back within 1.5 s, a tempo rep over its whole beat', () => {
    expect(phaseProgress(dose('bird-dog'), 'move', 1000, 4000)).toBe(0.5);
    expect(phaseProgress(dose('bird-dog'), 'move', 3000, 4000)).toBe(1);
    expect(phaseProgress(dose('bird-dog'), 'rest', 750, 3000)).toBe(0.5);
    expect(phaseProgress(dose('prone-press-up'), 'move', 2500, 5000)).toBe(0.5);
    expect(phaseProgress(dose('bird-dog'), 'ready', 4000, 8000)).toBe(0.5);
    expect(phaseProgress(dose('bird-dog'), 'move', -5, 0)).toBe(0);
  });
});

describe('a whole session exercise, frame by frame, as the session will draw it', () => {
  it('bird dog: still while holding, back at the start after the release, the second side drawn from the other side', async () => {
    const { buildExercise } = await import('../../src/engine/timeline.js');
    const e = byId('bird-dog');
    const tl = buildExercise({ exercise: e, dose: e.dose } as never, 0, 1);
    const frameAt = (ms: number) => {
      const w = phaseWindow(tl.cues, tl.durationMs, ms)!;
      return figureFrame(e, w.phase, w.side, phaseProgress(e, w.phase, ms - w.startAt, w.endAt - w.startAt)).join('\n');
    };
    const counts = tl.cues.filter((c) => c.kind === 'count' && c.side === 0 && c.rep === 1);
    const relax = tl.cues.find((c) => c.kind === 'relax' && c.side === 0 && c.rep === 1)!;
    const nextRep = tl.cues.find((c) => c.kind === 'rep' && c.side === 1 && c.rep === 1)!;
    // Holding: the same picture from the first count to the last.
    expect(frameAt(counts[0]!.at)).toBe(frameAt(counts[counts.length - 1]!.at + 900));
    // The release moves back to the start pose: it differs from the hold, and ends as the rep began.
    expect(frameAt(relax.at + 1600)).not.toBe(frameAt(counts[0]!.at));
    expect(frameAt(relax.at + 1600)).toBe(frameAt(tl.cues.find((c) => c.kind === 'rep')!.at));
    // The second side's hold is another picture.
    const otherHold = tl.cues.find((c) => c.kind === 'count' && c.side === 1)!;
    expect(frameAt(otherHold.at)).not.toBe(frameAt(counts[0]!.at));
    expect(frameAt(nextRep.at + 3000)).toBe(frameAt(otherHold.at));
  });
});
