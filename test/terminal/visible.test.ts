import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTROL_CHARACTERS, firstControl, visible, visibleDeep, visibleLines } from '../../src/terminal/visible.js';

describe('visible(): control characters shown as escapes, never as themselves', () => {
  it.each([
    ['an escape sequence', 'X\u001b]0;PWNED\u0007\u001b[2J', 'X\\u001b]0;PWNED\\u0007\\u001b[2J'],
    ['NUL, tab, newline and carriage return', 'a\u0000b\tc\nd\re', 'a\\u0000b\\u0009c\\u000ad\\u000de'],
    ['DEL and C1 (CSI)', 'a\u007fb\u009bc', 'a\\u007fb\\u009bc'],
    ['bidi override and isolate', 'abc\u202edef\u2066g\u2069', 'abc\\u202edef\\u2066g\\u2069'],
    ['line separator', 'a\u2028b', 'a\\u2028b'],
  ])('%s', (_name, text, shown) => {
    expect(visible(text)).toBe(shown);
  });

  it('leaves plain text, accents and emoji as they are', () => {
    for (const text of ['Bird dog', 'Étirement du psoas', 'Brücke 🧘', 'Back \\u001b already escaped']) expect(visible(text)).toBe(text);
  });

  it('visibleLines keeps a message\'s line breaks and escapes the rest', () => {
    expect(visibleLines('one\u001b[2J\ntwo')).toBe('one\\u001b[2J\ntwo');
  });

  it('firstControl says which character and where', () => {
    expect(firstControl('ab\u202ec')).toEqual({ character: '\u202e', index: 2 });
    expect(firstControl('plain')).toBeUndefined();
  });

  it('whatever the text, the result holds no control character (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(CONTROL_CHARACTERS.test(visible(text))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe('visibleDeep(): plain data with every text made visible, keys included', () => {
  // As it was: always a copy, every string and key through visible().
  const copied = (value: unknown): unknown => {
    if (typeof value === 'string') return visible(value);
    if (Array.isArray(value)) return value.map(copied);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [visible(k), copied(v)]));
    return value;
  };
  const controls = fc.constantFrom('\u0000', '\u001b[2J', '\t', '\n', '\u007f', '\u009b', '\u061c', '\u200e', '\u2028', '\u202e', '\u2069', '\\', '\\u001b', '"', 'é', '🧘', 'plain');
  const text = fc.oneof(fc.string({ unit: 'binary' }), fc.array(fc.oneof(controls, fc.string()), { maxLength: 5 }).map((p) => p.join('')));
  const data = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(text, tie('value'), { maxKeys: 4 })),
  })).value;

  it('is what the copy was, for any data (property)', () => {
    fc.assert(
      fc.property(data, (value) => {
        expect(visibleDeep(value)).toEqual(copied(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives back the data itself when there is nothing to make visible, and a copy when there is', () => {
    const plain = { id: 'bird-dog', steps: ['Lift your arm.', 'Étirement 🧘'], dose: { reps: 10, sides: 'alternate' } };
    expect(visibleDeep(plain)).toBe(plain);
    const hostile = { id: 'x', steps: ['ok', 'a\u001b[2Jb'], ['k\u202e']: 1 };
    const shown = visibleDeep(hostile);
    expect(shown).not.toBe(hostile);
    expect(shown).toEqual({ id: 'x', steps: ['ok', 'a\\u001b[2Jb'], ['k\\u202e']: 1 });
    expect(hostile.steps[1]).toBe('a\u001b[2Jb');
  });
});
