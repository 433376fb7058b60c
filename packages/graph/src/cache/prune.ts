// Keeping the cache directory bounded. A cache file is about 1.3 times its snapshot, one
// per snapshot path, and the snapshots of a leak hunt come and go: without pruning, a
// directory of dumps taken every hour fills the disk with the files of dumps long deleted.
// After each write the directory is pruned, oldest first, by two limits:
//   - age: a file not used for `maxAgeMs` (a hit refreshes its time, see touch());
//   - size: the files together stay within `maxBytes`, but the file just written is
//     always kept, however large.
// Temporary files of writers that died mid-write (`.<name>.<pid>.<random>.tmp`) go once
// they are an hour old; a younger one may be another process's write in progress.
// Only this cache's own names are ever removed; pruning never fails a command.

import { readdir, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';

export const CACHE_FILE_SUFFIX = '.heaptrail-cache';
/** Defaults: 30 days unused, 16 GiB in all. */
export const DEFAULT_MAX_AGE_MS = 30 * 24 * 3600 * 1000;
export const DEFAULT_MAX_BYTES = 16 * 1024 ** 3;
const TEMP_MAX_AGE_MS = 3600 * 1000;
const TEMP_NAME = new RegExp(`^\\..+\\${CACHE_FILE_SUFFIX}\\.\\d+\\.[a-z0-9]+\\.tmp$`);

export interface PruneLimits {
  readonly maxBytes?: number;
  readonly maxAgeMs?: number;
}

/** What prune() removed (names in `dir`), for tests and notes. */
export interface Pruned {
  readonly removed: readonly string[];
}

/** Prunes `dir` by `limits` (see the header), keeping `keep` (a file name in it). Never throws. */
export async function pruneCache(dir: string, keep: string | undefined, limits: PruneLimits = {}, now = Date.now()): Promise<Pruned> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxAgeMs = limits.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return { removed };
  }
  const files: { name: string; bytes: number; used: number }[] = [];
  for (const name of names) {
    const isTemp = TEMP_NAME.test(name);
    if (!isTemp && !name.endsWith(CACHE_FILE_SUFFIX)) continue;
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info === undefined || !info.isFile()) continue;
    if (isTemp) {
      if (now - info.mtimeMs > TEMP_MAX_AGE_MS && (await remove(dir, name))) removed.push(name);
      continue;
    }
    files.push({ name, bytes: info.size, used: info.mtimeMs });
  }
  // Newest first: what is kept is a prefix, the file just written at its head.
  files.sort((a, b) => (a.name === keep ? -1 : b.name === keep ? 1 : b.used - a.used || (a.name < b.name ? -1 : 1)));
  let total = 0;
  for (const f of files) {
    total += f.bytes;
    const kept = f.name === keep || (now - f.used <= maxAgeMs && total <= maxBytes);
    if (kept) continue;
    total -= f.bytes;
    if (await remove(dir, f.name)) removed.push(f.name);
  }
  return { removed };
}

/** Marks a cache file as just used (its mtime: access times are not kept on many mounts). Never throws. */
export async function touch(file: string, now = Date.now()): Promise<void> {
  const t = new Date(now);
  await utimes(file, t, t).catch(() => undefined);
}

async function remove(dir: string, name: string): Promise<boolean> {
  try {
    await unlink(join(dir, name));
    return true;
  } catch {
    return false;
  }
}
