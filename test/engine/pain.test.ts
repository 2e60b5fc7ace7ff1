import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { afterExercise, DEFAULT_PAIN_RULES, initialPainState, isQuitAnswer, judgePain, loosensDefaults, parsePainAnswer, rulesInWords, rulesOf, rulesOfAll, type PainRules, type PainState } from '../../src/engine/pain.js';

describe('pain rules', () => {
  it.each([
    // [baseline, rating, action]
    [null, 0, 'go'],
    [null, 6, 'go'],
    [null, 7, 'stop'],
    [null, 10, 'stop'],
    [3, 3, 'go'],
    [3, 2, 'go'],
    [3, 4, 'choose'],
    [3, 6, 'choose'],
    [3, 7, 'stop'],
    [0, 1, 'choose'],
  ] as const)('baseline %s, rating %s -> %s', (baseline, rating, action) => {
    const state: PainState = { ...initialPainState, baseline, last: baseline };
    const { verdict, state: next } = judgePain(state, rating);
    expect(verdict.action).toBe(action);
    expect(next.baseline).toBe(baseline ?? rating);
    expect(next.last).toBe(rating);
    if (verdict.action === 'stop') expect(verdict.message).toMatch(/physician or physiotherapist/);
    if (verdict.action === 'choose') expect(verdict.message).toMatch(/skip/);
  });

  it('two exercises skipped for pain in a row end the session; anything else resets the count', () => {
    let state = initialPainState;
    let r = afterExercise(state, true);
    expect(r.stop).toBeUndefined();
    r = afterExercise(r.state, false);
    expect(r.state.skipsInARow).toBe(0);
    r = afterExercise(r.state, true);
    r = afterExercise(r.state, true);
    expect(r.stop).toMatch(/2 exercises in a row/);
    state = r.state;
    expect(state.skipsInARow).toBe(2);
  });

  it.each([
    ['5', null, 5],
    [' 0 ', null, 0],
    ['10', 4, 10],
    ['', 4, 4],
    ['7/10', null, 7],
    [' 8 / 10 ', 2, 8],
  ] as const)('answer %j (last %s) is %s', (text, last, value) => {
    expect(parsePainAnswer(text, last)).toEqual({ ok: true, value });
  });

  it.each([['', null], ['11', null], ['-1', 2], ['five', 2], ['3.5', null], ['7a', null], ['11/10', null], ['7/9', null], ['/10', null]] as const)('answer %j (last %s) is refused with a hint', (text, last) => {
    const r = parsePainAnswer(text, last);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.hint).toMatch(/0 .*10/);
  });
});

