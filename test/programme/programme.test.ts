import { describe, expect, it } from 'vitest';
import type { Routine } from '../../src/catalogue/schema.js';
import { frequencyInWords, isProgramme, programmeDays, reviewInWords, sessionIntro } from '../../src/programme/programme.js';

const plain: Routine = { id: 'core', name: 'Core', exercises: ['bird-dog'] };
const now = new Date(2027, 0, 10, 12);

describe('a programme\'s own words', () => {
  it.each([
    [{}, undefined, undefined],
    [{ sessionsPerWeek: 1 }, ['wed'], 'one session a week'],
    [{ sessionsPerWeek: 2 }, ['mon', 'thu'], '2 sessions a week'],
    [{ sessionsPerWeek: 3 }, ['mon', 'wed', 'fri'], '3 sessions a week'],
    [{ sessionsPerWeek: 7 }, ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], '7 sessions a week'],
    [{ sessionsPerWeek: 14 }, ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], '14 sessions a week'],
    [{ days: ['fri', 'mon'] }, ['mon', 'fri'], 'on mon and fri'],
  ] as const)('%j: days %j, %j', (more, days, words) => {
    const routine = { ...plain, ...more } as Routine;
    expect(programmeDays(routine)).toEqual(days);
    expect(frequencyInWords(routine)).toBe(words);
  });

  it.each([
    ['2027-01-15', /^To be reviewed with your physiotherapist on 2027-01-15\.$/],
    ['2027-01-10', /^Today, 2027-01-10, is the review date/],
    ['2027-01-09', /^The review date, 2027-01-09, has passed: ask your physiotherapist/],
  ])('review %s', (review, words) => expect(reviewInWords({ ...plain, review }, now)).toMatch(words));

  it('the first screen: nothing new for a plain routine; the rules and the review for a programme', () => {
    expect(isProgramme(plain)).toBe(false);
    expect(sessionIntro([plain], now)).toEqual([]);
    const intro = sessionIntro([{ ...plain, painRules: { stopAt: 6 }, review: '2027-01-15' }], now);
    expect(intro).toEqual([
      'Your programme: stop at 6 or more; pain above your first answer of the session offers to skip the exercise; 2 exercises in a row skipped for pain end the session.',
      'To be reviewed with your physiotherapist on 2027-01-15.',
    ]);
    expect(sessionIntro([{ ...plain, painRules: { acceptableDuring: 4 } }], now).at(-1)).toMatch(/looser than backex's own/);
  });
});
