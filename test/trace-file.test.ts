// BACKEX_TRACE names a file backex writes to: never through a symbolic link,
// never a named pipe or a device, 0600 when backex creates it (issue 15, item 5).
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeOf, UsageError } from '../src/errors.js';
import { openTrace } from '../src/trace.js';
import { restoreTerminal } from '../src/terminal/restore.js';

const folder = () => mkdtempSync(join(tmpdir(), 'backex-trace-'));
const open = (path: string) => openTrace(path, () => 0, () => 0);

function refusal(path: string): UsageError {
  try {
    open(path);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('BACKEX_TRACE', () => {
  it('a named pipe is refused at once (the start no longer waits for a reader), exit 2', () => {
    const fifo = join(folder(), 'trace.fifo');
    execFileSync('mkfifo', [fifo]);
    const error = refusal(fifo);
    expect(error.message).toMatch(/^BACKEX_TRACE: .*trace\.fifo is not a plain file \(it is a named pipe/);
    expect(exitCodeOf(error)).toBe(2);
  });

  it('a device is refused', () => {
    expect(refusal('/dev/null').message).toMatch(/\/dev\/null is not a plain file \(it is a device\)/);
  });

  it('a symbolic link is never followed, and its target is left as it was', () => {
    const dir = folder();
    const target = join(dir, 'precious.txt');
    writeFileSync(target, 'keep me\n', { mode: 0o644 });
    symlinkSync(target, join(dir, 'trace.jsonl'));
    expect(refusal(join(dir, 'trace.jsonl')).message).toMatch(/trace\.jsonl is a symbolic link; backex does not follow one/);
    expect(readFileSync(target, 'utf8')).toBe('keep me\n');
    expect(statSync(target).mode & 0o777).toBe(0o644);
    expect(lstatSync(join(dir, 'trace.jsonl')).isSymbolicLink()).toBe(true);
  });

  it('a new trace file is readable by the user alone, and lines reach it', () => {
    const path = join(folder(), 'trace.jsonl');
    const trace = open(path);
    trace('cue', { text: 'hello' });
    restoreTerminal();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toMatch(/"event":"cue","text":"hello"/);
  });

  it('a folder that does not exist is a usage error in plain words', () => {
    expect(refusal(join(folder(), 'no', 'trace.jsonl')).message).toMatch(/cannot write .*: the folder .* does not exist/);
  });
});
