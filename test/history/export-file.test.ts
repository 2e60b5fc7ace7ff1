// Writing an export file when the disk fails midway: the old file stays whole
// and no temporary file is left behind.
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

let failWrites = false;
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  return {
    ...real,
    writeSync: (...args: Parameters<typeof real.writeSync>) => {
      if (failWrites) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return real.writeSync(...args);
    },
  };
});

const { writePrivateFile } = await import('../../src/history/export.js');

afterEach(() => {
  failWrites = false;
});

describe('writing an export file', () => {
  it('a full disk midway: a plain error naming the file, the old file untouched, nothing half-written left', () => {
    const dir = fs.mkdtempSync(join(tmpdir(), 'backex-export-'));
    const out = join(dir, 'physio.csv');
    fs.writeFileSync(out, 'old\n');
    failWrites = true;
    expect(() => writePrivateFile(out, 'new\n', { replace: true })).toThrow(`cannot write ${out}: the disk is full`);
    expect(fs.readFileSync(out, 'utf8')).toBe('old\n');
    expect(fs.readdirSync(dir)).toEqual(['physio.csv']);
  });

  it('is 0600 whatever the umask, and replaces only when asked', () => {
    const dir = fs.mkdtempSync(join(tmpdir(), 'backex-export-'));
    const out = join(dir, 'physio.csv');
    const old = process.umask(0);
    try {
      writePrivateFile(out, 'one\n', { replace: false });
    } finally {
      process.umask(old);
    }
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(() => writePrivateFile(out, 'two\n', { replace: false })).toThrow(/already exists, so it was left as it is/);
    writePrivateFile(out, 'two\n', { replace: true });
    expect(fs.readFileSync(out, 'utf8')).toBe('two\n');
    expect(fs.readdirSync(dir)).toEqual(['physio.csv']);
  });
});
