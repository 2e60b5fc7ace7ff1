// Progression as tables: generated histories (weeks of sessions, pain stops,
// next-morning answers) and the dose and reason `plan` gives; then the property.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '../../src/catalogue/load.js';
import { repBounds } from '../../src/catalogue/dose.js';
import type { Dose, Progression, Routine } from '../../src/catalogue/schema.js';
import { changeInWords, demonstrationsLeftOut, planProgramme, todaysPlan, type HistorySession } from '../../src/programme/progression.js';
import { tempHome } from '../support/backex.js';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue({ env: { BACKEX_HOME: tempHome() } });
});

const birdDogStep: Progression = { exercise: 'bird-dog', step: { holdSeconds: 1 }, afterSessions: 2, ifPainAtMost: 3, cap: { holdSeconds: 10 }, stepBackAfterPainStop: true };
const programme = (progression: Progression[], more: Partial<Routine> = {}): Routine => ({
  id: 'my-programme',
  name: 'My programme',
  exercises: ['neutral-spine-brace', { exercise: 'bird-dog', dose: { reps: 8, holdSeconds: 5 } }, 'prone-press-up'],
  painRules: { acceptableDuring: 5 },
  progression,
  ...more,
});

/** One session a day from 2026-11-02 (a Monday), noon UTC, each described in a letter. */
type Kind = 'g' /* good: everything done, pain 2 */ | 'p' /* pain 4, above the level */ | 'x' /* pain stop */ | 'k' /* exercise skipped with s */ | 'm' /* good, but the next morning worse */ | 'd' /* a demonstration */ | 'o' /* another routine */;

function session(kind: Kind, day: number, everyDays = 1): HistorySession {
  const startedAt = new Date(Date.UTC(2026, 10, 2 + day * everyDays, 12)).toISOString();
  const pain = kind === 'p' ? 4 : 2;
  const status = kind === 'x' ? 'pain-stop' : 'finished';
  const birdDog = kind === 'k' ? 'skipped' : kind === 'x' ? 'stopped' : 'done';
  return {
    startedAt,
    routine: kind === 'o' ? 'core' : 'my-programme',
    status,
    painStart: 2,
    painEnd: kind === 'x' ? 8 : pain,
    exercises: [
      { id: 'neutral-spine-brace', status: 'done', painBefore: 2 },
      { id: 'bird-dog', status: birdDog, painBefore: pain },
      ...(kind === 'x' ? [] : [{ id: 'prone-press-up', status: 'done' as const, painBefore: pain }]),
    ],
    ...(kind === 'm' ? { checkin: { pain: 5 } } : {}),
    ...(kind === 'd' ? { demo: true, timeScale: 10 } : {}),
  };
}

const history = (kinds: string, everyDays = 1) => [...kinds].map((k, i) => session(k as Kind, i, everyDays));
const nowAfter = (kinds: string, everyDays = 1) => new Date(Date.UTC(2026, 10, 2 + kinds.length * everyDays, 12));
const birdDog = (routine: Routine, kinds: string, everyDays = 1) => planProgramme(catalogue, routine, history(kinds, everyDays), nowAfter(kinds, everyDays)).find((p) => p.id === 'bird-dog')!;

