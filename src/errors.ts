// Typed errors: commands throw these, and only the entry point (src/cli.ts)
// turns them into a message on stderr and an exit code. Nothing else exits.
import { dirname } from 'node:path';

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** Wrong use of the command line: unknown exercise, bad option value, no terminal. Exit 2. */
export class UsageError extends Error {
  readonly exitCode = EXIT.usage;
}

/** A data file that cannot be used: names the file, the entry, the field and what was expected. Exit 2. */
export class DataError extends Error {
  readonly exitCode = EXIT.usage;
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** A file that could not be written (a full disk, no permission): exit 1, with this plain message. */
export class WriteFailed extends Error {
  readonly exitCode = EXIT.failure;
}

/** The user ended the program (Ctrl-C twice, SIGTERM, SIGHUP). Exit 130. */
export class InterruptedError extends Error {
  readonly exitCode = EXIT.interrupted;
}

export function exitCodeOf(error: unknown): number {
  if (error && typeof error === 'object' && 'exitCode' in error && typeof error.exitCode === 'number') {
    return error.exitCode;
  }
  return EXIT.failure;
}

const PLAIN_REASONS: Record<string, string> = {
  EACCES: 'no permission',
  EPERM: 'no permission',
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  EROFS: 'the disk is read-only',
  EISDIR: 'it is a folder',
  ENOTDIR: 'part of the path is a file, not a folder',
  // mkdir's answer when a file sits where a folder should be.
  EEXIST: 'a file of that name is in the way',
};

/** "cannot write /tmp: it is a folder": a file error in plain words, naming the path, for people rather than programmers. */
export function describeFileError(error: unknown, path: string, doing: 'read' | 'write' = 'write'): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const missing = doing === 'write' ? `the folder ${dirname(path)} does not exist` : 'it does not exist';
  const reason = code === 'ENOENT' ? missing : (PLAIN_REASONS[code] ?? (code ? `the system said ${code}` : String((error as Error | undefined)?.message ?? error)));
  return `cannot ${doing} ${path}: ${reason}`;
}
