// Terminal text measured by what it shows, not by .length: accented letters,
// emoji and colour codes are measured with string-width, wrapped with wrap-ansi.
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

export { stringWidth };

/** Columns to lay out in: the terminal's width, else COLUMNS, else 80; never under 20. */
export function outputWidth(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number.parseInt(env.COLUMNS ?? '', 10);
  const columns = stream.isTTY && stream.columns ? stream.columns : Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 80;
  return Math.max(20, columns);
}

export function wrap(text: string, width: number): string[] {
  return wrapAnsi(text, Math.max(1, width), { hard: true, trim: true }).split('\n');
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

/** Wraps text to width with a hanging indent, for "label: long text" lines. */
export function indentWrap(text: string, width: number, indent: string, firstIndent = indent): string {
  const inner = Math.max(10, width - stringWidth(indent));
  return wrap(text, inner)
    .map((line, i) => (i === 0 ? firstIndent : indent) + line)
    .join('\n');
}
