import { describe, expect, it } from 'vitest';
import { layoutTable, renderTable, type Column } from '../../src/terminal/table.js';
import { outputWidth, prepareText, stringWidth, wrapPhrases } from '../../src/terminal/width.js';

const words = (lines: string[]) => lines.join(' ').split(/\s+/).filter(Boolean);

describe('a table that fits', () => {
  const columns: Column[] = [
    { header: 'id', min: 6, flex: true },
    { header: 'position', min: 8, flex: true },
    { header: 'dose', min: 8, flex: true },
    { header: 'time', min: 0 },
  ];
  const rows = [
    ['bird-dog', 'Start on your hands and knees (quadruped), with your spine neutral.', '10 x 5 s hold, each side, alternating', '3 min 59 s'],
    ['kneeling-back-stretch', 'Kneel on both hands and knees.', '5 x 15 s hold, each side', '3 min 54 s'],
  ];

  it('breaks lines only between words while every word fits its column', () => {
    const source = new Set(words(rows.flat().concat(columns.map((c) => c.header))));
    for (const width of [60, 70, 80]) {
      const lines = renderTable(columns, rows, width);
      for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
      for (const word of words(lines)) expect(source.has(word), `"${word}" at ${width} columns`).toBe(true);
    }
  });

  it('a word longer than its column breaks after a dash first', () => {
    // 50 columns leave the id column too narrow for "kneeling-back-stretch", but room for every other word.
    const lines = renderTable(columns, rows, 50);
    const ids = lines.map((l) => l.slice(0, layoutTable(columns, rows, 50)![0]).trim()).filter(Boolean);
    expect(ids).toEqual(['id', 'bird-dog', 'kneeling-', 'back-', 'stretch']);
    const source = new Set(words(rows.flat().concat(columns.map((c) => c.header))));
    for (const word of words(lines)) expect(source.has(word) || ['kneeling-', 'back-', 'stretch'].includes(word), word).toBe(true);
  });

  it('gives spare width where it saves the most lines, and none beyond the widest cell', () => {
    const widths = layoutTable(columns, rows, 200)!;
    expect(widths).toEqual([21, stringWidth(rows[0]![1]!), stringWidth(rows[0]![2]!), 10]);
    // At 80 every column keeps its longest word; the long position text gets the most room.
    const at80 = layoutTable(columns, rows, 80)!;
    expect(at80.reduce((a, b) => a + b, 0) + 2 * 3).toBeLessThanOrEqual(80);
    expect(at80[0]).toBeGreaterThanOrEqual(21);
    expect(at80[1]).toBeGreaterThan(at80[2]!);
  });

  it('falls back to "label: value" blocks when even broken words cannot fit', () => {
    const narrow = renderTable([{ header: 'id', min: 0 }, { header: 'text', min: 4, flex: true }], [['bird-dog', 'Start on your hands and knees.']], 12);
    expect(narrow[0]).toMatch(/^id: +bird-$/);
    expect(narrow[1]).toMatch(/^ +dog$/);
    expect(narrow.filter((l) => /^text: /.test(l))).toHaveLength(1);
    for (const line of narrow) expect(line.length).toBeLessThanOrEqual(12);
  });

  it('measures accented letters and emoji by what the terminal shows', async () => {
    const cells = [['ćwiczenie', 'Połóż się na plecach 💪 i oddychaj spokojnie.']];
    await prepareText(cells.flat());
    const lines = renderTable([{ header: 'id', min: 0 }, { header: 'opis', min: 6, flex: true }], cells, 30);
    for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(30);
    expect(new Set(words(lines))).toEqual(new Set(words(['id', 'opis', ...cells[0]!])));
  });
});

describe('phrases and widths', () => {
  it('keeps each phrase on one line where it fits', () => {
    expect(wrapPhrases(['Each in full:', 'backex show <id, # or letter>', '(bird-dog, 9 or H).'], 45)).toEqual(['Each in full: backex show <id, # or letter>', '(bird-dog, 9 or H).']);
    expect(wrapPhrases(['Each in full:', 'backex show <id, # or letter>'], 20)).toEqual(['Each in full:', 'backex show <id, #', 'or letter>']);
  });

  it('piped output takes the width of the terminal on stderr, then COLUMNS, then 80', () => {
    const pipe = { isTTY: false, columns: 0 };
    const terminal = { isTTY: true, columns: 66 };
    expect(outputWidth({ isTTY: true, columns: 100 }, { COLUMNS: '120' }, terminal)).toBe(100);
    expect(outputWidth(pipe, { COLUMNS: '120' }, terminal)).toBe(66);
    expect(outputWidth(pipe, { COLUMNS: '120' }, pipe)).toBe(120);
    expect(outputWidth(pipe, {}, pipe)).toBe(80);
    expect(outputWidth(pipe, { COLUMNS: '5' }, pipe)).toBe(20);
  });
});
