// What the exercise screen shows at a given moment: a pure function of the
// controller's state and the time, drawn by src/terminal/screen.ts.
import { positionOf, rangeOpen } from '../engine/runner.js';
import { sessionDurationMs } from '../engine/timeline.js';
import type { ScreenState } from '../terminal/screen.js';
import type { SessionState } from './controller.js';

/** The figure's rows for exercise `index` at timeline position `at` (unscaled ms); [] for none. */
export type FigureOf = (index: number, at: number) => string[];

/**
 * The screen during an exercise, or null outside one. `spinner` is the frame to
 * show while getting ready or resting; `figureOf` draws the moving figure, which
 * follows the timeline (moving into the pose as a rep starts, still while holding).
 */
export function playScreen(state: SessionState, now: number, spinner?: string, figureOf?: FigureOf): ScreenState | null {
  const stage = state.stage;
  if (stage.kind !== 'play') return null;
  const { run, view } = stage;
  const timeline = run.timeline;
  const position = positionOf(run, now);
  const later = sessionDurationMs(state.config.timelines.slice(stage.index + 1));
  const paused = run.pausedAt !== null;
  const notice = view.notice && view.notice.until > now ? view.notice.text : undefined;
  const warning = state.warnings.at(-1);
  return {
    index: timeline.index,
    of: timeline.of,
    name: timeline.name,
    ...(timeline.position && { position: timeline.position }),
    ...(view.sideName !== undefined && { sideName: view.sideName }),
    phase: view.phase,
    cueText: view.cueText,
    ...(view.count !== undefined && { count: view.count }),
    ...(view.repLabel !== undefined && { repLabel: view.repLabel }),
    // Exercise time spent: it keeps counting up when b goes back to the start.
    elapsedMs: state.playedMs + Math.max(0, position - state.lastPosition),
    remainingMs: Math.max(0, timeline.durationMs - position) + later,
    paused,
    ...(spinner !== undefined && !paused && (view.phase === 'ready' || view.phase === 'rest' || view.phase === 'switch') && { spinner }),
    ...(notice !== undefined && { notice }),
    ...(warning !== undefined && { warning }),
    showKeys: view.showKeys,
    ...(view.showKeys && { teach: timeline.teach.full }),
    ...(figureOf && { figure: figureOf(stage.index, position) }),
    rangeOpen: rangeOpen(run),
  };
}

/**
 * --plain: what to print as a new line now besides the cues (which are printed
 * as they come), for a screen reader to read once: being paused, or a notice;
 * null when there is nothing new. No cursor movement.
 */
export function plainLine(view: ScreenState, last: string | null): string | null {
  const line = [view.paused ? 'Paused: press space to carry on.' : '', view.notice ?? ''].filter(Boolean).join(' ');
  return line === last || line === '' ? null : line;
}
