// The session's display: a pure function from state to lines (tested without a
// terminal), and a Screen that redraws those lines in place from the top left,
// so nothing scrolls and the count stays where the eye expects it.
import type { ChalkInstance } from 'chalk';
import { formatDuration } from '../catalogue/dose.js';
import type { Phase } from '../engine/timeline.js';
import { bigNumber } from './big-digits.js';
import { HIDE_CURSOR, onRestore, SHOW_CURSOR, terminalGone } from './restore.js';
import { padEnd, stringWidth, wrap } from './width.js';

export interface ScreenState {
  index: number;
  of: number;
  name: string;
  position?: string;
  sideName?: string;
  phase: Phase;
  cueText: string;
  count?: number;
  repLabel?: string;
  elapsedMs: number;
  remainingMs: number;
  paused: boolean;
  /** ora's current frame, during get-ready and rest. */
  spinner?: string;
  /** A line at the bottom: a confirmation. */
  notice?: string;
  /** The last warning (speech stopped, history not saved), kept in view. */
  warning?: string;
  showKeys: boolean;
  rangeOpen: boolean;
  /** With ?, the movement taught in full (the page's steps), above the keys. */
  teach?: string[];
  /** The figure's rows (braille), drawn beside the count where the terminal has room. */
  figure?: string[];
}

export const KEYS_SHORT = 'space pause · s skip · b restart · p pain: stop · q end · ? keys and steps';
export const KEYS_LONG = [
  'space   pause, and space again to carry on',
  's       skip this exercise',
  'b       start this exercise again',
  'p       it hurts: stop this exercise now',
  'Enter   in a range of reps: I have had enough',
  'q       end the session (asks first; Ctrl-C too, twice ends at once)',
  '?       show or hide these keys, and the movement in full',
];

function phaseColour(c: ChalkInstance, phase: Phase): ChalkInstance {
  switch (phase) {
    case 'hold':
      return c.green.bold;
    case 'rest':
      return c.cyan;
    case 'ready':
      return c.yellow;
    case 'switch':
      return c.magenta;
    case 'done':
      return c.green;
    default:
      return c.white;
  }
}

/**
 * The screen for a terminal `width` x `height`. Too few rows for the full
 * screen (the large count takes five): a compact one, without the large count,
 * the position or blank lines, so the progress line and the exercise stay in view.
 */
export function renderScreen(s: ScreenState, width: number, c: ChalkInstance, height = Infinity): string[] {
  // The frame ends with a newline: one row is kept for it, or the page would scroll.
  const withFigure = besideFigure(s, width, c, height);
  if (withFigure) return withFigure;
  const full = renderFull(s, width, c);
  if (full.length <= height - 1) return full;
  const compact = renderCompact(s, Math.max(20, width), c);
  // The keys list (?) may not fit: it keeps the bottom, the progress line gives way.
  return s.showKeys ? compact.slice(-Math.max(1, height - 1)) : compact.slice(0, Math.max(1, height - 1));
}

/** Room for the text and, to its right, the figure (two columns apart). */
export const FIGURE_GAP = 2;
const MIN_TEXT_WIDTH = 48;

/**
 * The full screen with the figure beside it, from the exercise's name down:
 * only where both fit (a 60 x 15 terminal gets the screen without it).
 */
function besideFigure(s: ScreenState, width: number, c: ChalkInstance, height: number): string[] | null {
  const figure = s.figure;
  if (!figure || figure.length === 0) return null;
  const figureWidth = Math.max(...figure.map((row) => row.length)) + FIGURE_GAP;
  const textWidth = width - figureWidth;
  if (textWidth < MIN_TEXT_WIDTH) return null;
  const text = renderFull({ ...s, figure: undefined }, textWidth, c);
  const top = 2; // below the header and its rule
  const rows = Math.max(text.length, top + figure.length);
  if (rows > height - 1) return null;
  const out: string[] = [];
  for (let i = 0; i < rows; i++) {
    const left = text[i] ?? '';
    const row = figure[i - top];
    out.push(row === undefined ? left : `${padEnd(left, textWidth)}${' '.repeat(FIGURE_GAP)}${c.cyan(row)}`);
  }
  return out;
}

function header(s: ScreenState): string {
  return `backex · exercise ${s.index + 1} of ${s.of} · ${formatDuration(s.elapsedMs / 1000)} done · about ${formatDuration(s.remainingMs / 1000)} left`;
}

