// Whatever happens (the end, Ctrl-C, SIGTERM, SIGHUP, an error), the terminal
// is given back as it was: cursor shown, echo on, raw mode off, speech ended.
// Each adapter registers its own undo here; they run once, synchronously, so
// they also work from an 'exit' handler.
const undos: (() => void)[] = [];
let installed = false;

export function onRestore(undo: () => void): void {
  undos.push(undo);
  if (!installed) {
    installed = true;
    process.on('exit', restoreTerminal);
  }
}

let gone = false;

/** The terminal has gone away (hang-up, input closed): restoring must not write to it or set its modes. */
export function markTerminalGone(): void {
  gone = true;
}

export function terminalGone(): boolean {
  return gone;
}

export function restoreTerminal(): void {
  // Last registered first, like a stack of try/finally blocks.
  while (undos.length > 0) {
    const undo = undos.pop()!;
    try {
      undo();
    } catch {
      // Keep restoring the rest: one failure must not leave raw mode on.
    }
  }
}

export const SHOW_CURSOR = '\x1b[?25h';
export const HIDE_CURSOR = '\x1b[?25l';
