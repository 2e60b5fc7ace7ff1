// The project's one colour setting. chalk on its own ignores NO_COLOR (by
// design) and guesses from the stream, so backex decides the level here, once,
// and every module gets colour from the single chalk instance made from it.
// With colour off (piped, NO_COLOR) chalk is not even loaded: a styler that
// returns text unchanged stands in, which keeps `list | less` quick to start.
import type { ChalkInstance } from 'chalk';

export type ColourLevel = 0 | 1 | 2 | 3;

export interface ColourInputs {
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** false when the user passed --no-color */
  flag?: boolean;
}

/**
 * Order of precedence: --no-color, then FORCE_COLOR (an explicit request to
 * colour even when piped), then NO_COLOR (any non-empty value), then TERM=dumb,
 * then whether stdout is a terminal.
 */
export function colourLevel({ env, isTTY, flag }: ColourInputs): ColourLevel {
  if (flag === false) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2' || force === '3') return Number(force) as ColourLevel;
    return 1;
  }
  if (env.NO_COLOR) return 0;
  if (env.TERM === 'dumb') return 0;
  if (!isTTY) return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (env.TERM?.includes('256')) return 2;
  return 1;
}

/** chalk's API, styling nothing: c.bold.red('x') === 'x'. */
const plain: ChalkInstance = new Proxy(((...text: unknown[]) => text.join(' ')) as unknown as ChalkInstance, {
  get: (_target, property) => (property === 'level' ? 0 : plain),
});

let instance: ChalkInstance = plain;

export async function setColourLevel(level: ColourLevel): Promise<void> {
  if (level === 0) {
    instance = plain;
    return;
  }
  const { Chalk } = await import('chalk');
  instance = new Chalk({ level });
}

/** The project's chalk: call after the entry point has set the level. */
export function colour(): ChalkInstance {
  return instance;
}
