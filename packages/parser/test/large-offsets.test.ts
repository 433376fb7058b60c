// Offsets and values past 2^32 without a 4 GB fixture: the section scanners are driven
// with a base offset past 2^32 (as the document scanner passes for a 5 GB file), the
// split parse's tail runs in a sparse file whose edges sit past 2^32, and values that
// V8 writes as size_t go through a whole parse.

import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSnapshot, SnapshotFormatError } from '@heaptrail/parser';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { HeaderCollector } from '../src/scan/header-collector.js';
import { NumberArrayScanner } from '../src/scan/number-array.js';
import { RecordSink } from '../src/scan/record-sink.js';
import { StringArrayScanner } from '../src/scan/string-array.js';
import { ValueSkipper } from '../src/scan/value-skipper.js';
import { SplitClaims } from '../src/split/claims.js';
import { parseTail } from '../src/split/edge-tail.js';
import { findEdgesEnd } from '../src/split/find-edges-end.js';
import { StringTableBuilder } from '../src/string-table.js';

const dir = mkdtempSync(join(tmpdir(), 'heaptrail-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Offsets a 5 GB file reaches: past 2^32, and past 2^32 + 2^31 (where an int32 would be negative). */
const BASES = [2 ** 32 + 7, 5 * 2 ** 30 + 3, 2 ** 33 - 1];

/** The chunk with one spare byte after it, for the scanners' sentinel. */
function chunk(text: string): Uint8Array {
  const bytes = new Uint8Array(Buffer.byteLength(text) + 1);
  bytes.set(Buffer.from(text));
  return bytes;
}

/** Keeps every record and its end offset. */
class Collect extends RecordSink {
  readonly values: number[] = [];
  readonly ends: number[] = [];
  closedAt = -1;
  accept(batch: Float64Array, records: number, ends: Float64Array): void {
    for (let k = 0; k < records * this.fields; k++) this.values.push(batch[k]!);
    for (let r = 0; r < records; r++) this.ends.push(ends[r]!);
  }
  close(_partial: number, offset: number): void {
    this.closedAt = offset;
  }
}

function failure(run: () => void): { reason: string; offset: number; message: string } {
  try {
    run();
  } catch (e) {
    if (e instanceof SnapshotFormatError) return { reason: e.reason, offset: e.offset, message: e.message };
    throw e;
  }
  throw new Error('expected a SnapshotFormatError');
}

describe('section scanners at byte offsets past 2^32', () => {
  for (const base of BASES) {
    it(`number arrays report exact record ends, the closing bracket and faults at ${base}`, () => {
      const text = '3,1,4\n,1,5,9\n,2,6,5]';
      const sink = new Collect('<big>', 3);
      const scanner = new NumberArrayScanner(sink, '<big>');
      // Split in two chunks, the second starting past 2^32 + the first's length.
      const cut = 8;
      scanner.scan(chunk(text.slice(0, cut)), 0, cut, base);
      scanner.scan(chunk(text.slice(cut)), 0, text.length - cut, base + cut);
      expect(sink.values).toEqual([3, 1, 4, 1, 5, 9, 2, 6, 5]);
      expect(sink.ends).toEqual([base + 5, base + 12, base + 19]);
      expect(sink.closedAt).toBe(base + 19);

      const bad = failure(() => new NumberArrayScanner(new Collect('<big>', 3), '<big>').scan(chunk('1,2,x'), 0, 5, base));
      expect(bad).toMatchObject({ offset: base + 4, message: `<big>: unexpected 'x', expected a number at byte ${base + 4}` });
    });

    it(`strings, skipped sections and the header point at their bytes past 2^32 (${base})`, () => {
      const strings = new StringArrayScanner(new StringTableBuilder(), '<big>');
      const text = '"a", "b\\n"]';
      expect(strings.scan(chunk(text), 0, text.length, base)).toBe(text.length);
      expect(strings.closedAt).toBe(base + text.length - 1);
      expect(failure(() => new StringArrayScanner(new StringTableBuilder(), '<big>').scan(chunk('"a\\q"'), 0, 5, base))).toMatchObject({
        reason: 'invalid escape in string',
        offset: base + 3,
      });
      expect(failure(() => new ValueSkipper('<big>').scan(chunk('{"k":[1,2}'), 0, 10, base))).toMatchObject({ reason: 'unbalanced brackets', offset: base + 9 });
      const header = new HeaderCollector('<big>', base);
      const deep = '['.repeat(40);
      expect(failure(() => header.scan(chunk(`{${deep}`), 0, deep.length + 1, base))).toMatchObject({ reason: 'snapshot header nested too deeply', offset: base + 32 });
    });
  }
});

describe('the split parse in a file past 4 GiB', () => {
  // A sparse file: a hole of 4 GiB + a bit (no disk used), then the end of an edges section.
  const at = 2 ** 32 + 4096 + 17;
  const records = ['1,2,7', '2,40,14', '0,4000000000,21', '5,9,0'];
  const text = `"edges":[${records.join('\n,')}\n],\n"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n"locations":[],\n"strings":["x"]}\n`;
  const path = join(dir, 'sparse.heapsnapshot');
  const fd = openSync(path, 'w');
  try {
    ftruncateSync(fd, at);
    writeSync(fd, Buffer.from(text), 0, Buffer.byteLength(text), at);
  } finally {
    closeSync(fd);
  }
  const size = statSync(path).size;
  const sparse = statSync(path).blocks * 512 < 1024 * 1024;

  it.runIf(sparse)('finds the edges’ end and parses the tail backwards with offsets past 2^32', () => {
    const read = openSync(path, 'r');
    let end: number;
    try {
      end = findEdgesEnd(read, size, 128 * 1024 * 1024);
    } finally {
      closeSync(read);
    }
    expect(end).toBe(at + text.indexOf('\n],') + 1);
    const edgeCount = records.length;
    const claims = SplitClaims.create(end, at);
    const request = {
      path,
      end,
      edgeCount,
      edgeTypeCount: 7,
      nodeFieldCount: 7,
      nodeCount: 4,
      type: new Uint8Array(edgeCount),
      nameOrIndex: new Uint32Array(edgeCount),
      toNode: new Uint32Array(edgeCount),
      claims: claims.buffer,
      blockSize: 16,
    };
    const outcome = parseTail(request, claims);
    // Every record but the first, whose `[` it leaves to the main thread.
    expect(outcome).toEqual({ low: at + text.indexOf('2,40,14'), records: 3 });
    expect(Array.from(request.nameOrIndex.slice(1))).toEqual([40, 4000000000, 9]);
    expect(Array.from(request.toNode.slice(1))).toEqual([2, 3, 0]);
  });
});

describe('values past 2^32 through a whole parse', () => {
  it('keeps self sizes up to 2^53 - 1 and ids up to 2^32 - 1 exact, and says where a larger id is', async () => {
    const b = new SnapshotBuilder();
    const huge = b.node('Huge', 2 ** 53 - 1, { id: 2 ** 32 - 1 });
    const big = b.node('Big', 6e12, { id: 2 ** 32 - 3 });
    b.root.edge(huge, 'property', 'huge').edge(big, 'element', 2 ** 32 - 1);
    const text = b.toJSON();
    const path = join(dir, 'values.heapsnapshot');
    const fd = openSync(path, 'w');
    writeSync(fd, text);
    closeSync(fd);
    const s = await readSnapshot(path);
    expect(Array.from(s.nodes.selfSize.slice(1))).toEqual([2 ** 53 - 1, 6e12]);
    expect(Array.from(s.nodes.id.slice(1))).toEqual([2 ** 32 - 1, 2 ** 32 - 3]);
    expect(s.edges.nameOrIndex[1]).toBe(2 ** 32 - 1);
    // V8's object ids are 32-bit: a larger one is damage, refused where it stands.
    const over = text.replace(String(2 ** 32 - 1), String(2 ** 32 + 1));
    const bad = join(dir, 'over.heapsnapshot');
    const fd2 = openSync(bad, 'w');
    writeSync(fd2, over);
    closeSync(fd2);
    await expect(readSnapshot(bad)).rejects.toMatchObject({ reason: 'number too large' });
  });
});
