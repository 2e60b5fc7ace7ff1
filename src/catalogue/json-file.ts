// Reading one JSON file with errors a person can act on: which file, and for
// malformed JSON the line and column, never a stack trace.
import { readFileSync } from 'node:fs';
import { DataError } from '../errors.js';

export function readJsonFile(path: string, label = path): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a folder' : String((error as Error).message);
    throw new DataError([`${label}: cannot read it (${why})`]);
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new DataError([`${label}: ${describeJsonError(text, (error as Error).message)}`]);
  }
}

/** Node reports "... at position N" (or nothing, at the end of input); people count lines and columns. */
export function describeJsonError(text: string, message: string): string {
  const match = /at position (\d+)/.exec(message);
  const position = match ? Number(match[1]) : text.length;
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  const reason = message
    .replace(/^JSON\.parse: /, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, "[\s\S]*" is not valid JSON$/, '')
    .replace(/ \(line \d+ column \d+\)$/, '');
  return `not valid JSON at line ${line}, column ${column}: ${reason}`;
}
