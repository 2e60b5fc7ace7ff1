// Typed errors: commands throw these, and only the entry point (src/cli.ts)
// turns them into a message on stderr and an exit code. Nothing else exits.

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
