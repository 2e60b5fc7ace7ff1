// Rendered speech, kept in the user's cache folder: one WAV per engine, voice,
// rate and text (the file name is a hash of the four), so a session's phrases
// are rendered once and then only played. The folder is the user's alone
// (0700, checked to be a real folder owned by them), files are 0600, and no
// file is ever opened through a symlink. Bounded: the least recently used
// files go once it grows past its limit. Deleting it loses nothing.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fstatSync, futimesSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readSync, renameSync, statSync, chmodSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backexPaths } from '../paths.js';
import { wavDurationMs } from './wav.js';

export interface RenderKey {
  engine: string;
  voice: string;
  rate?: number | undefined;
  text: string;
}

export interface Rendered {
  path: string;
  /** How long it sounds. */
  ms: number;
}

/** 100 MB: a whole --all session with a 32 kHz voice fits several times over. */
export const CACHE_LIMIT_BYTES = 100 * 1024 * 1024;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

export class SpeechCache {
  private readonly known = new Map<string, Rendered>();

  constructor(
    readonly dir: string,
    private readonly limitBytes = CACHE_LIMIT_BYTES,
  ) {}

  /** The cache folder under the user's cache (BACKEX_HOME/cache with BACKEX_HOME), or a private temporary one if that cannot be used safely. */
  static open(env: NodeJS.ProcessEnv = process.env, limitBytes = CACHE_LIMIT_BYTES): SpeechCache {
    const dir = join(backexPaths(env).cache, 'speech');
    try {
      return new SpeechCache(privateFolder(dir), limitBytes);
    } catch {
      // A folder someone else owns, a symlink, a read-only disk: speak anyway, from a folder made now (mkdtemp: 0700, new).
      return new SpeechCache(mkdtempSync(join(tmpdir(), 'backex-speech-')), limitBytes);
    }
  }

  fileName(key: RenderKey): string {
    const hash = createHash('sha256').update(JSON.stringify([key.engine, key.voice, key.rate ?? 0, key.text])).digest('hex').slice(0, 40);
    return `${hash}.wav`;
  }

  /** The rendered phrase, if it is in the cache. */
  lookup(key: RenderKey): Rendered | undefined {
    const name = this.fileName(key);
    const memo = this.known.get(name);
    if (memo) return memo;
    const path = join(this.dir, name);
    const ms = readDuration(path, true);
    if (ms === undefined) return undefined;
    const rendered = { path, ms };
    this.known.set(name, rendered);
    return rendered;
  }

  /** A fresh name in the cache folder for an engine to write to (relative to the folder). */
  scratchName(): string {
    return `tmp-${randomBytes(8).toString('hex')}.wav`;
  }

  /** Takes in what an engine wrote to `scratch`: checks it is a WAV (never through a symlink), makes it 0600, moves it to its place. */
  adopt(scratch: string, key: RenderKey): Rendered {
    const from = join(this.dir, scratch);
    try {
      const ms = readDuration(from, false);
      if (ms === undefined) throw new Error('the speech program wrote no audio');
      const path = join(this.dir, this.fileName(key));
      renameSync(from, path);
      const rendered = { path, ms };
      this.known.set(this.fileName(key), rendered);
      this.trim();
      return rendered;
    } catch (error) {
      try {
        unlinkSync(from);
      } catch {
        // nothing written
      }
      throw error;
    }
  }

  /** Keeps the folder under its limit: the least recently used files go first (to 80 %, so this runs rarely). */
  trim(): void {
    const files: { name: string; size: number; used: number }[] = [];
    let total = 0;
    for (const name of readdirSync(this.dir)) {
      if (!name.endsWith('.wav')) continue;
      try {
        const stat = lstatSync(join(this.dir, name));
        if (!stat.isFile()) continue;
        // Scratch files left by a crash, over an hour old.
        if (name.startsWith('tmp-') && Date.now() - stat.mtimeMs > 3_600_000) {
          unlinkSync(join(this.dir, name));
          continue;
        }
        files.push({ name, size: stat.size, used: stat.mtimeMs });
        total += stat.size;
      } catch {
        // gone meanwhile
      }
    }
    if (total <= this.limitBytes) return;
    files.sort((a, b) => a.used - b.used);
    for (const file of files) {
      if (total <= this.limitBytes * 0.8) break;
      if (file.name.startsWith('tmp-')) continue;
      try {
        unlinkSync(join(this.dir, file.name));
        this.known.delete(file.name);
        total -= file.size;
      } catch {
        // gone meanwhile
      }
    }
  }
}

/** Creates (0700) or checks the folder: a real folder, not a symlink, owned by this user, closed to others. */
export function privateFolder(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  if (!stat.isDirectory()) throw new Error(`${dir} is not a folder`);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) throw new Error(`${dir} belongs to another user`);
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) chmodSync(dir, 0o700);
  return dir;
}

/** The WAV's length in ms, read without following a symlink; `touch` marks it as just used (for trimming). Also makes it 0600. */
function readDuration(path: string, touch: boolean): number | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    if (process.platform !== 'win32' && (stat.mode & 0o777) !== 0o600) fchmodSync(fd, 0o600);
    const head = Buffer.alloc(Math.min(4096, stat.size));
    readSync(fd, head, 0, head.length, 0);
    const ms = wavDurationMs(head, stat.size);
    if (ms !== undefined && touch) {
      const now = new Date();
      futimesSync(fd, now, now);
    }
    return ms;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Bytes in the cache folder (for `backex voices`). */
export function cacheSize(dir: string): number {
  try {
    return readdirSync(dir).reduce((sum, name) => {
      try {
        return sum + statSync(join(dir, name)).size;
      } catch {
        return sum;
      }
    }, 0);
  } catch {
    return 0;
  }
}
