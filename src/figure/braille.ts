// The figure in Unicode braille: each character cell holds 2 x 4 dots, so a
// box of 40 x 12 cells is 80 x 48 dots, square on most terminal fonts. The
// floor is the bottom row of dots; the limbs away from the viewer are dotted.
// Pure: a scene in, rows of text out, every row exactly `cols` wide.
import type { Point } from './kinematics.js';
import type { Bounds, Scene } from './scene.js';

export const FIGURE_COLS = 40;
export const FIGURE_ROWS = 12;

// Bit of each dot in a braille cell, by [row][column] (Unicode's dot numbering).
const BITS = [
  [0x01, 0x08],
  [0x02, 0x10],
  [0x04, 0x20],
  [0x40, 0x80],
];

class Dots {
  readonly cells: Uint8Array;
  constructor(readonly cols: number, readonly rows: number) {
    this.cells = new Uint8Array(cols * rows);
  }
  get width(): number {
    return this.cols * 2;
  }
  get height(): number {
    return this.rows * 4;
  }
  set(x: number, y: number): void {
    // Outside the box nothing is drawn: the figure can never spill out of it.
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    this.cells[Math.floor(y / 4) * this.cols + Math.floor(x / 2)]! |= BITS[y % 4]![x % 2]!;
  }
  line(x0: number, y0: number, x1: number, y1: number, dotted = false): void {
    // Bresenham, on whole dots.
    x0 = Math.round(x0); y0 = Math.round(y0); x1 = Math.round(x1); y1 = Math.round(y1);
    const dx = Math.abs(x1 - x0);
    const dy = -Math.abs(y1 - y0);
    const sx = x0 < x1 ? 1 : -1;
    const sy = y0 < y1 ? 1 : -1;
    let err = dx + dy;
    for (let n = 0; ; n++) {
      if (!dotted || n % 2 === 0) this.set(x0, y0);
      if (x0 === x1 && y0 === y1) break;
      const e2 = 2 * err;
      if (e2 >= dy) { err += dy; x0 += sx; }
      if (e2 <= dx) { err += dx; y0 += sy; }
    }
  }
  circle(cx: number, cy: number, r: number, filled: boolean): void {
    const steps = Math.max(12, Math.ceil(r * 8));
    for (let i = 0; i < steps; i++) {
      const a = (i / steps) * 2 * Math.PI;
      this.set(Math.round(cx + r * Math.cos(a)), Math.round(cy + r * Math.sin(a)));
    }
    if (filled) for (let y = Math.ceil(cy - r); y <= cy + r; y++) for (let x = Math.ceil(cx - r); x <= cx + r; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) this.set(x, y);
  }
  text(): string[] {
    const rows: string[] = [];
    for (let r = 0; r < this.rows; r++) {
      let row = '';
      for (let c = 0; c < this.cols; c++) {
        const bits = this.cells[r * this.cols + c]!;
        row += bits === 0 ? ' ' : String.fromCharCode(0x2800 + bits);
      }
      rows.push(row);
    }
    return rows;
  }
}

/** One frame of the figure: `rows` strings of `cols` characters (braille, or a space where no dot is). */
export function brailleRows(scene: Scene, bounds: Bounds, cols = FIGURE_COLS, rows = FIGURE_ROWS): string[] {
  const dots = new Dots(cols, rows);
  const floorY = dots.height - 1;
  const w = Math.max(1, bounds.maxX - bounds.minX);
  const h = Math.max(1, bounds.maxY);
  const scale = Math.min((dots.width - 1) / w, (dots.height - 2) / h);
  const left = (dots.width - 1 - w * scale) / 2;
  const at = (p: Point) => [left + (p.x - bounds.minX) * scale, floorY - 1 - p.y * scale] as const;
  const chain = (points: Point[], dotted: boolean) => {
    for (let i = 1; i < points.length; i++) {
      const [x0, y0] = at(points[i - 1]!);
      const [x1, y1] = at(points[i]!);
      dots.line(x0, y0, x1, y1, dotted);
    }
  };
  dots.line(0, floorY, dots.width - 1, floorY);
  if (scene.ball) {
    const [bx, by] = at(scene.ball.centre);
    dots.circle(bx, by, scene.ball.radius * scale, false);
  }
  for (const limb of scene.far) chain(limb, true);
  chain(scene.trunk, false);
  const [hx, hy] = at(scene.head.centre);
  dots.circle(hx, hy, Math.max(1.5, scene.head.radius * scale), scene.head.radius * scale < 3);
  for (const limb of scene.near) chain(limb, false);
  return dots.text();
}
