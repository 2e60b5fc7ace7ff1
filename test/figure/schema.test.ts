// The figure's schema refuses what a body cannot do, a body through the floor
// or floating above it, a ball off the floor or through the body, and says
// which exercise and which joint.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInDataDir, loadCatalogue } from '../../src/catalogue/load.js';
import { tempHome } from '../support/backex.js';
import type { Exercise } from '../../src/catalogue/schema.js';
import { validateDataFile } from '../../src/catalogue/validate.js';
import { RANGE } from '../../src/figure/body.js';
import type { Pose } from '../../src/figure/schema.js';

const builtIn = (JSON.parse(readFileSync(join(builtInDataDir(), 'exercises.json'), 'utf8')) as { exercises: Exercise[] }).exercises;
const copy = (id: string) => structuredClone(builtIn.find((e) => e.id === id)!);
const problemsOf = (exercise: Exercise) => {
  const result = validateDataFile({ exercises: [exercise] }, 'my.json');
  return result.ok ? [] : result.problems;
};

describe('figure schema', () => {
  it('a knee bent further than a knee can: the file, the exercise, the pose and the joint, what was expected, what it got', () => {
    const dog = copy('bird-dog');
    dog.figure!.move[0]!.leg.right[1] = 170;
    expect(problemsOf(dog)).toEqual(['my.json: exercises[0] "bird-dog": figure.move[0].leg.right[1] must be the right knee bend, from 0 to 155 degrees, got 170']);
  });

  it('an elbow bent backwards, a spine twisted past its range, an arm out too far', () => {
    const bridge = copy('bridge');
    bridge.figure!.start.arm.left[1] = -20;
    bridge.figure!.otherSide!.move[0]!.spine[1] = 80;
    bridge.figure!.start.arm.right = [10, 10, 120];
    expect(problemsOf(bridge)).toEqual([
      'my.json: exercises[0] "bridge": figure.start.arm.left[1] must be the left elbow bend, from 0 to 150 degrees, got -20',
      'my.json: exercises[0] "bridge": figure.start.arm.right[2] must be the right arm\'s angle out to the side, from 0 to 90 degrees, got 120',
      'my.json: exercises[0] "bridge": figure.otherSide.move[0].spine[1] must be the upper bend of the spine, from -30 to 45 degrees, got 80',
    ]);
  });

  it('a body through the floor names the joint that goes through', () => {
    const dog = copy('bird-dog');
    dog.figure!.start.hip = [dog.figure!.start.hip[0], 12];
    const problems = problemsOf(dog);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatch(/^my\.json: exercises\[0\] "bird-dog": figure\.start\.(arm\.left|arm\.right|leg\.left|leg\.right) puts the (left|right) (elbow|wrist|knee|ankle|toes) \d+\.\d units through the floor/);
    expect(problems.join('\n')).toMatch(/left wrist/);
  });

  it('a body floating above the floor', () => {
    const brace = copy('neutral-spine-brace');
    brace.figure!.start.hip = [0, 40];
    expect(problemsOf(brace)).toEqual([expect.stringMatching(/^my\.json: exercises\[0\] "neutral-spine-brace": figure\.start\.hip leaves the body floating: its lowest point, the \w[\w ]*, is \d+\.\d units above the floor$/)]);
  });

  it('a ball that does not touch the floor, and a ball through the body', () => {
    const marching = copy('ball-marching');
    marching.figure!.ball!.y = marching.figure!.ball!.r + 6;
    expect(problemsOf(marching)).toContain('my.json: exercises[0] "ball-marching": figure.ball.y must equal the ball\'s radius (15) so that the ball rests on the floor, got 21');
    const sunk = copy('ball-marching');
    sunk.figure!.start.hip = [0, 20];
    expect(problemsOf(sunk).join('\n')).toMatch(/figure\.start\.\S+ puts the [a-z ]+ \d+\.\d units into the ball/);
  });

  it('a user\'s own version of a page exercise keeps its figure unless it gives one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backex-figure-'));
    const mine = { id: 'bird-dog', name: 'My bird dog', category: 'core', steps: ['Slowly.'], dose: { reps: 5, holdSeconds: 3, sides: 'alternate' } };
    const withOwn = { ...mine, id: 'bridge', figure: copy('backward-rock').figure };
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ exercises: [mine, withOwn] }));
    const catalogue = await loadCatalogue({ data: [join(dir, 'mine.json')], env: { BACKEX_HOME: tempHome() } });
    expect(catalogue.exercises.find((e) => e.id === 'bird-dog')!.figure).toEqual(copy('bird-dog').figure);
    expect(catalogue.exercises.find((e) => e.id === 'bridge')!.figure).toEqual(copy('backward-rock').figure);
  });

  it('a figure may be left out, and then it is simply not drawn', () => {
    const dog = copy('bird-dog');
    delete dog.figure;
    expect(problemsOf(dog)).toEqual([]);
  });

  it('property: any angle outside its joint\'s range is refused, naming that joint', () => {
    const joints = [
      { path: ['leg', 'left', 0], joint: 'left hip angle', range: RANGE.hip },
      { path: ['leg', 'right', 1], joint: 'right knee bend', range: RANGE.knee },
      { path: ['leg', 'left', 2], joint: 'left ankle angle', range: RANGE.ankle },
      { path: ['arm', 'left', 0], joint: 'left shoulder angle', range: RANGE.shoulder },
      { path: ['arm', 'right', 1], joint: 'right elbow bend', range: RANGE.elbow },
      { path: ['neck'], joint: 'nod of the head', range: RANGE.neck },
      { path: ['spine', 0], joint: 'lower bend of the spine', range: RANGE.spine },
    ] as const;
    const outside = (range: readonly [number, number]) =>
      fc.oneof(fc.double({ min: range[1] + 0.5, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: range[0] - 0.5, noNaN: true }));
    fc.assert(
      fc.property(fc.constantFrom(...joints).chain((j) => fc.tuple(fc.constant(j), outside(j.range))), ([j, value]) => {
        const dog = copy('bird-dog');
        let here: Record<string | number, unknown> = dog.figure!.move[0] as unknown as Record<string, unknown>;
        for (const key of j.path.slice(0, -1)) here = here[key] as Record<string | number, unknown>;
        here[j.path[j.path.length - 1]!] = value;
        const problems = problemsOf(dog);
        expect(problems).toHaveLength(1);
        expect(problems[0]).toContain(`"bird-dog": figure.move[0].${j.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('')} must be the ${j.joint}, from ${j.range[0]} to ${j.range[1]} degrees`);
      }),
      { numRuns: 60 },
    );
  });

  it('property: angles within range are never refused for their range (only, perhaps, for the floor)', () => {
    const within = (r: readonly [number, number]) => fc.integer({ min: r[0], max: r[1] });
    const pose = fc.record({
      hip: fc.tuple(fc.integer({ min: -40, max: 40 }), fc.integer({ min: 0, max: 100 })),
      lean: fc.integer({ min: -180, max: 180 }),
      spine: fc.tuple(within(RANGE.spine), within(RANGE.spine)),
      neck: within(RANGE.neck),
      arm: fc.record({ left: fc.tuple(within(RANGE.shoulder), within(RANGE.elbow)), right: fc.tuple(within(RANGE.shoulder), within(RANGE.elbow)) }),
      leg: fc.record({ left: fc.tuple(within(RANGE.hip), within(RANGE.knee), within(RANGE.ankle)), right: fc.tuple(within(RANGE.hip), within(RANGE.knee), within(RANGE.ankle)) }),
    });
    fc.assert(
      fc.property(pose, (p) => {
        const dog = copy('bird-dog');
        dog.figure!.move[0] = p as Pose;
        for (const problem of problemsOf(dog)) expect(problem).toMatch(/through the floor|floating/);
      }),
      { numRuns: 100 },
    );
  });
});
