// Small pieces every command shares: loading the catalogue with the --data
// options, and writing lines to stdout.
import { loadCatalogue, type Catalogue } from '../catalogue/load.js';

export function catalogueFor(options: Record<string, unknown>): Promise<Catalogue> {
  return loadCatalogue({ data: options.data as string[] | undefined });
}

export function print(lines: string | string[]): void {
  const text = Array.isArray(lines) ? lines.join('\n') : lines;
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

// JSON.stringify escapes C0 controls but writes DEL, C1, bidirectional overrides and line separators as they are.
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON as JSON.stringify writes it, with every control character an escape: the same value, safe in a terminal. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

export function printJson(value: unknown): void {
  process.stdout.write(jsonText(value));
}
