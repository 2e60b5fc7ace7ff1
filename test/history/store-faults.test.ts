// The history store when the system says no: a full disk midway, a data
// folder or history file that belongs to another user.
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exerciseRecord } from './fixtures.js';

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

const { openHistory } = await import('../../src/history/store.js');
const { recordCheckin } = await import('../../src/history/checkin.js');

const start = { sessionId: 's1', startedAt: '2026-11-02T09:00:00.000Z', routine: 'core', planned: [] };
const dataFolder = () => {
  const dir = join(fs.mkdtempSync(join(tmpdir(), 'backex-store-')), 'data');
  fs.mkdirSync(dir);
  return dir;
};

afterEach(() => {
  failWrites = false;
  vi.restoreAllMocks();
});

describe('the history store when writing fails', () => {
  it('a full disk midway: one plain warning, no throw, the session carries on unsaved; the lines before stay whole', () => {
    const file = join(dataFolder(), 'history.jsonl');
    const warnings: string[] = [];
    const writer = openHistory({ file, warn: (m) => warnings.push(m) });
    writer.start(start);
    failWrites = true;
    expect(() => {
      for (let i = 0; i < 5; i++) writer.exercise('s1', exerciseRecord(`ex-${i}`, 'done', 1, start.startedAt));
      writer.end({ sessionId: 's1', endedAt: start.startedAt, status: 'finished', painEnd: 1, durationMs: 1 });
      writer.close();
    }).not.toThrow();
    expect(warnings).toEqual([`This session is not being saved (cannot write ${file}: the disk is full). Your earlier history is untouched.`]);
    expect(writer.saving).toBe(false);
    expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).type)).toEqual(['session-start']);
  });

  it('a check-in on a full disk: the problem in plain words, returned, not thrown', () => {
    const file = join(dataFolder(), 'history.jsonl');
    failWrites = true;
    expect(recordCheckin('s1', { pain: 2, felt: 'same' }, { file })).toBe(`cannot write ${file}: the disk is full`);
  });

  it.skipIf(process.getuid === undefined)('a data folder that belongs to another user is refused, naming the file; nothing is written there', () => {
    const dir = dataFolder();
    const file = join(dir, 'history.jsonl');
    vi.spyOn(process, 'getuid').mockReturnValue(fs.statSync(dir).uid + 1);
    fs.chmodSync(dir, 0o755);
    const warnings: string[] = [];
    const writer = openHistory({ file, warn: (m) => warnings.push(m) });
    writer.start(start);
    expect(warnings).toEqual([`This session is not being saved (cannot write ${file}: the folder ${dir} belongs to another user, so backex will not keep your history there). Your earlier history is untouched.`]);
    expect(fs.existsSync(file)).toBe(false);
    // Nor is its mode changed (as root, it could be).
    expect(fs.statSync(dir).mode & 0o777).toBe(0o755);
  });

  it.skipIf(process.getuid === undefined)('a history file that belongs to another user is refused and keeps its mode', () => {
    const dir = dataFolder();
    const file = join(dir, 'history.jsonl');
    fs.writeFileSync(file, '');
    fs.chmodSync(file, 0o644);
    const uid = fs.statSync(dir).uid;
    // The folder is ours; the file (as far as backex can tell) is not.
    const realFstat = fs.fstatSync;
    vi.spyOn(process, 'getuid').mockReturnValue(uid);
    const spy = vi.spyOn(fs, 'fstatSync');
    spy.mockImplementation(((fd: number) => Object.assign(realFstat(fd), { uid: uid + 1 })) as typeof fs.fstatSync);
    const writer = openHistory({ file, warn: () => {} });
    writer.start(start);
    spy.mockRestore();
    expect(writer.problem).toBe(`cannot write ${file}: the file belongs to another user, so backex will not keep your history there`);
    expect(fs.readFileSync(file, 'utf8')).toBe('');
    expect(fs.statSync(file).mode & 0o777).toBe(0o644);
  });
});
