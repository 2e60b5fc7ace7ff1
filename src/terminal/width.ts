// Terminal text measured by what it shows, not by .length. Accented letters,
// emoji and wide characters are measured with string-width and wrapped with
// wrap-ansi; but those build large Unicode tables when imported (about 50 ms,
// half of `backex list`), so they are loaded only when some text needs them:
// call `prepareText()` with the text first. Plain ASCII takes a fast path.
type WidthLibrary = { stringWidth: (text: string) => number; wrapAnsi: (text: string, columns: number, options: object) => string };
let unicode: WidthLibrary | null = null;

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
// eslint-disable-next-line no-control-regex
const NOT_PLAIN = /[^\x20-\x7e\n\x1b]/;

/** Loads the Unicode-aware measuring if any of these texts needs it. */
export async function prepareText(texts: Iterable<string | undefined>): Promise<void> {
  if (unicode) return;
  for (const text of texts) {
    if (text && NOT_PLAIN.test(text)) {
      const [{ default: stringWidth }, { default: wrapAnsi }] = await Promise.all([import('string-width'), import('wrap-ansi')]);
      unicode = { stringWidth, wrapAnsi };
      return;
    }
  }
}

/** Loads the Unicode-aware measuring regardless (screens with box-drawing and symbols). */
export function prepareUnicode(): Promise<void> {
  return prepareText(['·']);
}

export function stringWidth(text: string): number {
  if (unicode) return unicode.stringWidth(text);
  const plain = text.replace(ANSI, '');
  // Not prepared for non-ASCII: count code points rather than fail.
  return NOT_PLAIN.test(plain) ? [...plain].length : plain.length;
}

type Stream = Pick<NodeJS.WriteStream, 'isTTY' | 'columns'>;

/**
 * Columns to lay out in: the terminal's width; when the output is piped
 * (`backex list | less`) but stderr is still the terminal, stderr's width;
 * else COLUMNS, else 80. Never under 20.
 */
export function outputWidth(stream: Stream = process.stdout, env: NodeJS.ProcessEnv = process.env, terminal: Stream | undefined = process.stderr): number {
  const fromEnv = Number.parseInt(env.COLUMNS ?? '', 10);
  const tty = [stream, terminal].find((s) => s?.isTTY && s.columns);
  const columns = tty ? tty.columns : Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 80;
  return Math.max(20, columns);
}

/** Wraps at spaces to `width` columns, splitting words longer than a line. */
export function wrap(text: string, width: number): string[] {
  const columns = Math.max(1, width);
  // Plain text wraps the same whether or not the Unicode library has been loaded
  // (wrap-ansi keeps runs of spaces and breaks long words differently).
  if (unicode && NOT_PLAIN.test(text)) return unicode.wrapAnsi(text, columns, { hard: true, trim: true }).split('\n');
  return wrapPlain(text, columns);
}

/** wrap() for plain text: at single spaces, a word longer than a line filling the line before it is broken. */
export function wrapPlain(text: string, width: number): string[] {
  const columns = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let word of paragraph.split(' ').filter(Boolean)) {
      while (stringWidth(word) > columns) {
        // A word longer than a line: fill the line, break the word.
        const room = line ? columns - stringWidth(line) - 1 : columns;
        if (room <= 0) {
          lines.push(line);
          line = '';
          continue;
        }
        lines.push(line ? `${line} ${word.slice(0, room)}` : word.slice(0, room));
        line = '';
        word = word.slice(room);
      }
      if (!line) line = word;
      else if (stringWidth(line) + 1 + stringWidth(word) <= columns) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Wraps between phrases, so that each stays on one line where it fits
 * ("backex show <id>" never ends one line and starts the next); a phrase
 * longer than a line wraps at its spaces.
 */
export function wrapPhrases(phrases: string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const phrase of phrases) {
    if (line && stringWidth(line) + 1 + stringWidth(phrase) <= width) line += ` ${phrase}`;
    else {
      if (line) lines.push(line);
      line = phrase;
    }
  }
  if (line) lines.push(line);
  return lines.flatMap((l) => wrap(l, width));
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

// eslint-disable-next-line no-control-regex
const LEAD = /^((?:\x1b\[[0-9;]*m)*)( *(?:\u2022|-|\d+\.)? *)/;

/**
 * Fits printed lines to the terminal: each line wraps at spaces, and its
 * continuation lines hang under its text (past any indent, bullet or "1.").
 */
export function fitLines(lines: string[], width: number): string[] {
  return lines.flatMap((line) => {
    if (stringWidth(line) <= width) return [line];
    const [, codes = '', lead = ''] = LEAD.exec(line) ?? [];
    const hang = ' '.repeat(lead.length);
    const wrapped = wrap(codes + line.slice(codes.length + lead.length), Math.max(10, width - lead.length));
    // The lead goes after the line's opening colour codes, so a coloured bullet stays coloured.
    return wrapped.map((text, i) => (i > 0 ? hang + text : text.startsWith(codes) ? codes + lead + text.slice(codes.length) : lead + text));
  });
}
