import { describe, expect, it } from 'vitest';
import { SparseIndex } from '../src/sparse-index.js';
import { prng } from './reference/random-graph.js';

/** Seeded 32-bit numbers. */
function random(seed: number): () => number {
  const next = prng(seed);
  return () => Math.floor(next() * 2 ** 32);
}

describe('SparseIndex', () => {
  it('finds what was added in order, and -1 for the rest', () => {
    const ix = new SparseIndex(2);
    for (const k of [0, 3, 7, 1_000_000, 2 ** 32 - 1]) ix.add(k, k % 1000);
    ix.seal();
    expect(ix.length).toBe(5);
    for (const k of [0, 3, 7, 1_000_000, 2 ** 32 - 1]) expect(ix.get(k)).toBe(k % 1000);
    for (const k of [1, 2, 8, 999_999, 2 ** 32 - 2]) expect(ix.get(k)).toBe(-1);
    expect(new SparseIndex().seal().get(0)).toBe(-1);
  });

  it('matches a Map on thousands of keys added out of order, the first value winning for a repeated key', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = random(seed);
      const ix = new SparseIndex(4);
      const reference = new Map<number, number>();
      for (let i = 0; i < 5_000; i++) {
        // Keys across all 32 bits and in a narrow range, so both radix passes and repeats are exercised.
        const key = i % 3 === 0 ? next() : next() % 700;
        const value = next() % 2 ** 31;
        ix.add(key, value);
        if (!reference.has(key)) reference.set(key, value);
      }
      ix.seal();
      expect(ix.length).toBe(reference.size);
      for (const [k, v] of reference) expect(ix.get(k)).toBe(v);
      for (let i = 0; i < 1_000; i++) {
        const k = next();
        expect(ix.get(k)).toBe(reference.get(k) ?? -1);
      }
    }
  });
});
