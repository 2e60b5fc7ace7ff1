import { describe, expect, it } from 'vitest';
import { afterExercise, initialPainState, judgePain, parsePainAnswer, type PainState } from '../../src/engine/pain.js';

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
  ] as const)('answer %j (last %s) is %s', (text, last, value) => {
    expect(parsePainAnswer(text, last)).toEqual({ ok: true, value });
  });

  it.each([['', null], ['11', null], ['-1', 2], ['five', 2], ['3.5', null], ['7a', null]] as const)('answer %j (last %s) is refused with a hint', (text, last) => {
    const r = parsePainAnswer(text, last);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.hint).toMatch(/0 .*10/);
  });
});
