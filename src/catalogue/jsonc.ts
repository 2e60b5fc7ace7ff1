// A hand-edited data file, parsed as people write JSON: comments and trailing
// commas are fine (jsonc-parser, which also says exactly where a mistake is);
// anything else is reported with the file, line and column, the problem in
// plain words and the line quoted. A key given twice in one object is an error
// (JSON.parse would silently keep the last), and nesting is limited before the
// (recursive) parser runs, so no file can overflow the stack.
// Loaded only when the user has data files of their own, or a voice is needed
// (settings.jsonc is read the same way, so its mistakes are reported alike).
import { createScanner, visit } from 'jsonc-parser';
import { DataError } from '../errors.js';
import { visible } from '../terminal/visible.js';
import { DATA_FILE, type FileKind } from './json-file.js';

/** A data file needs five levels ({ exercises: [ { dose: { reps: { min } } } ] }); a few times that is plenty. */
export const MAX_DEPTH = 32;

// jsonc-parser's ParseErrorCode (a const enum), in words a physiotherapist can act on.
const PROBLEMS: Record<number, string> = {
  1: 'this is not JSON here (text needs "double quotes"; true, false and null are lower-case)',
  2: 'this number is not written as JSON numbers are (like 10 or 2.5)',
  3: 'expected a field name in double quotes, like "name"',
  4: 'expected a value here: "text in double quotes", a number, true, false, null, a list [ ] or an object { }',
  5: 'expected a colon (:) after the field name',
  6: 'expected a comma (,) before this: fields, and items in a list, are separated by commas',
  7: 'expected } to close the object, or a comma before the next field',
  8: 'expected ] to close the list, or a comma before the next item',
  9: 'expected the end of the file here: the file is one object { ... }, and it has already ended',
  10: 'comments are not allowed here',
  11: 'a /* comment */ is not closed',
  12: 'text in quotes is not closed (a " is missing)',
  13: 'a number ends too soon',
  14: 'a \\u escape needs four hexadecimal digits, like \\u00e9',
  15: 'a backslash in text starts an escape like \\" or \\n (write \\\\ for a backslash itself)',
  16: 'a control character (a tab or a line break?) inside quotes: write \\t or \\n instead, or leave it out',
};

interface Place {
  offset: number;
  line: number;
  column: number;
}

/** "my.json: line 7, column 3: expected a comma ..." and the line, quoted, with a caret under the place. */
function problemAt(text: string, label: string, place: Place, words: string): DataError {
  const start = text.lastIndexOf('\n', place.offset - 1) + 1;
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  let line = text.slice(start, end).replace(/\r$/, '');
  let caret = place.offset - start;
  // Long lines (or a file on one line) are quoted around the place only.
  if (line.length > 100) {
    const from = Math.max(0, Math.min(caret - 40, line.length - 100));
    line = `${from > 0 ? '...' : ''}${line.slice(from, from + 100)}${from + 100 < line.length ? '...' : ''}`;
    caret = caret - from + (from > 0 ? 3 : 0);
  }
  const number = String(place.line + 1);
  const quoted = line.trim() === '' ? '' : `\n  ${number} | ${visible(line)}\n  ${' '.repeat(number.length)} | ${' '.repeat(visible(line.slice(0, caret)).length)}^`;
  return new DataError([`${visible(label)}: line ${place.line + 1}, column ${place.column + 1}: ${words}${quoted}`]);
}

/** Refuses nesting deeper than MAX_DEPTH, scanning without recursion. */
function checkDepth(text: string, label: string, kind: FileKind): void {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== 17 /* EOF */; token = scanner.scan()) {
    if (token === 1 /* { */ || token === 3 /* [ */) {
      depth++;
      if (depth > MAX_DEPTH) {
        const place = { offset: scanner.getTokenOffset(), line: scanner.getTokenStartLine(), column: scanner.getTokenStartCharacter() };
        throw problemAt(text, label, place, `nested too deeply (more than ${MAX_DEPTH} levels of [ ] and { }); ${kind.noun} needs a few at most`);
      }
    } else if (token === 2 /* } */ || token === 4 /* ] */) {
      depth = Math.max(0, depth - 1);
    }
  }
}

type Frame = { kind: 'object'; value: Record<string, unknown>; keys: Set<string>; key?: string } | { kind: 'array'; value: unknown[] };

export function parseDataJson(text: string, label: string, kind: FileKind = DATA_FILE): unknown {
  if (text.trim() === '') throw new DataError([`${visible(label)}: the file is empty; ${kind.noun} is one JSON object, like ${kind.example}`]);
  checkDepth(text, label, kind);
  const stack: Frame[] = [];
  let root: unknown;
  let problem: { place: Place; words: string } | undefined;
  const put = (value: unknown) => {
    const top = stack.at(-1);
    if (!top) root = value;
    else if (top.kind === 'array') top.value.push(value);
    else if (top.key !== undefined) {
      // Defined, not assigned: a key "__proto__" is a field like any other, as with JSON.parse.
      Object.defineProperty(top.value, top.key, { value, enumerable: true, writable: true, configurable: true });
      top.key = undefined;
    }
  };
  const fail = (offset: number, line: number, column: number, words: string) => {
    problem ??= { place: { offset, line, column }, words };
  };
  visit(
    text,
    {
      onObjectBegin: () => {
        const value: Record<string, unknown> = {};
        put(value);
        stack.push({ kind: 'object', value, keys: new Set() });
      },
      onObjectProperty: (name, offset, _length, line, column) => {
        const top = stack.at(-1);
        if (top?.kind !== 'object') return;
        if (top.keys.has(name)) {
          const shown = name.length > 40 ? `${name.slice(0, 37)}...` : name;
          fail(offset, line, column, `"${visible(shown)}" is given twice in the same object; keep one (JSON would silently use the last)`);
        }
        top.keys.add(name);
        top.key = name;
      },
      onObjectEnd: () => void stack.pop(),
      onArrayBegin: () => {
        const value: unknown[] = [];
        put(value);
        stack.push({ kind: 'array', value });
      },
      onArrayEnd: () => void stack.pop(),
      onLiteralValue: (value) => put(value),
      onError: (code, offset, _length, line, column) => fail(offset, line, column, PROBLEMS[code] ?? 'this is not valid JSON'),
    },
    { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false },
  );
  if (problem) throw problemAt(text, label, problem.place, problem.words);
  return root;
}