function sideAndRep(s: ScreenState, w: number): string[] {
  const right = s.repLabel ?? '';
  const left = s.sideName ? `Side: ${s.sideName}` : '';
  if (!left && !right) return [];
  if (!left || !right) return wrap(left || right, w);
  // Side on the left, rep on the right; where both do not fit on one line, one under the other
  // (wrapped together, "Side: left arm and right leg Rep 1 of 10" ran into each other).
  if (stringWidth(left) + 3 + stringWidth(right) > w) return [...wrap(left, w), ...wrap(right, w)];
  return [`${padEnd(left, w - stringWidth(right) - 1)}${right}`];
}

function renderCompact(s: ScreenState, w: number, c: ChalkInstance): string[] {
  const colourOf = phaseColour(c, s.phase);
  const count = s.count !== undefined && !s.paused ? `${s.count} · ` : '';
  return [
    ...wrap(c.dim(header(s)), w),
    ...wrap(c.bold(s.name), w),
    ...sideAndRep(s, w),
    ...(s.paused ? [c.yellow.bold('PAUSED: press space to carry on.')] : []),
    ...wrap(colourOf(`${count}${s.cueText}`), w),
    ...(s.rangeOpen ? [c.cyan('Press Enter when you have had enough.')] : []),
    ...(s.notice ? wrap(c.yellow.bold(s.notice), w) : []),
    ...(s.warning ? wrap(c.yellow(s.warning), w) : []),
    ...(s.showKeys ? KEYS_LONG.flatMap((k) => wrap(c.dim(k), w)) : wrap(c.dim(KEYS_SHORT), w)),
  ];
}

function renderFull(s: ScreenState, width: number, c: ChalkInstance): string[] {
  const w = Math.max(20, width);
  const out: string[] = [];
  out.push(...wrap(c.dim(header(s)), w));
  out.push(c.dim('─'.repeat(w)));
  out.push(...wrap(c.bold(s.name), w));
  if (s.position) out.push(...wrap(c.dim(`Position: ${s.position}`), w));
  out.push(...sideAndRep(s, w));
  out.push('');
  const colourOf = phaseColour(c, s.phase);
  if (s.paused) {
    out.push(c.yellow.bold('PAUSED'), c.yellow('Press space to carry on.'), '', '', '');
  } else if (s.count !== undefined && w >= 30) {
    out.push(...bigNumber(s.count).map((line) => colourOf(`  ${line}`)));
  } else if (s.count !== undefined) {
    out.push(colourOf(`  ${s.count}`), '', '', '', '');
  } else {
    out.push('', '', '', '', '');
  }
  out.push('');
  out.push(...wrap(colourOf(`${s.spinner ? `${s.spinner} ` : ''}${s.cueText}`), w));
  if (s.rangeOpen) out.push(c.cyan('Press Enter when you have had enough.'));
  out.push('');
  if (s.notice) out.push(...wrap(c.yellow.bold(s.notice), w));
  if (s.warning) out.push(...wrap(c.yellow(s.warning), w));
  if (s.showKeys && s.teach?.length) out.push(c.bold('How to do it'), ...s.teach.flatMap((step) => wrap(`  ${step}`, w)), '');
  if (s.showKeys) out.push(...KEYS_LONG.flatMap((k) => wrap(c.dim(k), w)));
  else out.push(...wrap(c.dim(KEYS_SHORT), w));
  return out;
}

export class Screen {
  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {
    onRestore(() => {
      if (!terminalGone()) this.stream.write(SHOW_CURSOR);
    });
  }

  /** A fresh, calm page: cleared, cursor hidden while the timer runs. */
  begin(): void {
    this.last = '';
    this.stream.write(`${HIDE_CURSOR}\x1b[2J\x1b[H`);
  }

  private last = '';

  draw(lines: string[]): void {
    // Top left, each line cleared to its end, and everything below cleared; nothing at all when nothing changed.
    const frame = `\x1b[H${lines.join('\x1b[K\n')}\x1b[K\n\x1b[J`;
    if (frame === this.last) return;
    this.last = frame;
    this.stream.write(frame);
  }

  /** Back to normal output below the last frame: cursor shown, page cleared for prompts. */
  end(clear = true): void {
    this.stream.write(clear ? `\x1b[2J\x1b[H${SHOW_CURSOR}` : SHOW_CURSOR);
  }

  get width(): number {
    return this.stream.columns || 80;
  }

  get height(): number {
    return this.stream.rows || 24;
  }
}
