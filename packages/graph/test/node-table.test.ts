// NodeTable against a Map on random keys: every key found with its two counters, through
// many doublings, and absent keys not found (their counters 0).
import { describe, expect, it } from 'vitest';
import { prng } from '@heaptrail/parser/builder';
import { NodeTable } from '../src/node-table.js';

describe('NodeTable', () => {
  it('keeps two counters per node as a Map does, through its growth', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rand = prng(seed);
      const table = new NodeTable();
      const want = new Map<number, [number, number]>();
      // Keys from a narrow range (repeats, neighbours) or anywhere below 2^32 - 1.
      const key = () => (rand() < 0.5 ? Math.floor(rand() * 5_000) : Math.floor(rand() * 0xfffffffe));
      for (let i = 0; i < 3_000 * seed; i++) {
        const v = key();
        const [a, b] = want.get(v) ?? [0, 0];
        if (rand() < 0.5) {
          table.addCount(v, 3);
          want.set(v, [a + 3, b]);
        } else {
          table.addPending(v, 2);
          want.set(v, [a, b + 2]);
        }
      }
      expect(table.size).toBe(want.size);
      for (const [v, [a, b]] of want) {
        expect(table.has(v), `seed ${seed}, ${v}`).toBe(true);
        expect([table.count(v), table.pending(v)]).toEqual([a, b]);
      }
      for (let i = 0; i < 1_000; i++) {
        const v = key();
        if (!want.has(v)) {
          expect(table.has(v)).toBe(false);
          expect([table.count(v), table.pending(v)]).toEqual([0, 0]);
        }
      }
    }
  });

  it('counts the second counter down to zero', () => {
    const table = new NodeTable();
    table.addPending(7, 2);
    expect(table.addPending(7, -1)).toBe(1);
    expect(table.addPending(7, -1)).toBe(0);
    expect(table.pending(7)).toBe(0);
    expect(table.has(7)).toBe(true);
  });
});
