// The session timed for the voice in use: measured lengths where there are
// renders, and, on a first session with the renders still coming in, the
// estimate stretched to the pace the voice has shown so far.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DataFile } from '../../src/catalogue/schema.js';
import { cutsIn } from '../../src/engine/cuts.js';
import { buildSession, sessionDurationMs } from '../../src/engine/timeline.js';
import { estimateSpeechMs } from '../../src/engine/words.js';
import { START_SAYING } from '../../src/session/controller.js';
import { expectedSession, paceOf, sessionPhrases, timedSession } from '../../src/session/timing.js';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8')) as DataFile;
const data = read('exercises.json');
const core = read('routines.json').routines!.find((r) => r.id === 'core')!;
const planned = core.exercises.map((id) => {
  const exercise = data.exercises!.find((e) => e.id === (typeof id === 'string' ? id : id.exercise))!;
  return { exercise, dose: exercise.dose };
});

/** A voice slower than the estimate: every phrase takes 1.6 times as long. */
const slow = (text: string) => Math.ceil(estimateSpeechMs(text) * 1.6);

describe('a session timed for the voice in use', () => {
  it('a first session, with only the welcome rendered yet: the rest is timed at the pace the welcome showed, and nothing is cut', () => {
    const onlyWelcome = (text: string) => (text === START_SAYING ? slow(text) : undefined);
    for (const t of timedSession(planned, onlyWelcome)) expect(cutsIn(t, slow, 10), t.name).toEqual([]);
    // (Timed with the margin for what is not measured, such a voice would be cut: so the check above can fail.)
    expect(timedSession(planned, () => undefined).flatMap((t) => cutsIn(t, slow, 10)).length).toBeGreaterThan(0);
  });

  it('a first session with a voice like the bundled ones (the welcome at the estimate, the rest up to 1.28 times it): nothing cut before a phrase is measured', () => {
    const likeFlite = (text: string) => Math.ceil(estimateSpeechMs(text) * (text === START_SAYING ? 0.97 : 1.28));
    for (const t of timedSession(planned, () => undefined)) expect(cutsIn(t, likeFlite, 10), t.name).toEqual([]);
    for (const t of timedSession(planned, (text) => (text === START_SAYING ? likeFlite(text) : undefined))) expect(cutsIn(t, likeFlite, 10), t.name).toEqual([]);
    // The margin is for what is not measured yet: a measured phrase has its own length.
    const measured = timedSession(planned, likeFlite);
    expect(measured.flatMap((t) => cutsIn(t, likeFlite, 10))).toEqual([]);
    expect(sessionDurationMs(measured)).toBeLessThan(sessionDurationMs(timedSession(planned, () => undefined)));
  });

  it('the first screen shows the time a session is expected to take: with nothing measured, what list and the dry run show (the margin is not it)', () => {
    const estimate = sessionDurationMs(buildSession(planned));
    expect(sessionDurationMs(expectedSession(planned, () => undefined))).toBe(estimate);
    expect(sessionDurationMs(timedSession(planned, () => undefined))).toBeGreaterThan(estimate);
    // Measured, it is the voice's own time either way.
    expect(sessionDurationMs(expectedSession(planned, slow))).toBe(sessionDurationMs(timedSession(planned, slow)));
  });

  it('every phrase measured: each slot fits its own length', () => {
    for (const t of timedSession(planned, slow)) expect(cutsIn(t, slow, 10), t.name).toEqual([]);
  });

  it('the pace is the most any measured sentence took over its estimate, never below 1, and a count says nothing of it', () => {
    const phrases = sessionPhrases(timedSession(planned, () => undefined));
    expect(paceOf(phrases, () => undefined)).toBe(1);
    expect(paceOf(phrases, (text) => Math.ceil(estimateSpeechMs(text) * 0.7))).toBe(1);
    expect(paceOf(phrases, (text) => (text === START_SAYING ? estimateSpeechMs(text) * 1.5 : undefined))).toBeCloseTo(1.5);
    // "one" said in a full second (a voice's silence around a word) is not a slow voice.
    expect(phrases).toContain('one');
    expect(paceOf(phrases, (text) => (text === 'one' ? 3 * estimateSpeechMs(text) : undefined))).toBe(1);
  });
});
