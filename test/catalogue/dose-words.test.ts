// A dose in words, as `list` and `show` print it: numbers and their plurals.
import { describe, expect, it } from 'vitest';
import { doseInSentences, doseInWords } from '../../src/catalogue/dose.js';
import type { Dose } from '../../src/catalogue/schema.js';

describe('doses in words', () => {
  it.each([
    [{ reps: 5, holdSeconds: 15, sides: 'each' }, '5 x 15 s hold, each side'],
    [{ reps: 10, holdSeconds: 5, sides: 'alternate' }, '10 x 5 s hold, each side, alternating'],
    [{ reps: { min: 10, max: 15 }, holdSeconds: 0, sides: 'none' }, '10-15 reps'],
    [{ reps: 1, holdSeconds: 0, sides: 'none' }, '1 rep'],
  ] as [Dose, string][])('%j -> %s', (dose, words) => expect(doseInWords(dose)).toBe(words));

  it.each([
    [{ reps: 1, holdSeconds: 0, sides: 'none', tempoSeconds: 1 }, 'Do it once. backex counts them at about one every second.'],
    [{ reps: 1, holdSeconds: 1, sides: 'none' }, 'Hold 1 second, once.'],
    [{ reps: 20, holdSeconds: 0, sides: 'none', tempoSeconds: 4 }, 'Repeat 20 times. backex counts them at about one every 4 seconds.'],
  ] as [Dose, string][])('%j -> %s', (dose, words) => expect(doseInSentences(dose)).toBe(words));
});