describe('pain rules as data', () => {
  const strict: PainRules = { stopAt: 5, skipAboveStartBy: 1, painSkipsToEnd: 1 };
  const monitoring: PainRules = { stopAt: 7, skipAboveStartBy: 1, painSkipsToEnd: 2, acceptableDuring: 5 };

  it.each([
    // [rules, baseline, rating, action]: each rule just below, at and above its boundary
    ['strict', strict, null, 4, 'go'],
    ['strict', strict, null, 5, 'stop'],
    ["strict", strict, 3, 3, "go"],
    ["strict", strict, 2, 3, "choose"],
    ['strict', strict, 4, 4, 'go'],
    ['strict', strict, 3, 5, 'stop'],
    ['monitoring', monitoring, 2, 5, 'go'],
    ['monitoring', monitoring, 2, 6, 'choose'],
    ['monitoring', monitoring, 5, 6, 'choose'],
    ['monitoring', monitoring, 6, 6, 'go'],
    ['monitoring', monitoring, 2, 7, 'stop'],
    ['default', DEFAULT_PAIN_RULES, 2, 3, 'choose'],
    ['default', DEFAULT_PAIN_RULES, 5, 6, 'choose'],
    ['default', DEFAULT_PAIN_RULES, null, 6, 'go'],
  ] as const)('%s rules, baseline %s, rating %s -> %s', (_name, rules, baseline, rating, action) => {
    expect(judgePain({ ...initialPainState, baseline, last: baseline }, rating, rules).verdict.action).toBe(action);
  });

  it.each([
    [1, [true]],
    [2, [false, true]],
    [3, [false, false, true]],
  ] as const)('painSkipsToEnd %s: the session ends at that many pain skips in a row, not before', (painSkipsToEnd, stops) => {
    const rules = { ...DEFAULT_PAIN_RULES, painSkipsToEnd };
    let state = initialPainState;
    stops.forEach((stops, i) => {
      const r = afterExercise(state, true, rules);
      expect(r.stop !== undefined, `skip ${i + 1}`).toBe(stops);
      state = r.state;
    });
  });

  it('a routine without painRules, or with some, gets the defaults for what it leaves out', () => {
    expect(rulesOf(undefined)).toEqual(DEFAULT_PAIN_RULES);
    expect(rulesOf({})).toEqual(DEFAULT_PAIN_RULES);
    expect(rulesOf({ painRules: { stopAt: 6 } })).toEqual({ ...DEFAULT_PAIN_RULES, stopAt: 6 });
    expect(rulesOf({ painRules: { acceptableDuring: 4 } })).toEqual({ ...DEFAULT_PAIN_RULES, acceptableDuring: 4 });
  });

  it.each([
    [DEFAULT_PAIN_RULES, false],
    [strict, false],
    [{ ...DEFAULT_PAIN_RULES, stopAt: 8 }, true],
    [{ ...DEFAULT_PAIN_RULES, skipAboveStartBy: 2 }, true],
    [{ ...DEFAULT_PAIN_RULES, painSkipsToEnd: 3 }, true],
    [{ ...DEFAULT_PAIN_RULES, acceptableDuring: 0 }, false],
    [{ ...DEFAULT_PAIN_RULES, acceptableDuring: 1 }, true],
    [monitoring, true],
  ] as const)('loosensDefaults(%j) is %s', (rules, loose) => {
    expect(loosensDefaults(rules)).toBe(loose);
  });

  it('loosensDefaults is true exactly when some answer or skip would let a session go further than the defaults', () => {
    const severity = { go: 0, choose: 1, stop: 2 } as const;
    const rulesArb = fc.record({ stopAt: fc.integer({ min: 1, max: 10 }), skipAboveStartBy: fc.integer({ min: 1, max: 10 }), painSkipsToEnd: fc.integer({ min: 1, max: 5 }), acceptableDuring: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }) });
    fc.assert(
      fc.property(rulesArb, (raw) => {
        const rules: PainRules = { ...raw };
        if (raw.acceptableDuring === undefined) delete rules.acceptableDuring;
        let looser = rules.painSkipsToEnd > DEFAULT_PAIN_RULES.painSkipsToEnd;
        for (const baseline of [null, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
          for (let rating = 0; rating <= 10; rating++) {
            const state = { ...initialPainState, baseline, last: baseline };
            if (severity[judgePain(state, rating, rules).verdict.action] < severity[judgePain(state, rating).verdict.action]) looser = true;
          }
        }
        expect(loosensDefaults(rules)).toBe(looser);
      }),
    );
  });

  it('in words: the defaults as they are; a programme\'s own, and a loosening said plainly', () => {
    expect(rulesInWords(DEFAULT_PAIN_RULES)).toEqual(['Pain rules: stop at 7 or more; pain above your first answer of the session offers to skip the exercise; 2 exercises in a row skipped for pain end the session.']);
    expect(rulesInWords(strict)).toEqual(['Your programme: stop at 5 or more; pain above your first answer of the session offers to skip the exercise; one exercise skipped for pain ends the session.']);
    const loose = rulesInWords(monitoring);
    expect(loose[0]).toBe('Your programme: stop at 7 or more; pain above your first answer of the session offers to skip the exercise; 2 exercises in a row skipped for pain end the session.');
    expect(loose[1]).toMatch(/^Pain up to 5 is acceptable during the exercises, even above your first answer of the session \(no offer to skip\), as long as it is back to your usual by the next morning\.$/);
    expect(loose[2]).toMatch(/looser than backex's own, which are: stop at 7 or more;.*programme file/);
    expect(rulesInWords({ ...DEFAULT_PAIN_RULES, stopAt: 6 })).toHaveLength(1);
  });
});

