import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '@heaptrail/parser';
import { FIXTURES, sliced } from './helpers/fixtures.js';
import { snapshotDifferences } from './helpers/compare.js';
import { tinySnapshot } from './helpers/tiny-snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'heaptrail-chunks-'));
const CHUNK_SIZES = [1, 7, 65536];

describe('readSnapshot gives identical arrays whatever the chunk boundaries', () => {
  for (const [name, make] of Object.entries(FIXTURES)) {
    const b = make();
    const bytes = Buffer.from(b.toJSON());
    const expected = b.build();
    const path = join(dir, `${name.replace(/\W+/g, '-')}.heapsnapshot`);
    writeFileSync(path, bytes);
    writeFileSync(path + '.gz', gzipSync(bytes));

    for (const size of CHUNK_SIZES) {
      it(`${name}: file read in ${size}-byte chunks`, async () => {
        expect(snapshotDifferences(await readSnapshot(path, { chunkSize: size }), expected)).toEqual([]);
      });
      it(`${name}: Readable in ${size}-byte slices`, async () => {
        expect(snapshotDifferences(await readSnapshot(sliced(bytes, size)), expected)).toEqual([]);
      });
    }
    it(`${name}: gzip file read in 7-byte chunks`, async () => {
      expect(snapshotDifferences(await readSnapshot(path + '.gz', { chunkSize: 7 }), expected)).toEqual([]);
    });
    it(`${name}: web ReadableStream`, async () => {
      const web = new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < bytes.length; i += 7) c.enqueue(bytes.subarray(i, i + 7));
          c.close();
        },
      });
      expect(snapshotDifferences(await readSnapshot(web), expected)).toEqual([]);
    });
  }

  it('splits at every offset of a text with \\u escapes, multi-byte UTF-8 and \\n, separators', async () => {
    const b = FIXTURES['escapes, non-ASCII and lone surrogates in names']!();
    const text = Buffer.from(b.toJSON().replace('"<dummy>"', '"raw ü 😀"'), 'utf8');
    const first = await readSnapshot(sliced(text, text.length));
    expect(first.strings.get(0)).toBe('raw ü 😀');
    expect(text.includes('\n,')).toBe(true);
    for (let cut = 1; cut < text.length; cut++) {
      const two = (async function* () {
        yield text.subarray(0, cut);
        yield text.subarray(cut);
      })();
      const parsed = await readSnapshot((await import('node:stream')).Readable.from(two));
      const diffs = snapshotDifferences(parsed, first);
      if (diffs.length > 0) expect({ cut, diffs }).toEqual({ cut, diffs: [] });
    }
  });

  it('reports progress at most every 4 MiB with the file size, and once at the end', async () => {
    // ~12 MB: a tiny snapshot carrying a large section the parser skips.
    const path = join(dir, 'progress.heapsnapshot');
    writeFileSync(path, tinySnapshot({ middle: `,\n"scopes":[${'12345,'.repeat(2_000_000)}0]` }));
    const calls: [number, number | undefined][] = [];
    const s = await readSnapshot(path, { chunkSize: 1 << 20, onProgress: (read, total) => calls.push([read, total]) });
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.at(-1)).toEqual([s.byteLength, s.byteLength]);
    for (let k = 1; k < calls.length - 1; k++) expect(calls[k]![0] - calls[k - 1]![0]).toBeGreaterThanOrEqual(4 * 1024 * 1024);
    expect(calls.every(([, total]) => total === s.byteLength)).toBe(true);
  });

  it('reports gzip progress in compressed bytes and the compressed length', async () => {
    const path = join(dir, 'progress.heapsnapshot.gz');
    const gz = gzipSync(tinySnapshot());
    writeFileSync(path, gz);
    const calls: [number, number | undefined][] = [];
    const s = await readSnapshot(path, { onProgress: (read, total) => calls.push([read, total]) });
    expect(calls).toEqual([[gz.length, gz.length]]);
    expect(s.compressedByteLength).toBe(gz.length);
  });
});

describe('a bad file is refused for its first fault, at the same offset, whatever the read sizes', () => {
  // Values are checked when a batch of records is handed over; a later syntax fault or the
  // end of the input must not get in first.
  const cases: Record<string, { text: string; reason: RegExp }> = {
    'a node type out of range, then a letter': {
      text: tinySnapshot({ nodes: '9,0,1,0,2,0\n,13,1,3,10,0,0\n,3,2,5,x,0,0' }),
      reason: /^node type out of range$/,
    },
    'one node too many, then a letter': {
      text: tinySnapshot({ nodes: '9,0,1,0,2,0\n,3,1,3,10,0,0\n,3,2,5,20,0,0\n,3,2,7,20,0,0\n,3,x' }),
      reason: /^more nodes than node_count$/,
    },
    'a detachedness out of range, then a node type out of range': {
      text: tinySnapshot({ nodes: '9,0,1,0,2,0\n,3,1,3,10,0,300\n,13,2,5,20,0,0' }),
      reason: /^detachedness out of range$/,
    },
    'a node type out of range, then one node too many': {
      text: tinySnapshot({ nodes: '9,0,1,0,2,0\n,13,1,3,10,0,0\n,3,2,5,20,0,0\n,3,2,7,20,0,0' }),
      reason: /^node type out of range$/,
    },
    'an edge type out of range, then one edge too many': {
      text: tinySnapshot({ edges: '2,3,6\n,9,4,12\n,2,4,12' }),
      reason: /^edge type out of range$/,
    },
    'a 17-digit number (reported where it begins)': {
      text: tinySnapshot({ nodes: '9,0,1,0,2,0\n,3,1,3,10,0,12345678901234567\n,3,2,5,20,0,0' }),
      reason: /^number too large$/,
    },
    'a leading zero (reported where the number begins)': {
      text: tinySnapshot({ nodes: '9,0,1,0,2,0\n,3,1,3,10,0,0\n,3,2,5,0020,0,0' }),
      reason: /^number with leading zero$/,
    },
    'an exponent after a to_node whose digits alone would be out of range': {
      text: tinySnapshot({ edges: '2,3,6\n,2,4,1e3' }),
      reason: /^non-integer number$/,
    },
    'an edge type out of range, then the input ends': {
      text: tinySnapshot().slice(0, tinySnapshot().indexOf('2,4,12')).replace('2,3,6', '9,3,6'),
      reason: /^edge type out of range$/,
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(name, async () => {
      const seen = new Set<string>();
      for (const size of [1, 7, 64, 65536]) {
        try {
          await readSnapshot(sliced(Buffer.from(c.text), size));
          seen.add('accepted');
        } catch (e) {
          const err = e as { reason: string; offset: number };
          expect(err.reason).toMatch(c.reason);
          seen.add(`${err.reason} at ${err.offset}`);
        }
      }
      expect([...seen]).toHaveLength(1);
    });
  }
});
