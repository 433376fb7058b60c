import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { dominatedCounts, retainedUnion } from '../src/retained-union.js';
import { prng, randomSnapshot } from './reference/random-graph.js';

/** The dominator chain of v, v first, the root last. */
function chainOf(dominator: Uint32Array, v: number): number[] {
  const out = [v];
  while (v !== 0) out.push((v = dominator[v]!));
  return out;
}

describe('set questions on the dominator tree, against walking every chain', () => {
  it('counts members per subtree and sums the retained sizes of the outermost members, on random graphs and member sets', () => {
    let checked = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const graph = analyze(randomSnapshot(seed));
      const n = graph.nodeCount;
      const rand = prng(seed * 7 + 1);
      const counts = new Uint32Array(n);
      const pending = new Uint32Array(n);
      for (let round = 0; round < 3; round++) {
        // Random members, duplicates and the root allowed, sometimes many, sometimes one.
        const size = round === 0 ? 1 : Math.floor(rand() * Math.min(n, 40));
        const members = Array.from({ length: size }, () => Math.floor(rand() * n));
        const expected = new Array<number>(n).fill(0);
        for (const m of members) for (const a of chainOf(graph.dominator, m)) expected[a]!++;
        const counted = dominatedCounts(graph, members, counts, pending);
        expect(Array.from(counts), `seed ${seed} round ${round}`).toEqual(expected);
        expect(new Set(counted).size, `seed ${seed}: each ancestor once`).toBe(counted.length);
        expect(Array.from(counted).sort((a, b) => a - b)).toEqual(expected.flatMap((c, v) => (c > 0 ? [v] : [])));
        expect(pending.every((p) => p === 0)).toBe(true);
        for (const v of counted) counts[v] = 0;

        const set = new Set(members);
        let union = 0;
        for (const m of set) if (!chainOf(graph.dominator, m).slice(1).some((a) => set.has(a))) union += graph.retainedSize[m]!;
        expect(retainedUnion(graph, members), `seed ${seed} round ${round}`).toBe(union);
        checked++;
      }
    }
    expect(checked).toBe(1200);
  });
});
