// Pieces the session benchmarks share: stand-in audio players first on PATH,
// and a session in a pseudo-terminal driven by what appears on its screen.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from '@lydell/node-pty';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const bin = join(root, 'bin', 'backex.js');

/**
 * A folder of players (`names`) that log when they are started (epoch ns) to `log`,
 * then run `body` (a shell script that "plays": sleeps as long as the audio lasts).
 * Shell, not Node: they must log within a millisecond or two of being started.
 */
export function playerStandIns(log, body, names = ['aplay', 'paplay', 'pw-play', 'play']) {
  const dir = mkdtempSync(join(tmpdir(), 'backex-player-'));
  const script = ['#!/bin/sh', `printf '%s\\n' "$(date +%s%N)" >> '${log}'`, ...body, ''].join('\n');
  for (const name of names) {
    writeFileSync(join(dir, name), script);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

/** `backex <args>` in a 100 x 40 pseudo-terminal; waitFor(text) waits for it on screen, then forgets what was there. */
export function benchTerminal(args, env) {
  const term = pty.spawn(process.execPath, [bin, ...args], { cols: 100, rows: 40, cwd: root, env });
  let screen = '';
  term.onData((d) => (screen += d));
  const exited = new Promise((resolve) => term.onExit(resolve));
  const waitFor = async (text, timeout = 120_000) => {
    const start = Date.now();
    while (!screen.includes(text)) {
      if (Date.now() - start > timeout) throw new Error(`bench: no "${text}" on screen`);
      await new Promise((r) => setTimeout(r, 20));
    }
    screen = '';
  };
  return { term, exited, waitFor };
}
