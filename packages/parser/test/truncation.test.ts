import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readSnapshot, SnapshotFormatError } from '@heaptrail/parser';

/** mulberry32: a small seeded generator so failures reproduce. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A committed sample if there is one, else a snapshot written here. */
function realSnapshot(): Buffer {
  const samples = fileURLToPath(new URL('../../../samples/', import.meta.url));
  const found = existsSync(samples)
    ? readdirSync(samples, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.heapsnapshot.gz')).sort()
    : [];
  if (found.length > 0) return gunzipSync(readFileSync(join(samples, found[0]!)));
  const path = join(mkdtempSync(join(tmpdir(), 'heaptrail-trunc-')), 'x.heapsnapshot');
  execFileSync(process.execPath, ['-e', `require('v8').writeHeapSnapshot(${JSON.stringify(path)})`]);
  return readFileSync(path);
}

describe('a real snapshot truncated anywhere', () => {
  it('gives a SnapshotFormatError at or before the cut, for 200 seeded random cuts', async () => {
    const text = realSnapshot();
    const next = random(20261124);
    // The last bytes are `]}\n`: cutting only the newline leaves a complete snapshot.
    const cuts = Array.from({ length: 200 }, () => Math.floor(next() * (text.length - 1)));
    for (const cut of cuts) {
      let error: unknown;
      try {
        await readSnapshot(Readable.from([text.subarray(0, cut)]));
      } catch (e) {
        error = e;
      }
      expect(error, `cut at ${cut}`).toBeInstanceOf(SnapshotFormatError);
      expect((error as SnapshotFormatError).offset, `cut at ${cut}`).toBeLessThanOrEqual(cut);
    }
  });
});
