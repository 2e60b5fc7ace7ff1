// The figure player of `show`, with a fake clock: it redraws only the rows that
// change, sleeps through holds instead of redrawing a still figure, ends still,
// and always shows the cursor again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInDataDir } from '../../src/catalogue/load.js';
import { DataFileSchema, type Exercise } from '../../src/catalogue/schema.js';
import { InterruptedError } from '../../src/errors.js';
import { framesAt, showKeyframes } from '../../src/figure/frame.js';
import { LOOP_PACE } from '../../src/figure/motion.js';
import type { Figure } from '../../src/figure/schema.js';
import { redraw, showWithFigure } from '../../src/terminal/show-figure.js';

const exercises = DataFileSchema.parse(JSON.parse(readFileSync(join(builtInDataDir(), 'exercises.json'), 'utf8'))).exercises!;
const dog = exercises.find((e) => e.id === 'bird-dog')! as Exercise & { figure: Figure };
const text = ['Bird dog', '', 'Steps', '  1. Start on your hands and knees.'];

function fakeTerminal(rows: number) {
  let clock = 0;
  const writes: string[] = [];
  const sleeps: number[] = [];
  return {
    out: { rows, write: (t: string) => writes.push(t) },
    writes,
    sleeps,
    options: {
      now: () => clock,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        clock += ms;
      },
      interrupted: new Promise<void>(() => {}),
    },
  };
}

describe('show\'s figure player', () => {
  it('moves the figure once, sleeping through each hold rather than redrawing it, then stops in the held pose', async () => {
    const t = fakeTerminal(40);
    await showWithFigure(dog, text, t.out, t.options);
    const frames = showKeyframes(dog);
    const end = frames[frames.length - 1]!.at;
    // Every frame while moving (25 a second) would be about end/40 sleeps; holds are slept through in one go.
    expect(t.sleeps.length).toBeLessThan(end / 40);
    expect(t.sleeps.filter((ms) => ms >= LOOP_PACE.hold - 50).length).toBeGreaterThanOrEqual(2);
    expect(t.writes[0]).toContain('\x1b[?25l');
    expect(t.writes[0]).toContain('Bird dog');
    expect(t.writes[t.writes.length - 1]).toBe('\x1b[?25h');
    // Ends on the held pose: the last rows drawn are those of the end.
    const last = framesAt(dog, frames, end);
    const screen = t.writes.join('');
    expect(screen).toContain(last.find((row) => row.trim() !== '' && row !== framesAt(dog, frames, 0)[last.indexOf(row)])!);
  });

  it('text and figure taller than the terminal: the figure is printed still, once, and the cursor never hidden', async () => {
    const t = fakeTerminal(10);
    await showWithFigure(dog, text, t.out, t.options);
    expect(t.writes).toHaveLength(1);
    expect(t.sleeps).toEqual([]);
    expect(t.writes[0]).not.toContain('\x1b[?25l');
  });

  it('a terminal narrower than the figure gets the text alone', async () => {
    const t = fakeTerminal(40);
    await showWithFigure(dog, text, { ...t.out, columns: 41 }, t.options);
    expect(t.writes).toEqual([`${text.join('\n')}\n`]);
  });

  it('interrupted (Ctrl-C): stops with InterruptedError and shows the cursor again', async () => {
    const t = fakeTerminal(40);
    let interrupt = () => {};
    const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
    const sleep = async (ms: number) => {
      t.sleeps.push(ms);
      if (t.sleeps.length === 3) interrupt();
      await new Promise((r) => setImmediate(r));
    };
    await expect(showWithFigure(dog, text, t.out, { ...t.options, sleep, interrupted })).rejects.toBeInstanceOf(InterruptedError);
    expect(t.writes[t.writes.length - 1]).toBe('\x1b[?25h');
  });

  it('redraw rewrites only the rows that changed, counting up from below the text, and puts the cursor back', () => {
    expect(redraw(['a', 'B', 'c'], ['a', 'b', 'c'], 8)).toBe('\x1b7\x1b[7A\r  B\x1b[K\x1b8\x1b7\x1b8');
    expect(redraw(['a'], ['a'], 8)).toBe('\x1b7\x1b8');
  });
});
