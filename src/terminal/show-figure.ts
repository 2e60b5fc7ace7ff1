// `backex show` in a terminal: the exercise's figure above its text, moving
// through the exercise once (a few seconds), then still in the held pose. It is
// redrawn in place only while it moves; Ctrl-C stops it and gives the cursor back.
// Loaded only by `show` when stdout is a terminal (start-up stays light).
import type { Exercise } from '../catalogue/schema.js';
import { InterruptedError } from '../errors.js';
import { FIGURE_COLS, framesAt, showKeyframes } from '../figure/frame.js';
import { nextChange } from '../figure/motion.js';
import type { Figure } from '../figure/schema.js';
import { HIDE_CURSOR, onRestore, SHOW_CURSOR } from './restore.js';

/** Frames a second while the figure moves. */
const FPS = 25;
const INDENT = '  ';

export interface FigureOutput {
  write(text: string): unknown;
  rows?: number;
  columns?: number;
}

export interface PlayOptions {
  /** BACKEX_TIME_SCALE: 10 plays ten times faster. */
  speed?: number;
  now?: () => number;
  /** Waits, resolving early when `stop` says so; injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Resolves when the user interrupts (Ctrl-C); the default listens for SIGINT, SIGTERM and SIGHUP. */
  interrupted?: Promise<void>;
}

/** Prints the figure and the text, then animates the figure in place if all of it is on screen. */
export async function showWithFigure(exercise: Exercise & { figure: Figure }, text: string[], out: FigureOutput = process.stdout, options: PlayOptions = {}): Promise<void> {
  const lines = text.join('\n').split('\n');
  // Too narrow for the figure: it would wrap into a mess, so the text comes alone.
  if (out.columns !== undefined && out.columns < INDENT.length + FIGURE_COLS) {
    out.write(`${lines.join('\n')}\n`);
    return;
  }
  const frames = showKeyframes(exercise);
  const end = frames[frames.length - 1]!.at;
  const figureRows = framesAt(exercise, frames, 0).length;
  const height = figureRows + 1 + lines.length;
  // Redrawing in place needs the figure still on screen after the text: otherwise it is drawn still.
  if (!out.rows || height >= out.rows) {
    out.write(`${[...framesAt(exercise, frames, end).map((r) => INDENT + r), '', ...lines].join('\n')}\n`);
    return;
  }
  let shown = framesAt(exercise, frames, 0);
  out.write(`${HIDE_CURSOR}${[...shown.map((r) => INDENT + r), '', ...lines].join('\n')}\n`);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    out.write(SHOW_CURSOR);
  };
  onRestore(restore);

  const speed = options.speed ?? 1;
  const now = options.now ?? (() => performance.now() * speed);
  let stopped = false;
  let wake: (() => void) | undefined;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => (clearTimeout(timer), resolve());
  }));
  const { interrupted, dispose } = options.interrupted ? { interrupted: options.interrupted, dispose: () => {} } : signals();
  void interrupted.then(() => {
    stopped = true;
    wake?.();
  });
  try {
    const start = now();
    for (;;) {
      if (stopped) throw new InterruptedError('');
      const t = now() - start;
      const rows = framesAt(exercise, frames, Math.min(t, end));
      if (rows.some((r, i) => r !== shown[i])) {
        out.write(redraw(rows, shown, height));
        shown = rows;
      }
      if (t >= end) break;
      const next = nextChange(frames, t);
      if (next === Infinity) break;
      // Moving: the next frame; holding still: sleep until the move starts again.
      await sleep(Math.max(1000 / FPS, (Math.min(next, end) - t) / speed));
    }
  } finally {
    dispose();
    restore();
  }
}

/** Rewrites the rows that changed, `height` lines above the cursor, and puts the cursor back. */
export function redraw(rows: string[], before: string[], height: number): string {
  let text = '\x1b7';
  rows.forEach((row, i) => {
    if (row === before[i]) return;
    text += `\x1b[${height - i}A\r${INDENT}${row}\x1b[K\x1b8\x1b7`;
  });
  return `${text}\x1b8`;
}

function signals(): { interrupted: Promise<void>; dispose: () => void } {
  const names = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  let handler: () => void = () => {};
  const interrupted = new Promise<void>((resolve) => (handler = () => resolve()));
  for (const name of names) process.on(name, handler);
  return { interrupted, dispose: () => names.forEach((name) => process.off(name, handler)) };
}
