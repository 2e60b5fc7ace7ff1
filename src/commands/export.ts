// `backex export`: every exercise record, one row each, as CSV or JSON. An
// export that was not written says so and exits 1 (a full disk, no
// permission, a broken output), except when the reader of a pipe has had
// enough (`backex export | head -1`), which is not an error.
import { resolve } from 'node:path';
import { exportRows, toCsv, writePrivateFile } from '../history/export.js';
import { readSessions } from '../history/read.js';
import { onlyDemonstrations, parseSince, plural, selectSessions } from '../history/stats.js';
import { colour } from '../terminal/colour.js';
import { visible } from '../terminal/visible.js';
import { describeFileError, UsageError, WriteFailed } from '../errors.js';
import { jsonText } from './common.js';

/** Writes to stdout and waits until it is written; the error, if any, or null. */
function writeOut(text: string): Promise<NodeJS.ErrnoException | null> {
  return new Promise((done) => {
    try {
      process.stdout.write(text, (error) => done(error ?? null));
    } catch (error) {
      done(error as NodeJS.ErrnoException);
    }
  });
}

export async function run(_args: string[], options: Record<string, unknown>): Promise<number> {
  const warn = (m: string) => process.stderr.write(`${colour().yellow(`backex: ${m}`)}\n`);
  const failed = (message: string) => {
    process.stderr.write(`${colour().red('backex:')} ${message}\n`);
    return 1;
  };
  // --force alone would be silently ignored: it only lets --output replace a file.
  if (options.force && !options.output) throw new UsageError('--force goes with --output <file>: it lets the export replace that file');
  const from = options.since ? parseSince(String(options.since), new Date()) : undefined;
  const includeDemo = Boolean(options.includeDemo);
  // Every session, demo runs included (selectSessions leaves them out unless asked), so that
  // an export of nothing but demonstrations can say why it is empty, as stats and report do.
  const all = readSessions({ warn, includeDemo: true });
  const rows = exportRows(selectSessions(all, { from, includeDemo }));
  // Said on stderr: stdout keeps the header alone (exit 0), so a script reading it still works.
  if (!includeDemo && all.length > 0 && selectSessions(all, {}).length === 0) process.stderr.write(`${onlyDemonstrations('export')}\n`);
  // Without --format, a file named *.json gets JSON: CSV in a .json file would surprise.
  const format = options.format ?? (typeof options.output === 'string' && /\.json$/i.test(options.output) ? 'json' : 'csv');
  const text = format === 'json' ? jsonText(rows) : toCsv(rows);
  if (!options.output) {
    const error = await writeOut(text);
    // EPIPE: the reader left (head), having read what it wanted.
    if (error && error.code !== 'EPIPE') return failed(`${describeFileError(error, 'the export to standard output')}, so the export was not written (--output <file> writes it to a file).`);
    return 0;
  }
  const path = resolve(String(options.output));
  try {
    // Health data: readable by you alone.
    writePrivateFile(path, text, { replace: Boolean(options.force) });
  } catch (error) {
    if (error instanceof WriteFailed) return failed(`${error.message}; the export was not written.`);
    throw error;
  }
  process.stderr.write(`Wrote ${plural(rows.length, 'exercise record')} to ${visible(path)}\n`);
  return 0;
}