describe('a bigger rise before the skip', () => {
  it.each([
    [2, 3, 'go'],
    [2, 4, 'choose'],
    [2, 5, 'choose'],
  ] as const)('skipAboveStartBy 2: baseline %s, rating %s -> %s', (baseline, rating, action) => {
    expect(judgePain({ ...initialPainState, baseline, last: baseline }, rating, { ...DEFAULT_PAIN_RULES, skipAboveStartBy: 2 }).verdict.action).toBe(action);
  });

  it('is looser, unless the stop comes first', () => {
    expect(loosensDefaults({ ...DEFAULT_PAIN_RULES, skipAboveStartBy: 2 })).toBe(true);
    expect(loosensDefaults({ ...DEFAULT_PAIN_RULES, stopAt: 1, skipAboveStartBy: 2 })).toBe(false);
  });
});

describe('several routines in one session', () => {
  it('one routine: its own rules; none: the defaults', () => {
    expect(rulesOfAll([{ painRules: { stopAt: 6 } }])).toEqual({ ...DEFAULT_PAIN_RULES, stopAt: 6 });
    expect(rulesOfAll([])).toEqual(DEFAULT_PAIN_RULES);
  });

  it('several: each field at its strictest; pain accepted only if every routine accepts it', () => {
    expect(rulesOfAll([{ painRules: { stopAt: 8, acceptableDuring: 5 } }, { painRules: { skipAboveStartBy: 2, stopAt: 6 } }])).toEqual({ stopAt: 6, skipAboveStartBy: 1, painSkipsToEnd: 2 });
    expect(rulesOfAll([{ painRules: { stopAt: 8, acceptableDuring: 6 } }, { painRules: { stopAt: 5, acceptableDuring: 4 } }])).toEqual({ stopAt: 5, skipAboveStartBy: 1, painSkipsToEnd: 2, acceptableDuring: 4 });
    expect(rulesOfAll([{ painRules: { stopAt: 9, acceptableDuring: 8 } }, { painRules: { stopAt: 4, acceptableDuring: 3 } }, { painRules: { stopAt: 9, acceptableDuring: 7 } }]).acceptableDuring).toBe(3);
  });

  it('never looser than any one of them', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ stopAt: fc.integer({ min: 2, max: 10 }), skipAboveStartBy: fc.integer({ min: 1, max: 10 }), painSkipsToEnd: fc.integer({ min: 1, max: 5 }), acceptableDuring: fc.integer({ min: 0, max: 9 }) }), { minLength: 1, maxLength: 4 }), (list) => {
        const routines = list.map((r) => ({ painRules: { ...r, acceptableDuring: Math.min(r.acceptableDuring, r.stopAt - 1) } }));
        const combined = rulesOfAll(routines);
        const severity = { go: 0, choose: 1, stop: 2 } as const;
        for (const routine of routines) {
          for (const baseline of [null, 0, 2, 4, 6, 8, 10]) {
            for (let rating = 0; rating <= 10; rating++) {
              const state = { ...initialPainState, baseline, last: baseline };
              expect(severity[judgePain(state, rating, combined).verdict.action]).toBeGreaterThanOrEqual(severity[judgePain(state, rating, rulesOf(routine)).verdict.action]);
            }
          }
          expect(combined.painSkipsToEnd).toBeLessThanOrEqual(rulesOf(routine).painSkipsToEnd);
        }
      }),
    );
  });
});