describe('progression of the issue\'s example (bird dog: 8 x 5 s, +1 s after 2 sessions without pain above 3, cap 10 s)', () => {
  it.each([
    // [history, hold today, next hold, reason]
    ['', 5, 6, /^holds 5 s -> 6 s after 2 more sessions without pain above 3$/],
    ['g', 5, 6, /^holds 5 s -> 6 s after 1 more session without pain above 3$/],
    ['gg', 6, 7, /^holds 6 s -> 7 s after 2 more sessions without pain above 3 \(stepped up on 2026-11-04, after 2 sessions without pain above 3\)$/],
    ['gggg', 7, 8, /^holds 7 s -> 8 s after 2 more sessions/],
    ['ggggx', 6, 7, /^holds 6 s -> 7 s after 2 more sessions without pain above 3 \(stepped back from 8 x 7 s hold, each side, alternating after the pain stop on 2026-11-06\)$/],
    ['x', 5, 6, /^holds 5 s -> 6 s after 2 more sessions without pain above 3 \(counting again since the pain stop on 2026-11-02\)$/],
    ['gpg', 5, 6, /^holds 5 s -> 6 s after 1 more session without pain above 3 \(counting again since pain above 3 on 2026-11-03\)$/],
    ['gkg', 6, 7, /^holds 6 s -> 7 s/],
    ['gddg', 6, 7, /^holds 6 s -> 7 s/],
    ['goog', 6, 7, /^holds 6 s -> 7 s/],
    ['ggm', 6, 7, /^holds 6 s -> 7 s after 2 more sessions without pain above 3 \(counting again since the next morning's pain of 5, above the 2 before that session on 2026-11-04\)$/],
    ['g'.repeat(10), 10, null, /^is at the cap: 8 x 10 s hold, each side, alternating \(stepped up on 2026-11-12, after 2 sessions without pain above 3\)$/],
    ['g'.repeat(30), 10, null, /^is at the cap: 8 x 10 s hold/],
    ['g'.repeat(10) + 'x', 9, 10, /^holds 9 s -> 10 s after 2 more sessions without pain above 3 \(stepped back from 8 x 10 s hold/],
  ] as const)('after %j: holds %s s, next %s', (kinds, hold, next, reason) => {
    const plan = birdDog(programme([birdDogStep]), kinds);
    expect(plan.dose.holdSeconds).toBe(hold);
    expect(plan.dose.reps).toBe(8);
    expect(plan.next?.holdSeconds ?? null).toBe(next);
    expect(plan.reason).toMatch(reason);
  });

  it('without stepBackAfterPainStop a pain stop only starts the count again', () => {
    const plan = birdDog(programme([{ ...birdDogStep, stepBackAfterPainStop: false }]), 'ggggx');
    expect(plan.dose.holdSeconds).toBe(7);
    expect(plan.reason).toMatch(/counting again since the pain stop on 2026-11-06/);
  });

  it('stepBackAfterWorseMorning steps back after a worse next morning', () => {
    expect(birdDog(programme([{ ...birdDogStep, stepBackAfterWorseMorning: true }]), 'ggggm').dose.holdSeconds).toBe(6);
  });

  it('without ifPainAtMost or acceptableDuring, a session counts only if no answer rose above its first', () => {
    const routine = programme([{ ...birdDogStep, ifPainAtMost: undefined }], { painRules: undefined });
    expect(birdDog(routine, 'gg').dose.holdSeconds).toBe(6);
    expect(birdDog(routine, 'gp').dose.holdSeconds).toBe(5);
    // In words a person follows: the pain they started the session with, not "their first answer".
    expect(birdDog(routine, 'gp').reason).toBe('holds 5 s -> 6 s after 2 more sessions without pain rising above the pain you started the session with (counting again since pain rising above the pain you started that session with on 2026-11-03)');
    expect(birdDog(routine, 'gg').reason).toMatch(/\(stepped up on 2026-11-04, after 2 sessions without pain rising above the pain you started the session with\)$/);
    expect(birdDog(programme([{ exercise: 'bird-dog', step: { holdSeconds: 1 }, everyWeeks: 2 }], { painRules: undefined }), 'g', 3).reason).toBe('holds 5 s -> 6 s at the first session from 2026-11-16, if none before it has pain rising above the pain you started the session with');
  });

  it('the lower of ifPainAtMost and acceptableDuring is the level', () => {
    const routine = programme([{ ...birdDogStep, ifPainAtMost: 6 }], { painRules: { acceptableDuring: 3 } });
    expect(birdDog(routine, 'gp').reason).toMatch(/without pain above 3/);
  });
});

describe('every N weeks', () => {
  const weekly: Progression = { exercise: 'bird-dog', step: { holdSeconds: 2 }, everyWeeks: 2, ifPainAtMost: 3 };
  it.each([
    // sessions every 3 days
    ['g', 5, /^holds 5 s -> 7 s at the first session from 2026-11-16, if none before it has pain above 3$/],
    ['gggg', 5, /^holds 5 s -> 7 s at the first session from 2026-11-16/],
    ['ggggg', 7, /^holds 7 s -> 9 s after 1 more session without pain above 3, and not before 2026-12-01 \(stepped up on 2026-11-17, after 5 sessions without pain above 3 over 2 weeks\)$/],
    ['ggpgg', 5, /^holds 5 s -> 7 s at the first session from 2026-11-22, if none before it has pain above 3 \(counting again since pain above 3 on 2026-11-08\)$/],
  ] as const)('after %j (one every 3 days): holds %s s', (kinds, hold, reason) => {
    const plan = birdDog(programme([weekly]), kinds, 3);
    expect(plan.dose.holdSeconds).toBe(hold);
    expect(plan.reason).toMatch(reason);
  });

  it('with afterSessions too, both must be met', () => {
    const plan = birdDog(programme([{ ...weekly, afterSessions: 3 }]), 'g', 3);
    expect(plan.reason).toMatch(/^holds 5 s -> 7 s after 2 more sessions without pain above 3, and not before 2026-11-16$/);
  });
});

describe('reps, ranges and the rest of the routine', () => {
  it('a range of reps moves as a whole, up to the cap on its top', () => {
    const routine = programme([{ exercise: 'prone-press-up', step: { reps: 2 }, afterSessions: 1, cap: { reps: 18 } }]);
    const at = (kinds: string) => planProgramme(catalogue, routine, history(kinds), nowAfter(kinds)).find((p) => p.id === 'prone-press-up')!;
    expect(at('').reason).toMatch(/^10-15 reps -> 12-17 reps after 1 more session without pain above 5$/);
    expect(at('g').dose.reps).toEqual({ min: 12, max: 17 });
    expect(at('gg').dose.reps).toEqual({ min: 13, max: 18 });
    expect(at('gg').next).toBeNull();
  });

  it('one rep is "1 rep", in the next step and at the cap', () => {
    expect(changeInWords({ reps: 1, holdSeconds: 5, sides: 'none' }, { reps: 2, holdSeconds: 5, sides: 'none' })).toBe('1 rep -> 2 reps');
    const routine = programme([{ exercise: 'bird-dog', step: { reps: 1 }, afterSessions: 1, ifPainAtMost: 3 }], { exercises: [{ exercise: 'bird-dog', dose: { reps: 1, holdSeconds: 5 } }] });
    expect(birdDog(routine, '').reason).toBe('1 rep -> 2 reps after 1 more session without pain above 3');
  });

  it('says how many demonstration runs of the programme were left out (not counted towards a step)', () => {
    const routine = programme([birdDogStep]);
    // Two demonstrations of this routine; another routine's and one not yet started are not this plan's.
    expect(demonstrationsLeftOut(routine, history('gdgdg'), nowAfter('gdgdg'))).toBe(2);
    expect(demonstrationsLeftOut(routine, history('ggg'), nowAfter('ggg'))).toBe(0);
    const other = { ...session('d', 0), routine: 'core' };
    expect(demonstrationsLeftOut(routine, [other, session('d', 5)], nowAfter('d'))).toBe(0);
    // Only a time scale, as older readers give it, is a demonstration too.
    expect(demonstrationsLeftOut(routine, [{ ...session('g', 0), timeScale: 20 }], nowAfter('g'))).toBe(1);
  });

  it('exercises without a progression keep the routine\'s dose, and say so', () => {
    const plan = planProgramme(catalogue, programme([birdDogStep]), history('gggg'), nowAfter('gggg'));
    expect(plan.map((p) => p.id)).toEqual(['neutral-spine-brace', 'bird-dog', 'prone-press-up']);
    expect(plan[0]!.dose).toEqual(catalogue.exercises[0]!.dose);
    expect(plan[0]!.next).toBeNull();
    expect(plan[0]!.reason).toBe('no progression in this routine: the dose stays as prescribed');
  });

  it('todaysPlan gives the session its exercises with today\'s doses', () => {
    const planned = todaysPlan(catalogue, programme([birdDogStep]), history('gg'), nowAfter('gg'));
    expect(planned.map((p) => [p.exercise.id, p.dose.holdSeconds])).toEqual([['neutral-spine-brace', catalogue.exercises[0]!.dose.holdSeconds], ['bird-dog', 6], ['prone-press-up', 0]]);
    expect(planned[1]!.exercise.name).toBe('Bird dog');
  });
});

describe('the property', () => {
  const top = (d: Dose) => [d.holdSeconds, repBounds(d.reps).max] as const;
  const kindArb = fc.constantFrom<Kind>('g', 'g', 'g', 'p', 'x', 'k', 'm', 'd');
  const progressionArb = fc.record({
    exercise: fc.constant('bird-dog'),
    step: fc.oneof(fc.record({ holdSeconds: fc.integer({ min: 1, max: 3 }) }), fc.record({ reps: fc.integer({ min: 1, max: 3 }) }), fc.record({ holdSeconds: fc.integer({ min: 1, max: 3 }), reps: fc.integer({ min: 1, max: 3 }) })),
    afterSessions: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    everyWeeks: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
    ifPainAtMost: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    stepBackAfterPainStop: fc.boolean(),
    stepBackAfterWorseMorning: fc.boolean(),
  }).map((p) => (p.afterSessions === undefined && p.everyWeeks === undefined ? { ...p, afterSessions: 1 } : p)) as fc.Arbitrary<Progression>;

  it('no dose ever rises after a session with a pain stop or pain above the programme\'s level', () => {
    fc.assert(
      fc.property(progressionArb, fc.array(fc.tuple(kindArb, fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 9 })), { maxLength: 25 }), fc.integer({ min: 0, max: 20 }), (progression, steps, laterDays) => {
        const routine = programme([progression], { painRules: undefined });
        // Sessions a day or more apart, with random pain.
        let day = 0;
        const sessions = steps.map(([kind, pain, gap]) => {
          day += 1 + (gap % 3);
          const s = session(kind, day);
          const bird = s.exercises.find((e) => e.id === 'bird-dog')!;
          if (kind === 'g' || kind === 'p') bird.painBefore = pain;
          return s;
        });
        const level = progression.ifPainAtMost;
        sessions.forEach((s, i) => {
          if (s.demo) return;
          const answers = [...s.exercises.map((e) => e.painBefore), s.painEnd].filter((p): p is number => p !== null);
          const bad = s.status === 'pain-stop' || s.exercises.some((e) => e.status === 'skipped-pain') || answers.some((a) => a > (level ?? s.painStart!));
          if (!bad) return;
          const started = new Date(s.startedAt);
          const used = planProgramme(catalogue, routine, sessions.slice(0, i), started).find((p) => p.id === 'bird-dog')!.dose;
          // Any time after it, before the next session:
          const later = new Date(started.getTime() + laterDays * 86_400_000);
          const nextStart = sessions[i + 1] ? new Date(sessions[i + 1]!.startedAt) : undefined;
          const when = nextStart && later >= nextStart ? new Date(nextStart.getTime() - 1) : later;
          const after = planProgramme(catalogue, routine, sessions.slice(0, i + 1), when).find((p) => p.id === 'bird-dog')!.dose;
          const [h0, r0] = top(used);
          const [h1, r1] = top(after);
          expect(h1, `hold after session ${i}`).toBeLessThanOrEqual(h0);
          expect(r1, `reps after session ${i}`).toBeLessThanOrEqual(r0);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('is a pure function: the same programme and history give the same plan, whatever order the history is in', () => {
    const sessions = history('ggpggxgggmgg');
    const now = nowAfter('ggpggxgggmgg');
    const a = planProgramme(catalogue, programme([birdDogStep]), sessions, now);
    const b = planProgramme(catalogue, programme([birdDogStep]), [...sessions].reverse(), now);
    expect(b).toEqual(a);
  });
});

describe('before the first session', () => {
  it('a step every N weeks waits for the first session to count from', () => {
    const plan = birdDog(programme([{ exercise: 'bird-dog', step: { holdSeconds: 1 }, everyWeeks: 1, ifPainAtMost: 3 }]), '');
    expect(plan.reason).toBe('holds 5 s -> 6 s after 1 more session without pain above 3, and not before 1 week after the first session');
  });
});
