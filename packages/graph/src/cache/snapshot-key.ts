// What identifies a snapshot file for the cache without reading it: its size, its
// mtime, and a hash of its first and last 64 KiB (a file rewritten in place with the
// same size and a restored mtime still differs there: V8 writes the counts in the
// header and the strings last).

import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

export const KEY_BLOCK_BYTES = 64 * 1024;

export interface SnapshotKey {
  readonly size: number;
  readonly mtimeMs: number;
  /** SHA-256 of the first and the last KEY_BLOCK_BYTES (the whole file when smaller), hex. */
  readonly ends: string;
}

export async function snapshotKey(path: string): Promise<SnapshotKey> {
  const fh = await open(path, 'r');
  try {
    const { size, mtimeMs } = await fh.stat();
    const hash = createHash('sha256');
    const head = Math.min(size, KEY_BLOCK_BYTES);
    const tailStart = Math.max(head, size - KEY_BLOCK_BYTES);
    for (const [from, to] of [[0, head], [tailStart, size]] as const) {
      const bytes = Buffer.alloc(to - from);
      let at = 0;
      while (at < bytes.length) {
        const { bytesRead } = await fh.read(bytes, at, bytes.length - at, from + at);
        if (bytesRead === 0) break;
        at += bytesRead;
      }
      hash.update(bytes.subarray(0, at));
    }
    return { size, mtimeMs, ends: hash.digest('hex') };
  } finally {
    await fh.close();
  }
}

export function sameKey(a: SnapshotKey, b: SnapshotKey): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ends === b.ends;
}
