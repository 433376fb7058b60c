// The edges fast path (scan/direct-edges.ts) parses whole records straight into the
// columns when a chunk has room; the general scanner takes everything else. Both must
// give the same snapshot and, for bad input, the same error at the same offset.

import { describe, expect, it } from 'vitest';
import { readSnapshot, SnapshotFormatError } from '@heaptrail/parser';
import { ring, sliced } from './helpers/fixtures.js';
import { expectSameSnapshot } from './helpers/compare.js';

async function failure(text: string, chunk: number): Promise<{ reason: string; offset: number }> {
  try {
    await readSnapshot(sliced(Buffer.from(text), chunk));
  } catch (e) {
    if (e instanceof SnapshotFormatError) return { reason: e.reason, offset: e.offset };
    throw e;
  }
  throw new Error('expected a SnapshotFormatError');
}

/** Replaces the edge record at `nth` (0-based, counted from the `edges` section start) with `record`. */
function withEdgeRecord(text: string, nth: number, record: string): string {
  const start = text.indexOf('"edges":[') + '"edges":['.length;
  const end = text.indexOf(']', start);
  const records = text.slice(start, end).split('\n,');
  records[nth] = record;
  return text.slice(0, start) + records.join('\n,') + text.slice(end);
}

describe('edges fast path', () => {
  it('reads the same snapshot with large chunks (fast path) and 7-byte chunks (general scanner only)', async () => {
    const b = ring();
    const text = Buffer.from(b.toJSON());
    const fast = await readSnapshot(sliced(text, 1 << 20));
    const slow = await readSnapshot(sliced(text, 7));
    expectSameSnapshot(fast, b.build());
    expectSameSnapshot(slow, b.build());
  });

  const nodeFields = 6; // the builder's default layout
  const bad: [string, string, RegExp][] = [
    ['an edge type out of range', `9,1,${3 * nodeFields}`, /edge type out of range/],
    ['a to_node that is not a multiple of the node field count', `2,1,${3 * nodeFields + 1}`, /not a multiple/],
    ['a to_node past the last node', `2,1,${3001 * nodeFields}`, /to_node outside nodes/],
    ['a name over 2^32-1', `1,4294967296,${3 * nodeFields}`, /number too large/],
    ['a number with a leading zero', `2,01,${3 * nodeFields}`, /leading zero/],
    ['a negative number', `2,-1,${3 * nodeFields}`, /negative number/],
    ['a fraction', `2,1.5,${3 * nodeFields}`, /non-integer/],
    ['a 17-digit number', `2,12345678901234567,${3 * nodeFields}`, /number too large/],
  ];
  for (const [what, record, reason] of bad) {
    it(`refuses ${what} in mid-section with the same reason and offset either way`, async () => {
      const text = withEdgeRecord(ring().toJSON(), 4500, record);
      const fast = await failure(text, 1 << 20);
      const slow = await failure(text, 7);
      expect(fast.reason).toMatch(reason);
      expect(fast.reason).toBe(slow.reason);
      if (record.includes('12345678901234567')) {
        // The general scanner names a long number by its start, or by its end when a
        // chunk boundary cut it (as before the fast path): both lie on the number.
        const from = Buffer.byteLength(text.slice(0, text.indexOf('12345678901234567')));
        for (const f of [fast, slow]) expect(f.offset >= from && f.offset <= from + 17).toBe(true);
      } else {
        expect(fast.offset).toBe(slow.offset);
      }
    });
  }

  it('accepts spaces and newlines around numbers that V8 never writes', async () => {
    const b = ring();
    const text = withEdgeRecord(b.toJSON(), 4500, ` 2 ,\n1, ${3 * nodeFields}`);
    const parsed = await readSnapshot(sliced(Buffer.from(text), 1 << 20));
    expect(parsed.edges.type[4500]).toBe(2);
    expect(parsed.edges.toNode[4500]).toBe(3);
    expect(parsed.edges.toNode[4499]).toBe(b.build().edges.toNode[4499]);
    expect(parsed.edges.toNode[4501]).toBe(b.build().edges.toNode[4501]);
  });
});
