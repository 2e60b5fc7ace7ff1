// The one owner of stdin. Two traps decide its shape: a key listener left
// attached during a prompt receives the prompt's keystrokes, and
// @inquirer/prompts turns raw mode off and pauses stdin when a prompt closes.
// So stdin is either in "keys" mode (raw, our listener) or handed to exactly
// one prompt, explicitly, and taken back afterwards.
import { onRestore, terminalGone } from './restore.js';

export type Key = 'space' | 'enter' | 'ctrl-c' | 'escape' | 's' | 'b' | 'p' | 'q' | 'y' | 'n' | '?' | 'other';

/** Splits a chunk of raw input into keys; escape sequences (arrows, function keys) count as one. */
export function parseKeys(chunk: string): Key[] {
  if (chunk.startsWith('\x1b')) return [chunk.length === 1 ? 'escape' : 'other'];
  const keys: Key[] = [];
  for (const ch of chunk) {
    if (ch === '\x03') keys.push('ctrl-c');
    else if (ch === ' ') keys.push('space');
    else if (ch === '\r' || ch === '\n') keys.push('enter');
    else if ('sbpqyn?'.includes(ch.toLowerCase())) keys.push(ch.toLowerCase() as Key);
    else keys.push('other');
  }
  return keys;
}

export class TerminalInput {
  private listener: ((chunk: string) => void) | undefined;

  constructor(private readonly stdin: NodeJS.ReadStream = process.stdin) {
    onRestore(() => this.release());
  }

  /** Keys mode: raw input, delivered as soon as it arrives. */
  listen(onKey: (key: Key) => void): void {
    this.detach();
    this.listener = (chunk: string) => {
      for (const key of parseKeys(chunk)) onKey(key);
    };
    this.stdin.setEncoding('utf8');
    if (this.stdin.isTTY) this.stdin.setRawMode(true);
    this.stdin.on('data', this.listener);
    this.stdin.resume();
  }

  /** Stop listening (before a prompt takes stdin). */
  detach(): void {
    if (this.listener) this.stdin.off('data', this.listener);
    this.listener = undefined;
  }

  /** Hands stdin to one prompt, and takes it back (paused, cooked) afterwards. */
  async handOver<T>(prompt: (input: NodeJS.ReadStream) => Promise<T>): Promise<T> {
    this.detach();
    try {
      return await prompt(this.stdin);
    } finally {
      if (this.stdin.isTTY) this.stdin.setRawMode(false);
      this.stdin.pause();
    }
  }

  /** Back to how the shell left it. */
  release(): void {
    this.detach();
    if (this.stdin.isTTY && !terminalGone()) this.stdin.setRawMode(false);
    this.stdin.pause();
  }
}
