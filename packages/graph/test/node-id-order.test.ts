// sortNodeIds against a comparison sort: ascending ids, each with the ordinal it had,
// equal ids in node order; sorted in place, through given scratch, or neither.
import { describe, expect, it } from 'vitest';
import { sortNodeIds } from '@heaptrail/graph';

/** Ids spread over the whole 32 bits with some repeats, so both radix digits and the tie order matter. */
function randomIds(seed: number, n: number): Uint32Array {
  let x = seed * 2654435761 + 1;
  const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0), x);
  const ids = new Uint32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i > 0 && next() % 10 === 0 ? ids[next() % i]! : next() >>> (next() % 24);
  return ids;
}

function naive(ids: Uint32Array): { ids: number[]; ordinals: number[] } {
  const ordinals = Array.from(ids, (_, i) => i).sort((a, b) => ids[a]! - ids[b]! || a - b);
  return { ids: ordinals.map((o) => ids[o]!), ordinals };
}

describe('sortNodeIds()', () => {
  it('sorts ids with their ordinals as a stable comparison sort does', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const ids = randomIds(seed, seed % 7 === 0 ? 0 : 1 + ((seed * 37) % 3000));
      const before = Uint32Array.from(ids);
      const got = sortNodeIds(ids);
      const want = naive(before);
      expect(Array.from(got.ids), `seed ${seed}`).toEqual(want.ids);
      expect(Array.from(got.ordinals), `seed ${seed}`).toEqual(want.ordinals);
      expect(Array.from(ids), 'the input is left alone').toEqual(Array.from(before));
    }
  });

  it('sorts in place and passes through the scratch it is given; short arrays are not used', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const ids = randomIds(seed, 500 + seed);
      const want = naive(Uint32Array.from(ids));
      const scratch = [new Uint32Array(ids.length + 3), new Uint32Array(ids.length + 3)] as const;
      const ordinals = new Uint32Array(ids.length);
      const got = sortNodeIds(ids, { ids, ordinals, scratch });
      expect(got.ids.buffer).toBe(ids.buffer);
      expect(got.ordinals.buffer).toBe(ordinals.buffer);
      expect(Array.from(ids), `seed ${seed}`).toEqual(want.ids);
      expect(Array.from(ordinals), `seed ${seed}`).toEqual(want.ordinals);
      // The scratch held the pass between: the ids sorted by their low 16 bits.
      const low = Array.from(scratch[0].subarray(0, ids.length), (v) => v & 0xffff);
      expect(low).toEqual([...low].sort((a, b) => a - b));
      const short = new Uint32Array(ids.length - 1);
      const again = sortNodeIds(Uint32Array.from(want.ids).reverse(), { ordinals: short, scratch: [short, short] });
      expect(again.ordinals.buffer).not.toBe(short.buffer);
      expect(Array.from(again.ids)).toEqual(want.ids);
      expect(short.every((v) => v === 0)).toBe(true);
    }
  });
});
