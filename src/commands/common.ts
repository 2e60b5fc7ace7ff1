// Small pieces every command shares: loading the catalogue with the --data
// options, and writing lines to stdout.
import { loadCatalogue, type Catalogue } from '../catalogue/load.js';
import { visibleJson } from '../terminal/visible.js';

export function catalogueFor(options: Record<string, unknown>): Promise<Catalogue> {
  return loadCatalogue({ data: options.data as string[] | undefined });
}

export function print(lines: string | string[]): void {
  const text = Array.isArray(lines) ? lines.join('\n') : lines;
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function printJson(value: unknown): void {
  // Still the same JSON, but with every control character escaped (DEL, C1 and bidi ones are not by JSON.stringify).
  process.stdout.write(`${visibleJson(JSON.stringify(value, null, 2))}\n`);
}
