// Issue 10: a physiotherapist editing a data file by hand writes comments and
// trailing commas; anything else is reported with the file, the line and
// column, the problem in plain words and the line quoted.
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDataJson } from '../../src/catalogue/jsonc.js';
import { loadCatalogue } from '../../src/catalogue/load.js';
import { DataError } from '../../src/errors.js';
import { runBackexInProcess, tempHome } from '../support/backex.js';

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'backex-edit-')), 'my.json');
  writeFileSync(path, text);
  return path;
}

function messageOf(text: string): string {
  try {
    parseDataJson(text, 'my.json');
  } catch (error) {
    if (error instanceof DataError) return error.problems.join('\n');
    throw error;
  }
  return '';
}

const HAND_WRITTEN = `{
  // Mrs Smith's programme, week 3
  "exercises": [
    {
      "id": "cat-camel",
      "name": "Cat camel", /* gentle */
      "category": "core",
      "steps": ["Round your back gently.", "Then let it sag gently.",],
      "dose": { "reps": 10, "holdSeconds": 0, "sides": "none", },
    },
  ],
  "routines": [
    { "id": "smith", "name": "Mrs Smith", "exercises": ["cat-camel", "bridge",], },
  ],
}
`;

describe('hand-edited data files', () => {
  it('comments and trailing commas are accepted', async () => {
    const catalogue = await loadCatalogue({ data: [file(HAND_WRITTEN)], env: { BACKEX_HOME: tempHome() } });
    expect(catalogue.exercises.find((e) => e.id === 'cat-camel')?.steps).toEqual(['Round your back gently.', 'Then let it sag gently.']);
    expect(catalogue.routines.find((r) => r.id === 'smith')?.exercises).toEqual(['cat-camel', 'bridge']);
  });

  it('parses exactly as JSON.parse does for any JSON value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value, null, 1);
        expect(parseDataJson(text, 'x.json')).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('a "__proto__" key is a field, not a change of prototype', () => {
    const value = parseDataJson('{"__proto__": {"polluted": true}}', 'x.json') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['a missing comma', '{\n  "exercises": [\n    { "id": "a" "name": "b" }\n  ]\n}', /^my\.json: line 3, column 17: expected a comma \(,\) before this.*\n {2}3 \| {5}\{ "id": "a" "name": "b" \}\n {2} {2}\| {17}\^$/],
    ['a missing closing brace at the end', '{\n  "exercises": [\n  ]\n', /^my\.json: line 4, column 1: expected } to close the object/],
    ['single quotes', "{\n  'exercises': []\n}", /^my\.json: line 2, column 3: this is not JSON here \(text needs "double quotes"/],
    ['an unclosed string', '{\n  "exercises": [ "bird-dog ]\n}', /^my\.json: line 2, column 18: (text in quotes is not closed|a control character)/],
    ['a missing colon', '{\n  "exercises" []\n}', /^my\.json: line 2, column 15: expected a colon/],
    ['two objects', '{}\n{}', /^my\.json: line 2, column 1: expected the end of the file here/],
    ['an unclosed comment', '{ /* note\n "exercises": [] }', /^my\.json: line 1, column 3: a \/\* comment \*\/ is not closed/],
    ['a bad escape', '{ "exercises": "a\\qb" }', /^my\.json: line 1, column 16: a backslash in text starts an escape/],
    ['an empty file', '  \n', /^my\.json: the file is empty/],
    ['a tab inside a string', '{ "exercises": "a\tb" }', /^my\.json: line 1, column 16: a control character .* inside quotes/],
  ])('%s: file, line, column, plain words and the line quoted', (_name, text, message) => {
    const found = messageOf(text);
    expect(found).toMatch(message);
    expect(found.replaceAll('\n', '')).not.toMatch(/[\u0000-\u001f]/);
  });

  it('a trailing comma is no longer reported at a line past the end of the file (issue 10)', async () => {
    // V8 said "line 12, column 1" of an 11-line file; now it is simply accepted.
    const text = HAND_WRITTEN.replace(/\/\/.*\n/, '\n').replace(/\/\*.*?\*\//, '');
    await expect(loadCatalogue({ data: [file(text)], env: { BACKEX_HOME: tempHome() } })).resolves.toBeDefined();
  });

  it('a long line is quoted around the mistake only', () => {
    const text = `{"exercises": [${'"bird-dog", '.repeat(200)}"x" "y"]}`;
    const found = messageOf(text);
    expect(found).toMatch(/^my\.json: line 1, column \d+: expected a comma/);
    const quoted = found.split('\n')[1]!;
    expect(quoted.length).toBeLessThan(120);
    expect(quoted).toContain('"x" "y"');
  });

  it('the built command: comments and trailing commas load; a slip is exit 2 with line and column', async () => {
    expect((await runBackexInProcess(['show', 'cat camel', '--data', file(HAND_WRITTEN)])).status).toBe(0);
    const r = await runBackexInProcess(['list', '--data', file('{\n  "exercises": [\n    { "id": "a" "name": "b" }\n  ]\n}')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^backex: .*my\.json: line 3, column 17: expected a comma/);
    expect(r.stderr).toContain('  3 |     { "id": "a" "name": "b" }');
  });
});
