// Small pieces every command shares: loading the catalogue with the --data
// options, and writing lines to stdout.
import { loadCatalogue, type Catalogue } from '../catalogue/load.js';
import { backexCommand } from '../shell.js';
import { visibleJson } from '../terminal/visible.js';

export function catalogueFor(options: Record<string, unknown>): Promise<Catalogue> {
  return loadCatalogue({ data: options.data as string[] | undefined });
}

/** A backex command to suggest after this one: with the --data it was given, so it runs as printed. */
export function suggest(options: Record<string, unknown>, ...words: string[]): string {
  return backexCommand(words, options.data as string[] | undefined);
}

export function print(lines: string | string[]): void {
  const text = Array.isArray(lines) ? lines.join('\n') : lines;
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** JSON as JSON.stringify writes it, with every control character an escape (DEL, C1 and bidi ones are not by JSON.stringify): the same value, safe in a terminal. */
export function jsonText(value: unknown): string {
  return `${visibleJson(JSON.stringify(value, null, 2))}\n`;
}

export function printJson(value: unknown): void {
  process.stdout.write(jsonText(value));
}
