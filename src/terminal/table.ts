// A plain table that fits the terminal: columns shrink and wrap (flexible ones
// first) instead of overflowing; if even that cannot fit, each row becomes a
// small block of "label: value" lines, so nothing is ever garbled.
import { padEnd, stringWidth, wrap } from './width.js';

export interface Column {
  header: string;
  /** Narrowest the column may become; 0 means never narrower than its widest cell (ids, numbers). */
  min: number;
  /** Flexible columns give up width first (and wrap). */
  flex?: boolean;
  align?: 'left' | 'right';
}

const GAP = '  ';

/** Column widths that fit `width` for all these rows, or null when only blocks will fit. */
export function layoutTable(columns: Column[], rows: string[][], width: number): number[] | null {
  const natural = columns.map((c, i) => Math.max(stringWidth(c.header), ...rows.map((r) => stringWidth(r[i] ?? ''))));
  const floor = columns.map((c, i) => (c.min === 0 ? Math.max(...rows.map((r) => stringWidth(r[i] ?? '')), 1) : c.min));
  const widths = [...natural];
  let excess = widths.reduce((a, b) => a + b, 0) + GAP.length * (columns.length - 1) - width;
  // Shrink flexible columns, widest first, then the others, never below their floor.
  for (const pass of [true, false]) {
    while (excess > 0) {
      let widest = -1;
      for (let i = 0; i < columns.length; i++) {
        if (Boolean(columns[i]!.flex) !== pass || widths[i]! <= floor[i]!) continue;
        if (widest < 0 || widths[i]! > widths[widest]!) widest = i;
      }
      if (widest < 0) break;
      widths[widest]!--;
      excess--;
    }
  }
  return excess > 0 ? null : widths;
}

export function renderTable(columns: Column[], rows: string[][], width: number, style: (header: string) => string = (h) => h, widths = layoutTable(columns, rows, width)): string[] {
  if (!widths) return renderBlocks(columns, rows, width, style);
  const line = (cells: string[], styleIt: boolean) => {
    const wrapped = cells.map((cell, i) => wrap(cell, widths[i]!));
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
  const labelWidth = Math.min(Math.max(...columns.map((c) => stringWidth(c.header))) + 2, Math.floor(width / 2));
  const out: string[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      const label = padEnd(`${columns[i]!.header}:`, labelWidth);
      const lines = wrap(cell, Math.max(4, width - labelWidth));
      lines.forEach((l, k) => out.push((k === 0 ? style(label) : ' '.repeat(labelWidth)) + l));
    });
    out.push('');
  }
  return out;
}
