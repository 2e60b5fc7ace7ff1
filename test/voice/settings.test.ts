// settings.jsonc is written by hand (or by anyone who can write the config
// folder): whatever it holds, reading it gives valid settings or a DataError
// naming the file, never a crash, and never a voice name a program could misread.
// A mistake in it reads as one in an exercise file does (the same code):
// line and column, the problem in plain words, the line quoted.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { RATE_WPM } from '../../src/voice/rate.js';
import { readVoiceSettings } from '../../src/voice/voices.js';
import { runBackexInProcess, tempHome } from '../support/backex.js';

function withSettings(text: string | null) {
  const home = mkdtempSync(join(tmpdir(), 'backex-settings-'));
  mkdirSync(join(home, 'config'));
  if (text !== null) writeFileSync(join(home, 'config', 'settings.jsonc'), text);
  return { BACKEX_HOME: home };
}

describe('settings.jsonc', () => {
  it('is optional; comments and trailing commas are fine', () => {
    expect(readVoiceSettings(withSettings(null))).toEqual({ file: expect.stringMatching(/settings\.jsonc$/) });
    expect(readVoiceSettings(withSettings('/* mine */ { "voice": "flite-slt", "rate": 160, } // end'))).toMatchObject({ voice: 'flite-slt', rate: 160 });
  });

  it.each([
    ['{ "voice": "x) (system \\"ls\\")" }', /"voice" must be a voice name/],
    ['{ "voice": 3 }', /"voice" must be a voice name/],
    ['{ "rate": 1e9 }', /"rate" must be a whole number of words a minute from 80 to 400/],
    ['[]', /expected an object/],
    ['{ "voice": ', /line 1, column 12: expected a value here/],
    ['', /the file is empty; settings\.jsonc is one JSON object, like \{ "voice": "flite-slt", "rate": 160 \}/],
    ['{ "voice": "flite-slt", "voice": "flite-awb" }', /line 1, column 25: "voice" is given twice/],
  ])('%s is refused, naming the file', (text, message) => {
    const read = () => readVoiceSettings(withSettings(text));
    expect(read).toThrow(DataError);
    expect(read).toThrow(message);
    expect(read).toThrow(/settings\.jsonc: /);
  });

  it('a mistake names the line and column, says what is wrong in words and quotes the line, as for an exercise file', () => {
    const home = withSettings('// my voice\n{ "voice": flite }\n');
    const file = join(home.BACKEX_HOME, 'config', 'settings.jsonc');
    expect(() => readVoiceSettings(home)).toThrow(
      new DataError([`${file}: line 2, column 12: this is not JSON here (text needs "double quotes"; true, false and null are lower-case)\n  2 | { "voice": flite }\n    |            ^`]),
    );
    expect(() => readVoiceSettings(withSettings('{\n  "voice": "flite-slt"\n  "rate": 160\n}'))).toThrow(/settings\.jsonc: line 3, column 3: expected a comma \(,\) before this[^\n]*\n  3 \|   "rate": 160\n    \|   \^$/);
  });

  it('a folder in its place is refused in words, not followed or crashed on', () => {
    const home = withSettings(null);
    mkdirSync(join(home.BACKEX_HOME, 'config', 'settings.jsonc'));
    expect(() => readVoiceSettings(home)).toThrow(/settings\.jsonc: not a plain file \(it is a folder\); settings\.jsonc must be an ordinary file/);
  });

  it('through the CLI: `backex voices` with a broken settings.jsonc is exit 2 with the place and the line, no stack trace', async () => {
    const home = tempHome();
    mkdirSync(join(home, 'config'));
    writeFileSync(join(home, 'config', 'settings.jsonc'), '{ "voice": flite }');
    const r = await runBackexInProcess(['voices'], { home, env: { NO_COLOR: '1' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`backex: ${join(home, 'config', 'settings.jsonc')}: line 1, column 12: this is not JSON here (text needs "double quotes"; true, false and null are lower-case)\n  1 | { "voice": flite }\n    |            ^\n`);
  });

  it('anything at all: valid settings or a DataError', () => {
    const home = withSettings('');
    const file = join(home.BACKEX_HOME, 'config', 'settings.jsonc');
    const json = fc.oneof(fc.string(), fc.json(), fc.record({ voice: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), rate: fc.oneof(fc.integer(), fc.double(), fc.string()) }, { requiredKeys: [] }).map((o) => JSON.stringify(o)));
    fc.assert(
      fc.property(json, (text) => {
        writeFileSync(file, text);
        try {
          const settings = readVoiceSettings(home);
          if (settings.voice !== undefined) expect(settings.voice).toMatch(/^[A-Za-z0-9_+-]{1,40}$/);
          if (settings.rate !== undefined) expect(Number.isInteger(settings.rate) && settings.rate >= 80 && settings.rate <= 400).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(DataError);
          // Not JSON: always where, in words (never a parser's code name or a bare character offset).
          const message = (error as DataError).message;
          expect(message).toMatch(/^.*settings\.jsonc: /);
          expect(message).not.toMatch(/InvalidSymbol|ValueExpected|at character \d/);
          let json = true;
          try {
            JSON.parse(text);
          } catch {
            json = false;
          }
          // (Text JSON refuses may still be JSONC, a comment and a number say: then it is the shape that is wrong.)
          if (!json && !/expected an object|"voice"|"rate"/.test(message)) expect(message).toMatch(/settings\.jsonc: (line \d+, column \d+: |the file is empty)/);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('--rate', () => {
  it('is the range settings.jsonc allows, one constant for both', () => {
    expect(RATE_WPM).toEqual({ min: 80, max: 400 });
  });

  it.each(['5000', '20', '79', '401', '0', 'fast', '150.5'])('--rate %s is refused, naming the range (exit 2)', async (rate) => {
    const r = await runBackexInProcess(['session', '--exercises', '9', '--rate', rate, '--dry-run']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`backex: option '--rate <wpm>' argument '${rate}' is invalid. expected a whole number from 80 to 400.`);
  });

  it.each(['80', '400', '160'])('--rate %s is taken', async (rate) => {
    const r = await runBackexInProcess(['session', '--exercises', '9', '--rate', rate, '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('its help says the range', async () => {
    expect((await runBackexInProcess(['session', '--help'])).stdout).toMatch(/--rate <wpm> +speaking rate in words per minute, 80 to 400/);
  });
});
