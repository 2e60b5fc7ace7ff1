// A plain table that fits the terminal. Every column first gets room for its
// longest word, so text wraps only between words; the width left over goes,
// step by step, to whichever column then saves the most wrapped lines. Only
// when that cannot fit does a word break: after one of its hyphens
// ("kneeling-" / "back-stretch"), and failing that anywhere. If even that
// cannot fit, each row becomes a small block of "label: value" lines, so
// nothing is ever garbled. Widths are measured with width.ts, never .length.
import { padEnd, stringWidth } from './width.js';

export interface Column {
  header: string;
  /** Narrowest a flexible column may become (it is never narrower than its header). */
  min: number;
  /** Flexible columns wrap; the others always show their widest cell on one line. */
  flex?: boolean;
  align?: 'left' | 'right';
}

const GAP = '  ';

/** A cell split into words, measured once: layout tries many widths. */
interface Cell {
  text: string;
  width: number;
  words: string[];
  widths: number[];
  /** Pieces of a word too long for its column, by word index, found when first needed. */
  pieces: Map<number, Piece[]>;
}

interface Piece {
  text: string;
  width: number;
}

function cellOf(text: string): Cell {
  const words = text.split(/\s+/).filter(Boolean);
  return { text, width: stringWidth(text), words, widths: words.map(stringWidth), pieces: new Map() };
}

/** A word's pieces, each ending in a hyphen but the last: "kneeling-", "back-", "stretch". */
function piecesOf(cell: Cell, index: number): Piece[] {
  let pieces = cell.pieces.get(index);
  if (!pieces) {
    const word = cell.words[index]!;
    pieces = word.includes('-') ? word.split(/(?<=-)(?=.)/).map((text) => ({ text, width: stringWidth(text) })) : [{ text: word, width: cell.widths[index]! }];
    cell.pieces.set(index, pieces);
  }
  return pieces;
}

/** Characters as the terminal shows them (an accent or emoji sequence is one). */
function charactersOf(text: string): Piece[] {
  // eslint-disable-next-line no-control-regex
  const chars = /^[\x00-\x7f]*$/.test(text) ? [...text] : [...new Intl.Segmenter().segment(text)].map((s) => s.segment);
  return chars.map((ch) => ({ text: ch, width: stringWidth(ch) }));
}

/**
 * Lays a cell out in `width` columns and returns its number of lines (at least
 * one); with `emit`, also hands over each line. Words are never broken unless
 * one is longer than the column: then it starts a line and breaks after its
 * hyphens, or anywhere if a piece is still too long.
 */
function pack(cell: Cell, width: number, emit?: (line: string) => void): number {
  if (cell.width <= width) {
    emit?.(cell.text);
    return 1;
  }
  let count = 0;
  let line = '';
  let used = 0;
  const flush = () => {
    count++;
    emit?.(line);
    line = '';
    used = 0;
  };
  const append = (piece: Piece) => {
    if (used > 0 && used + piece.width > width) flush();
    if (emit) line += piece.text;
    used += piece.width;
  };
  cell.words.forEach((word, i) => {
    const w = cell.widths[i]!;
    if (w <= width) {
      if (used > 0 && used + 1 + w <= width) {
        if (emit) line += ` ${word}`;
        used += 1 + w;
      } else {
        if (used > 0) flush();
        if (emit) line = word;
        used = w;
      }
      return;
    }
    if (used > 0) flush();
    for (const piece of piecesOf(cell, i)) {
      if (piece.width <= width) append(piece);
      else for (const ch of charactersOf(piece.text)) append(ch);
    }
  });
  if (used > 0 || count === 0) flush();
  return count;
}

/**
 * pack()'s line count for every width from..to, into at[]. Layout asks for
 * thousands, so while every word fits, one packing serves all the widths up
 * to the first where a line could take one more word.
 */
function fillLines(cell: Cell, from: number, to: number, at: Int32Array): void {
  let width = from;
  while (width <= to) {
    if (cell.width <= width) {
      at.fill(1, width, to + 1);
      return;
    }
    let count = 1;
    let used = 0;
    let next = Infinity;
    let tooLong = false;
    for (const w of cell.widths) {
      if (w > width) {
        tooLong = true;
        break;
      }
      if (used === 0) used = w;
      else if (used + 1 + w <= width) used += 1 + w;
      else {
        next = Math.min(next, used + 1 + w);
        count++;
        used = w;
      }
    }
    if (tooLong) {
      at[width] = pack(cell, width);
      width++;
      continue;
    }
    const last = Math.min(to, next - 1);
    at.fill(count, width, last + 1);
    width = last + 1;
  }
}

type Tier = 'words' | 'hyphens' | 'anywhere';

/** The widest unit a cell may not break at this tier. */
function unbreakable(cell: Cell, tier: Tier): number {
  if (tier === 'anywhere') return Math.max(0, ...charactersOf(cell.text).map((ch) => ch.width));
  if (tier === 'words') return Math.max(0, ...cell.widths);
  return Math.max(0, ...cell.words.map((_, i) => Math.max(...piecesOf(cell, i).map((p) => p.width))));
}

/**
 * Column widths that fit `width` for all these rows, or null when only blocks will fit.
 * With `wholeWords`, null as soon as a word would have to break (the caller has a better layout).
 */
