import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { colour, colourLevel, setColourLevel } from '../../src/terminal/colour.js';
import { parseKeys } from '../../src/terminal/keys.js';
import { renderScreen, type ScreenState } from '../../src/terminal/screen.js';
import { fitLines, prepareUnicode, wrap, wrapPlain } from '../../src/terminal/width.js';

describe('the one colour decision', () => {
  it.each([
    ['a terminal', {}, true, undefined, 1],
    ['a pipe', {}, false, undefined, 0],
    ['NO_COLOR on a terminal', { NO_COLOR: '1' }, true, undefined, 0],
    ['an empty NO_COLOR is no request', { NO_COLOR: '' }, true, undefined, 1],
    ['TERM=dumb', { TERM: 'dumb' }, true, undefined, 0],
    ['FORCE_COLOR through a pipe', { FORCE_COLOR: '1' }, false, undefined, 1],
    ['FORCE_COLOR=0', { FORCE_COLOR: '0' }, true, undefined, 0],
    ['FORCE_COLOR wins over NO_COLOR', { FORCE_COLOR: '2', NO_COLOR: '1' }, false, undefined, 2],
    ['--no-color wins over everything', { FORCE_COLOR: '3' }, true, false, 0],
    ['256 colours', { TERM: 'xterm-256color' }, true, undefined, 2],
    ['true colour', { COLORTERM: 'truecolor' }, true, undefined, 3],
  ] as const)('%s', (_name, env, isTTY, flag, level) => {
    expect(colourLevel({ env, isTTY, ...(flag !== undefined && { flag }) })).toBe(level);
  });

  it('with colour off, styling returns the text unchanged (chalk is not even loaded)', async () => {
    await setColourLevel(0);
    expect(colour().bold.yellow('hello')).toBe('hello');
    await setColourLevel(1);
    expect(colour().bold('hello')).toBe('\x1b[1mhello\x1b[22m');
    await setColourLevel(0);
  });
});

describe('text that fits', () => {
  it('wraps at spaces and breaks words longer than a line', () => {
    expect(wrap('Lie on your back with your knees bent.', 12)).toEqual(['Lie on your', 'back with', 'your knees', 'bent.']);
    expect(wrap('neutral-spine-brace', 8)).toEqual(['neutral-', 'spine-br', 'ace']);
  });

  it('printed lines fit the terminal, continuing under their text past an indent, bullet or number', () => {
    const lines = fitLines(['  • Stop if you feel pain or discomfort, and seek professional help.', '   1. Bird dog  10 x 5 s hold, each side', 'short'], 30);
    expect(lines).toEqual([
      '  • Stop if you feel pain or',
      '    discomfort, and seek',
      '    professional help.',
      '   1. Bird dog 10 x 5 s hold,',
      '      each side',
      'short',
    ]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(30);
    // A coloured bullet keeps its colour: the lead goes after the line's opening codes.
    const [first] = fitLines(['\x1b[33m  • Keep breathing: count out loud with the voice.\x1b[39m'], 30);
    expect(first!.startsWith('\x1b[33m  • Keep')).toBe(true);
  });
});

describe('the same wrapping in every process', () => {
  it('plain text wraps the same once the Unicode library is loaded (a session loads it; list mostly does not)', async () => {
    await prepareUnicode();
    const text = fc.array(fc.oneof(fc.constantFrom(' ', '  ', '\n'), fc.stringMatching(/^[a-z.,-]{1,14}$/)), { maxLength: 20 }).map((a) => a.join(''));
    fc.assert(fc.property(text, fc.integer({ min: 1, max: 40 }), (t, width) => {
      expect(wrap(t, width)).toEqual(wrapPlain(t, width));
    }), { seed: 20261129 });
  });
});

describe('keys', () => {
  it.each([
    [' ', ['space']],
    ['\r', ['enter']],
    ['\x03', ['ctrl-c']],
    ['S', ['s']],
    ['pq', ['p', 'q']],
    ['\x1b[A', ['other']],
    ['\x1b', ['escape']],
    ['x', ['other']],
  ])('%j', (chunk, keys) => expect(parseKeys(chunk)).toEqual(keys));
});

describe('the session screen', () => {
  const state: ScreenState = { index: 2, of: 7, name: 'Bird dog', position: 'On your hands and knees.', sideName: 'left arm and right leg', phase: 'hold', cueText: 'Hold 3 of 5', count: 3, repLabel: 'Rep 2 of 10', elapsedMs: 125_000, remainingMs: 600_000, paused: false, showKeys: false, rangeOpen: false };

  it('shows progress, exercise, side, rep, a large count and the keys', () => {
    const text = renderScreen(state, 80, colour()).join('\n');
    expect(text).toMatch(/exercise 3 of 7 · 2 min 5 s done · about 10 min left/);
    expect(text).toMatch(/Side: left arm and right leg +Rep 2 of 10/);
    expect(text).toMatch(/██████/);
    expect(text).toMatch(/Hold 3 of 5/);
    expect(text).toMatch(/space pause · s skip/);
  });

  it('says PAUSED instead of the count, and lists the keys on ?', () => {
    const text = renderScreen({ ...state, paused: true, showKeys: true }, 80, colour()).join('\n');
    expect(text).toMatch(/PAUSED/);
    expect(text).not.toMatch(/██████/);
    expect(text).toMatch(/p +it hurts: stop this exercise now/);
  });

  it('in a short terminal, a compact screen keeps progress, exercise, side, rep and count in view', () => {
    for (const [width, height] of [[40, 15], [80, 10], [30, 8]] as const) {
      const lines = renderScreen(state, width, colour(), height);
      // One row is left for the frame's last newline, so nothing scrolls off the top.
      expect(lines.length).toBeLessThanOrEqual(height - 1);
      const text = lines.join('\n');
      expect(text).toMatch(/^backex · exercise 3 of 7/);
      expect(text).toMatch(/Bird dog/);
      expect(text).toMatch(/Side: left arm and right\s+leg/);
      expect(text).toMatch(/Rep 2 of 10/);
      // Never run together as one sentence: "... right leg Rep 2 of 10".
      expect(text).not.toMatch(/leg Rep/);
      expect(text).toMatch(/3 · Hold 3 of 5/);
    }
    // With room, the full screen and its large count.
    expect(renderScreen(state, 80, colour(), 24).join('\n')).toMatch(/██████/);
  });

  it('never draws a line wider than the terminal', () => {
    for (const width of [30, 50, 80]) for (const line of renderScreen({ ...state, showKeys: true }, width, colour())) expect([...line].length).toBeLessThanOrEqual(width);
  });
});
