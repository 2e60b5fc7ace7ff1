// settings.jsonc is written by hand (or by anyone who can write the config
// folder): whatever it holds, reading it gives valid settings or a DataError
// naming the file, never a crash, and never a voice name a program could misread.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { RATE_WPM } from '../../src/voice/rate.js';
import { readVoiceSettings } from '../../src/voice/voices.js';
import { runBackexInProcess } from '../support/backex.js';

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
    ['{ "voice": ', /not valid JSON/],
  ])('%s is refused, naming the file', (text, message) => {
    const read = () => readVoiceSettings(withSettings(text));
    expect(read).toThrow(DataError);
    expect(read).toThrow(message);
    expect(read).toThrow(/settings\.jsonc: /);
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
