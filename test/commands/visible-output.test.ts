// Defence in depth (issue 15, item 1): the loader refuses control characters in
// data files, and `list` and `show` still make every text visible, so even a
// catalogue that slipped past it cannot drive the terminal. Their --json output
// is the same JSON with the control characters JSON.stringify leaves raw escaped.
import { describe, expect, it, vi } from 'vitest';
import type { Catalogue } from '../../src/catalogue/load.js';

const ESC = 'X\u001b]0;PWNED\u0007\u001b[2J\u009b\u202e';

vi.mock('../../src/catalogue/load.js', () => {
  const exercise = { id: 'evil', name: `Evil ${ESC}`, aliases: [ESC], category: 'core', position: ESC, purpose: ESC, targets: [ESC], equipment: [ESC], steps: [ESC, 'ok'], cautions: [ESC], dose: { reps: 3, holdSeconds: 2, sides: 'each', sideNames: [ESC, 'b'] } };
  const catalogue: Catalogue = {
    exercises: [exercise as never],
    routines: [{ id: 'core', name: ESC, description: ESC, exercises: ['evil', 'evil'] }],
    exerciseSource: new Map([['evil', `file${ESC}.json`]]),
    routineSource: new Map([['core', 'x.json']]),
  };
  return { loadCatalogue: async () => catalogue };
});

const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

async function output(command: 'list' | 'show', args: string[], options: Record<string, unknown>): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    const module = command === 'list' ? await import('../../src/commands/list.js') : await import('../../src/commands/show.js');
    await module.run(args, options);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('list and show make text from a catalogue visible', () => {
  it.each([
    ['list', [], {}],
    ['list', [], { core: true }],
    ['list', [], { routine: 'core' }],
    ['show', ['evil'], {}],
  ] as const)('%s %j %j', async (command, args, options) => {
    const out = await output(command, [...args], options);
    expect(out).toContain('\\u001b');
    expect(out).not.toMatch(RAW);
  });

  it.each([
    ['list', [], { json: true }],
    ['show', ['evil'], { json: true }],
  ] as const)('%s --json: the same data, every control character escaped', async (command, args, options) => {
    const out = await output(command, [...args], options);
    expect(out).not.toMatch(RAW);
    expect(JSON.stringify(JSON.parse(out))).toContain(JSON.stringify(`Evil ${ESC}`).slice(1, -1));
  });
});
