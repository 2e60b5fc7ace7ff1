// `backex export`: every exercise record, one row each, as CSV or JSON.
import { resolve } from 'node:path';
import { exportRows, toCsv, writePrivateFile } from '../history/export.js';
import { readSessions } from '../history/read.js';
import { parseSince, plural, since } from '../history/stats.js';
import { colour } from '../terminal/colour.js';

export async function run(_args: string[], options: Record<string, unknown>): Promise<void> {
  const warn = (m: string) => process.stderr.write(`${colour().yellow(`backex: ${m}`)}\n`);
  const from = options.since ? parseSince(String(options.since), new Date()) : undefined;
  const rows = exportRows(since(readSessions({ warn }), from));
  // Without --format, a file named *.json gets JSON: CSV in a .json file would surprise.
  const format = options.format ?? (typeof options.output === 'string' && /\.json$/i.test(options.output) ? 'json' : 'csv');
  const text = format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : toCsv(rows);
  if (!options.output) {
    process.stdout.write(text);
    return;
  }
  const path = resolve(String(options.output));
  // Health data: readable by you alone.
  writePrivateFile(path, text, { replace: Boolean(options.force) });
  process.stderr.write(`Wrote ${plural(rows.length, 'exercise record')} to ${path}\n`);
}