export function layoutTable(columns: Column[], rows: string[][], width: number, { wholeWords = false } = {}): number[] | null {
  const cells = columns.map((_, c) => rows.map((row) => cellOf(row[c] ?? '')));
  const header = columns.map((column) => stringWidth(column.header));
  const natural = columns.map((_, c) => Math.max(header[c]!, ...cells[c]!.map((cell) => cell.width)));
  const room = width - GAP.length * (columns.length - 1);
  for (const tier of wholeWords ? (['words'] as const) : (['words', 'hyphens', 'anywhere'] as const)) {
    const floor = columns.map((column, c) =>
      column.flex ? Math.min(natural[c]!, Math.max(column.min, header[c]!, ...cells[c]!.map((cell) => unbreakable(cell, tier)))) : natural[c]!,
    );
    if (floor.reduce((a, b) => a + b, 0) <= room) return share(floor, natural, room, cells);
  }
  return null;
}

/**
 * From the floor widths up: repeatedly widens the one column by the amount
 * that saves the most table lines per column spent, until no widening saves a
 * line or the room is used up.
 */
function share(floor: number[], natural: number[], room: number, cells: Cell[][]): number[] {
  if (natural.reduce((a, b) => a + b, 0) <= room) return natural;
  const widths = [...floor];
  const rowCount = cells[0]?.length ?? 0;
  let spare = room - widths.reduce((a, b) => a + b, 0);
  // Lines of every cell at every width it may get, and the widths where a column saves a line somewhere.
  const top = natural.map((n, c) => Math.min(n, floor[c]! + spare));
  const lines = cells.map((column, c) =>
    column.map((cell) => {
      const at = new Int32Array(top[c]! + 1);
      fillLines(cell, floor[c]!, top[c]!, at);
      return at;
    }),
  );
  const steps = lines.map((column, c) => {
    const found: number[] = [];
    for (let w = floor[c]! + 1; w <= top[c]!; w++) if (column.some((at) => at[w]! < at[w - 1]!)) found.push(w);
    return found;
  });
  // Per row: the tallest column, and the height without it (what widening that column could bring the row down to).
  const tallest = new Int32Array(rowCount);
  const without = new Int32Array(rowCount);
  while (spare > 0) {
    for (let r = 0; r < rowCount; r++) {
      let first = 1;
      let second = 1;
      let column = -1;
      for (let k = 0; k < widths.length; k++) {
        const h = lines[k]![r]![widths[k]!]!;
        if (h > first) [second, first, column] = [first, h, k];
        else if (h > second) second = h;
      }
      tallest[r] = column;
      without[r] = column < 0 ? 1 : second;
    }
    let best: { column: number; width: number; gain: number } | undefined;
    // Failing a step that saves table lines (two columns tie for tallest: widening either
    // alone saves nothing), the step that saves most lines inside cells, to break the tie.
    let fallback: { column: number; width: number; gain: number } | undefined;
    for (let c = 0; c < widths.length; c++) {
      const at = lines[c]!;
      for (const w of steps[c]!) {
        if (w <= widths[c]!) continue;
        if (w - widths[c]! > spare) break;
        // Lines saved: only rows where this column is the tallest can get shorter.
        let saved = 0;
        let cellSaved = 0;
        for (let r = 0; r < rowCount; r++) {
          if (tallest[r] === c) saved += at[r]![widths[c]!]! - Math.max(without[r]!, at[r]![w]!);
          cellSaved += at[r]![widths[c]!]! - at[r]![w]!;
        }
        const gain = saved / (w - widths[c]!);
        if (gain > 0 && (!best || gain > best.gain)) best = { column: c, width: w, gain };
        const cellGain = cellSaved / (w - widths[c]!);
        if (cellGain > 0 && (!fallback || cellGain > fallback.gain)) fallback = { column: c, width: w, gain: cellGain };
      }
    }
    best ??= fallback;
    if (!best) break;
    spare -= best.width - widths[best.column]!;
    widths[best.column] = best.width;
  }
  return widths;
}

/** How many lines the rows take at these widths (the header not counted), without drawing them. */
export function tableHeight(columns: Column[], rows: string[][], widths: number[]): number {
  return rows.reduce((sum, row) => sum + Math.max(1, ...columns.map((_, i) => pack(cellOf(row[i] ?? ''), widths[i]!))), 0);
}

export function renderTable(columns: Column[], rows: string[][], width: number, style: (header: string) => string = (h) => h, widths = layoutTable(columns, rows, width)): string[] {
  if (!widths) return renderBlocks(columns, rows, width, style);
  const line = (cells: string[], styleIt: boolean) => {
    const wrapped = cells.map((cell, i) => {
      const lines: string[] = [];
      pack(cellOf(cell), widths[i]!, (l) => lines.push(l));
      return lines;
    });
    const height = Math.max(...wrapped.map((c) => c.length));
    const out: string[] = [];
    for (let k = 0; k < height; k++) {
      const parts = wrapped.map((c, i) => {
        const text = c[k] ?? '';
        const w = widths[i]!;
        const padded = columns[i]!.align === 'right' ? ' '.repeat(Math.max(0, w - stringWidth(text))) + text : padEnd(text, w);
        return styleIt ? style(padded) : padded;
      });
      out.push(parts.join(GAP).trimEnd());
    }
    return out;
  };
  return [...line(columns.map((c) => c.header), true), ...rows.flatMap((row) => line(row, false))];
}

function renderBlocks(columns: Column[], rows: string[][], width: number, style: (header: string) => string): string[] {
  const labels = columns.map((c) => `${c.header.trim()}:`);
  const labelWidth = Math.min(Math.max(...labels.map(stringWidth)) + 1, Math.floor(width / 2));
  const out: string[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      const label = padEnd(labels[i]!, labelWidth);
      let first = true;
      pack(cellOf(cell.trim()), Math.max(4, width - labelWidth), (l) => {
        out.push((first ? style(label) : ' '.repeat(labelWidth)) + l);
        first = false;
      });
    });
    out.push('');
  }
  return out;
}
