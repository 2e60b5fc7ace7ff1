// BACKEX_TIME_SCALE: a sensible range, said when refused (issue: 1e-300 froze a
// session with a warning flood; 1e9 was refused for the wrong reason).
import { describe, expect, it } from 'vitest';
import { parseScale } from '../../src/time-scale.js';
import { runBackexInProcess } from '../support/backex.js';

describe('BACKEX_TIME_SCALE', () => {
  it.each([
    [undefined, 1],
    ['', 1],
    ['0.1', 0.1],
    ['1', 1],
    ['20', 20],
    [' 1000 ', 1000],
  ])('%j is %d', (value, scale) => expect(parseScale(value)).toBe(scale));

  it.each(['1e-300', '0.09', '0', '-1', '1e9', '1001', 'fast', 'NaN', 'Infinity', ' '])('%j is refused, saying the range', (value) => {
    expect(() => parseScale(value)).toThrow(/must be a number from 0\.1 to 1000/);
  });

  it('through the built async command: exit 2 with the range, no warnings flood', async () => {
    const r = await runBackexInProcess(['session', '--core', '--dry-run'], { env: { BACKEX_TIME_SCALE: '1e-300' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/BACKEX_TIME_SCALE must be a number from 0\.1 to 1000/);
    expect(r.stderr).not.toMatch(/TimeoutOverflowWarning/);
  });
});
