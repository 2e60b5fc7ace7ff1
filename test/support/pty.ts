// Drives the built backex in a real pseudo-terminal (node-pty), as a person at
// a keyboard would: type keys, and read the screen as a terminal shows it
// (@xterm/headless interprets the escape codes, so redraws in place read right).
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { bin, root, tempHome } from './backex.js';

export interface PtyOptions {
  env?: NodeJS.ProcessEnv;
  home?: string;
  cols?: number;
  rows?: number;
  /** Run through `sh -c` with this script; "$BACKEX" is the command. */
  shell?: string;
  cwd?: string;
}

export class PtySession {
  readonly term: xterm.Terminal;
  readonly proc: pty.IPty;
  raw = '';
  readonly exited: Promise<{ exitCode: number; signal?: number }>;
  readonly home: string;

  constructor(args: string[], options: PtyOptions = {}) {
    const cols = options.cols ?? 100;
    const rows = options.rows ?? 40;
    this.home = options.home ?? tempHome();
    this.term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
    const env = { ...process.env, BACKEX_HOME: this.home, TERM: 'xterm-256color', ...options.env } as Record<string, string>;
    delete env.CI;
    const quoted = [process.execPath, bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const [file, argv] = options.shell ? ['/bin/sh', ['-c', options.shell.replaceAll('"$BACKEX"', quoted)]] : [process.execPath, [bin, ...args]];
    this.proc = pty.spawn(file, argv as string[], { name: 'xterm-256color', cols, rows, cwd: options.cwd ?? root, env });
    this.proc.onData((data) => {
      this.raw += data;
      this.term.write(data);
    });
    this.exited = new Promise((resolve) => this.proc.onExit(resolve));
  }

  /** The screen as it looks now, one string, lines trimmed. */
  screen(): string {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n');
  }

  /** Visible part only (what a person sees now). */
  visible(): string {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = buffer.viewportY; i < buffer.viewportY + this.term.rows; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n');
  }

  async waitFor(pattern: RegExp | string, timeoutMs = 15_000, where: 'visible' | 'raw' = 'visible'): Promise<void> {
    const start = Date.now();
    const matches = () => {
      const text = where === 'raw' ? this.raw : this.visible();
      return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
    };
    for (;;) {
      // Read the screen only once xterm has parsed all that has arrived: never half a frame.
      await this.settled();
      if (matches()) return;
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${pattern}; screen:\n${this.visible()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Resolves once the terminal has parsed everything received so far. xterm parses
   * writes later, in slices, so on a busy machine the screen can lag behind the data.
   */
  settled(): Promise<void> {
    return new Promise((resolve) => this.term.write('', resolve));
  }

  type(text: string): void {
    this.proc.write(text);
  }

  async exit(timeoutMs = 15_000): Promise<{ exitCode: number; signal?: number }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`backex did not exit; screen:\n${this.visible()}`)), timeoutMs);
    });
    try {
      const result = await Promise.race([this.exited, timeout]);
      await this.settled();
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  kill(signal = 'SIGKILL'): void {
    try {
      this.proc.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** The optional note at the end of a session ("How did it go?"): Enter alone skips it. */
export async function skipNote(session: PtySession, timeoutMs = 20_000): Promise<void> {
  await session.waitFor('How did it go?', timeoutMs);
  session.type('\r');
}
