// Columns kept narrower than the numbers V8 may write: self_size and `locations` in a
// Uint32Array until a number does not fit, then a Float64Array with every number
// exact; an all-0 detachedness column is never written. Read at several chunk sizes,
// so the widening happens at a batch's start, middle and end.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSnapshot } from '@heaptrail/parser';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { referenceRead } from './helpers/reference-reader.js';
import { snapshotDifferences } from './helpers/compare.js';

const dir = mkdtempSync(join(tmpdir(), 'heaptrail-narrow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CHUNKS = [1, 7, 4096, undefined];

/** `count` nodes with sizes below 2^32, and `wide` (ordinal → size) past it. */
function sized(count: number, wide: ReadonlyMap<number, number>): SnapshotBuilder {
  const b = new SnapshotBuilder();
  for (let i = 1; i <= count; i++) {
    const node = b.node(`N${i % 7}`, wide.get(i) ?? 0xffffffff - i);
    b.root.edge(node, 'element', i);
  }
  return b;
}

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('self_size column', () => {
  it('stays a Uint32Array up to 2^32 - 1', async () => {
    const b = new SnapshotBuilder();
    b.root.edge(b.node('Max', 0xffffffff), 'property', 'max');
    const s = await readSnapshot(write('max.heapsnapshot', b.toJSON()));
    expect(s.nodes.selfSize).toBeInstanceOf(Uint32Array);
    expect(s.nodes.selfSize[1]).toBe(0xffffffff);
  });

  for (const at of [1, 2500, 5000]) {
    it(`widens at the first larger size (node ${at} of 5000), every size exact, at every chunk size`, async () => {
      const wide = new Map([
        [at, 2 ** 32],
        [at + 17 <= 5000 ? at + 17 : at - 17, 2 ** 53 - 1],
      ]);
      const text = sized(5000, wide).toJSON();
      const path = write(`wide-${at}.heapsnapshot`, text);
      const expected = referenceRead(text);
      expect(expected.nodes.selfSize).toBeInstanceOf(Float64Array);
      for (const chunkSize of CHUNKS) {
        const s = await readSnapshot(path, chunkSize === undefined ? {} : { chunkSize });
        expect(snapshotDifferences(s, expected)).toEqual([]);
        expect(s.nodes.selfSize[at]).toBe(2 ** 32);
        expect(s.nodes.selfSize[at - 1]).toBe(at === 1 ? 0 : 0xffffffff - (at - 1));
      }
    });
  }

  it('refuses a size past 2^53 - 1 at the same offset whether or not the column was widened before it', async () => {
    // 9999999999 needs the wide column and has as many digits as the size it replaces.
    const narrow = sized(300, new Map()).toJSON();
    const widened = narrow.replace(String(0xffffffff - 10), '9999999999');
    const tooLarge = '9007199254740993';
    const at = narrow.indexOf(String(0xffffffff - 200));
    const offsets: number[] = [];
    for (const text of [narrow, widened]) {
      const bad = text.slice(0, at) + tooLarge + text.slice(at + 10);
      for (const chunkSize of [1, 4096]) {
        const error = await readSnapshot(write('too-large.heapsnapshot', bad), { chunkSize }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toMatchObject({ reason: 'number too large' });
        offsets.push((error as { offset: number }).offset);
      }
    }
    expect(new Set(offsets).size).toBe(1);
    // Within the record that holds it (errors name a record's end).
    expect(offsets[0]).toBeGreaterThan(at + tooLarge.length - 1);
    expect(offsets[0]).toBeLessThan(at + tooLarge.length + 30);
  });

  it('a grown stream column keeps its kind and its values', async () => {
    const text = sized(3000, new Map([[2900, 2 ** 35]])).toJSON();
    const { Readable } = await import('node:stream');
    const stream = Readable.from([Buffer.from(text)]);
    const s = await readSnapshot(stream);
    expect(snapshotDifferences(s, referenceRead(text))).toEqual([]);
  });
});

describe('locations', () => {
  it('are a Uint32Array when every number fits, a Float64Array with exact numbers when one does not', async () => {
    const small = new SnapshotBuilder();
    const f = small.node('f', 32, { type: 'closure' });
    small.root.edge(f, 'property', 'f');
    small.location(f, 7, 0xffffffff, 3);
    const a = await readSnapshot(write('loc-small.heapsnapshot', small.toJSON()));
    expect(a.locations).toBeInstanceOf(Uint32Array);

    const large = new SnapshotBuilder();
    const g = large.node('g', 32, { type: 'closure' });
    large.root.edge(g, 'property', 'g');
    large.location(g, 7, 2 ** 33 + 1, 3);
    const text = large.toJSON();
    for (const chunkSize of CHUNKS) {
      const b = await readSnapshot(write('loc-large.heapsnapshot', text), chunkSize === undefined ? {} : { chunkSize });
      expect(b.locations).toBeInstanceOf(Float64Array);
      expect(Array.from(b.locations!)).toContain(2 ** 33 + 1);
      expect(snapshotDifferences(b, referenceRead(text))).toEqual([]);
    }
  });
});

describe('detachedness', () => {
  it('reads 0 everywhere when the file has only zeros, and the values where it has others', async () => {
    const b = new SnapshotBuilder();
    const nodes = Array.from({ length: 50 }, (_, i) => b.node('Div', 8, { detachedness: i === 31 ? 2 : 0 }));
    nodes.forEach((n, i) => b.root.edge(n, 'element', i));
    const s = await readSnapshot(write('detached.heapsnapshot', b.toJSON()));
    expect(Array.from(s.nodes.detachedness!).filter((v) => v !== 0)).toEqual([2]);
    expect(s.nodes.detachedness![32]).toBe(2);

    const zeros = new SnapshotBuilder();
    zeros.root.edge(zeros.node('Div', 8), 'property', 'd');
    const z = await readSnapshot(write('zeros.heapsnapshot', zeros.toJSON()));
    expect(Array.from(z.nodes.detachedness!)).toEqual([0, 0]);
  });
});