describe('pain rules: the words and the combining, field by field', () => {
  it.each([
    [{ stopAt: 6 }, 'stop at 6 or more; pain above your first answer of the session offers to skip the exercise; 2 exercises in a row skipped for pain end the session.'],
    [{ skipAboveStartBy: 2 }, 'stop at 7 or more; pain 2 or more above your first answer of the session offers to skip the exercise; 2 exercises in a row skipped for pain end the session.'],
    [{ painSkipsToEnd: 1 }, 'stop at 7 or more; pain above your first answer of the session offers to skip the exercise; one exercise skipped for pain ends the session.'],
    [{ painSkipsToEnd: 3 }, 'stop at 7 or more; pain above your first answer of the session offers to skip the exercise; 3 exercises in a row skipped for pain end the session.'],
  ])('a programme that changes only %j says so as its own', (own, clauses) => {
    expect(rulesInWords({ ...DEFAULT_PAIN_RULES, ...own })[0]).toBe(`Your programme: ${clauses}`);
  });

  it('a programme that only accepts some pain during the exercises is its own too', () => {
    expect(rulesInWords({ ...DEFAULT_PAIN_RULES, acceptableDuring: 4 })[0]).toMatch(/^Your programme: /);
  });

  it('one skip for pain that ends the session is said as one, not "in a row"', () => {
    const after = afterExercise(initialPainState, true, { ...DEFAULT_PAIN_RULES, painSkipsToEnd: 1 });
    expect(after.stop).toMatch(/^That exercise was skipped because of pain, so the session ends here\./);
  });

  it('a routine without acceptableDuring gets none (not an undefined field)', () => {
    expect(rulesOf({ painRules: { stopAt: 6 } })).not.toHaveProperty('acceptableDuring');
    expect(rulesOf({ painRules: { acceptableDuring: 3 } })).toMatchObject({ acceptableDuring: 3 });
  });

  it.each([
    // Combined, pain accepted during exercise stays below the strictest stop: at it, or above it, is brought down.
    [[{ painRules: { acceptableDuring: 6 } }, { painRules: { stopAt: 6, acceptableDuring: 5 } }], 5],
    [[{ painRules: { acceptableDuring: 6 } }, { painRules: { stopAt: 5, acceptableDuring: 4 } }], 4],
    [[{ painRules: { stopAt: 8, acceptableDuring: 7 } }, { painRules: { stopAt: 7, acceptableDuring: 6 } }], 6],
    [[{ painRules: { acceptableDuring: 6 } }, { painRules: { stopAt: 6, acceptableDuring: 5 } }, { painRules: { stopAt: 4, acceptableDuring: 3 } }], 3],
  ])('rulesOfAll(%j) accepts pain up to %i', (routines, level) => {
    expect(rulesOfAll(routines).acceptableDuring).toBe(level);
  });

  it('rulesOfAll: acceptable pain at or above the combined stop is brought below it', () => {
    // Each routine alone is sound; combined, one's stop (5) meets the other's acceptable level (6).
    expect(rulesOfAll([{ painRules: { stopAt: 5, acceptableDuring: 4 } }, { painRules: { stopAt: 9, acceptableDuring: 8 } }])).toMatchObject({ stopAt: 5, acceptableDuring: 4 });
    expect(rulesOfAll([{ painRules: { stopAt: 9, acceptableDuring: 8 } }, { painRules: { stopAt: 6, acceptableDuring: 6 } }])).toMatchObject({ stopAt: 6, acceptableDuring: 5 });
    expect(rulesOfAll([{ painRules: { stopAt: 9, acceptableDuring: 8 } }, { painRules: { stopAt: 6 } }])).not.toHaveProperty('acceptableDuring');
  });
});

describe('q at a pain question', () => {
  it('is q or quit, in any case, with spaces around; nothing else', () => {
    for (const text of ['q', 'Q', ' quit ', 'QUIT']) expect(isQuitAnswer(text), text).toBe(true);
    for (const text of ['', '0', 'qq', 'quite', '7 q', 'no']) expect(isQuitAnswer(text), text).toBe(false);
  });
});
