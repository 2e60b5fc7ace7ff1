// --plain's questions, on a stream standing in for the terminal: printed as lines, never redrawn.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askLine, type LineQuestion } from '../../src/terminal/line-prompt.js';

function terminal() {
  const input = new PassThrough({ encoding: 'utf8' }) as unknown as NodeJS.ReadStream & PassThrough;
  let output = '';
  return { input, write: (text: string) => (output += text), output: () => output };
}

const number: LineQuestion<number> = {
  lines: ['How much?'],
  judge: (text) => (/^\d+$/.test(text.trim()) ? { ok: true, value: Number(text) } : { ok: false, hint: 'Type a number.' }),
};

describe('askLine', () => {
  it('prints the question as a line; a refused answer gets its hint as a new line (said through `refused`) and the question again below it', async () => {
    const t = terminal();
    const refused: string[] = [];
    const answer = askLine(t.input, { ...number, refused: (hint) => refused.push(hint) }, { write: t.write });
    t.input.write('x\n');
    t.input.write('7\n');
    expect(await answer).toBe(7);
    expect(t.output()).toBe('How much?\nType a number.\nHow much?\n');
    expect(refused).toEqual(['Type a number.']);
  });

  it('lays the question and the hint out with `fit` (wrapped to the terminal)', async () => {
    const t = terminal();
    const answer = askLine(t.input, number, { write: t.write, fit: (lines) => lines.map((l) => l.replaceAll(' ', '\n')).join('\n') });
    t.input.write('x\n3\n');
    expect(await answer).toBe(3);
    expect(t.output()).toBe('How\nmuch?\nType\na\nnumber.\nHow\nmuch?\n');
  });

  it('Ctrl-C (interrupt) is no answer, on a new line; an abort rejects as an aborted prompt does; the input is let go either way', async () => {
    const t = terminal();
    const interrupt = new AbortController();
    const answer = askLine(t.input, number, { write: t.write, interrupt: interrupt.signal });
    interrupt.abort();
    expect(await answer).toBeNull();
    expect(t.output()).toBe('How much?\n\n');
    expect(t.input.listenerCount('data')).toBe(0);
    const abort = new AbortController();
    const aborted = askLine(t.input, number, { write: t.write, signal: abort.signal });
    abort.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(t.input.listenerCount('data')).toBe(0);
  });
});
