import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTROL_CHARACTERS, firstControl, visible, visibleLines } from '../../src/terminal/visible.js';

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
