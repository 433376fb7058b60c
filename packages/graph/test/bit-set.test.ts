import { describe, expect, it } from 'vitest';
import { bitSetBytes, clearBit, hasBit, newBitSet, setBit } from '../src/bit-set.js';

describe('bit sets', () => {
  it('size one bit per ordinal, up to the largest edge count a header may claim (2^32 - 1)', () => {
    expect([0, 1, 8, 9].map(bitSetBytes)).toEqual([0, 1, 1, 2]);
    // (size + 7) >>> 3 would wrap to 0 here.
    expect(bitSetBytes(2 ** 32 - 1)).toBe(2 ** 29);
    expect(bitSetBytes(2 ** 32 - 9)).toBe(2 ** 29 - 1);
  });

  it('set, test and clear single bits', () => {
    const bits = newBitSet(20);
    setBit(bits, 0);
    setBit(bits, 13);
    setBit(bits, 19);
    clearBit(bits, 0);
    expect(Array.from({ length: 20 }, (_, i) => hasBit(bits, i)).flatMap((b, i) => (b ? [i] : []))).toEqual([13, 19]);
  });
});
