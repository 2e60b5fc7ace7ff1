// A question asked in plain lines (--plain, for screen readers): printed once as
// new lines, the answer read as a line in cooked mode (the terminal echoes and
// edits it), a refused answer's hint printed as a new line and the question
// asked again below it. No cursor movement, no redraw: nothing is erased.
import { createInterface } from 'node:readline';

export type LineJudged<T> = { ok: true; value: T } | { ok: false; hint: string };

export interface LineQuestion<T> {
  /** Printed before each try: the question (and any choices). */
  lines: string[];
  judge: (text: string) => LineJudged<T>;
  /** A refused answer (its hint is printed already): said aloud by the caller. */
  refused?: (hint: string) => void;
}

export interface LineOptions {
  write: (text: string) => void;
  /** Lays lines out for the terminal (wrapped at spaces to its width); as they are by default. */
  fit?: (lines: string[]) => string;
  /** The prompt is no longer wanted: rejects, as an aborted @inquirer prompt does. */
  signal?: AbortSignal;
  /** Ctrl-C (a SIGINT in cooked mode): resolves null, as Ctrl-C at an @inquirer prompt gives no answer. */
  interrupt?: AbortSignal;
}

export function askLine<T>(input: NodeJS.ReadStream, question: LineQuestion<T>, options: LineOptions): Promise<T | null> {
  const { write, signal, interrupt } = options;
  const fit = options.fit ?? ((lines: string[]) => lines.join('\n'));
  return new Promise<T | null>((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    if (interrupt?.aborted) return resolve(null);
    // Cooked: the terminal echoes the typed line and handles backspace itself, as a screen reader expects.
    if (input.isTTY) input.setRawMode(false);
    // terminal: false, so readline never redraws the line (no escape codes of its own).
    const rl = createInterface({ input, terminal: false });
    let done = false;
    const settle = (then: () => void) => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      interrupt?.removeEventListener('abort', onInterrupt);
      rl.close();
      then();
    };
    const onAbort = () => settle(() => reject(abortError()));
    // The terminal echoed ^C where the answer was being typed: what follows starts on a new line.
    const onInterrupt = () => settle(() => (write('\n'), resolve(null)));
    signal?.addEventListener('abort', onAbort);
    interrupt?.addEventListener('abort', onInterrupt);
    const ask = () => write(`${fit(question.lines)}\n`);
    rl.on('line', (text) => {
      if (done) return;
      const judged = question.judge(text);
      if (judged.ok) return settle(() => resolve(judged.value));
      write(`${fit([judged.hint])}\n`);
      question.refused?.(judged.hint);
      ask();
    });
    // Input closed under the question: no answer (the driver treats the closed input as a hang-up).
    rl.on('close', () => settle(() => resolve(null)));
    ask();
  });
}

function abortError(): Error {
  const error = new Error('The prompt was aborted');
  error.name = 'AbortError';
  return error;
}
