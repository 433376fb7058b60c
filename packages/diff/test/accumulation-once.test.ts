// findAccumulationPointOnce (counts in a hash table over the targets' dominator ancestors, graph's sparseDominatedCounts) against
// findAccumulationPoint (counts in arrays over every node), on seeded random graphs.
import { analyze, classInstances } from '@heaptrail/graph';
import { prng, SnapshotBuilder, type BuilderNode } from '@heaptrail/parser/builder';
import { describe, expect, it } from 'vitest';
import { accumulationContext, findAccumulationPoint, findAccumulationPointOnce } from '../src/accumulation.js';

/** Up to 150 objects of 4 classes, with chains (each T holds the next), shared holders and cycles. */
function randomGraph(seed: number) {
  const rand = prng(seed);
  const int = (k: number) => Math.floor(rand() * k);
  const b = new SnapshotBuilder();
  const size = 2 + int(150);
  const nodes: BuilderNode[] = [];
  for (let i = 0; i < size; i++) nodes.push(b.node(['T', 'Holder', 'Array', 'Other'][int(4)]!, 1 + int(100), { type: 'object' }));
  for (let i = 0; i < 1 + int(3); i++) b.root.edge(nodes[int(size)]!, 'element', i);
  const edges = Math.floor(size * (0.8 + 2 * rand()));
  for (let i = 0; i < edges; i++) {
    const from = nodes[int(size)]!;
    // Mostly edges forward, so that chains and deep dominator paths form; some back edges make cycles.
    const to = rand() < 0.8 ? nodes[Math.min(size - 1, from.id % size + 1 + int(4))] : nodes[int(size)];
    from.edge(to ?? nodes[int(size)]!, 'property', `p${int(3)}`);
  }
  return analyze(b.build());
}

describe('findAccumulationPointOnce()', () => {
  it('finds the same point, holding the same count, as the array version on 2,000 random graphs', () => {
    let points = 0;
    for (let seed = 1; seed <= 2_000; seed++) {
      const graph = randomGraph(seed);
      const ctx = accumulationContext(graph);
      for (const name of ['T', 'Holder']) {
        const c = graph.classNames.indexOf(name);
        if (c < 0) continue;
        const targets = classInstances(graph, c);
        const dense = findAccumulationPoint(ctx, targets, []);
        expect(findAccumulationPointOnce(graph, targets), `seed ${seed}, ${name}`).toEqual(dense);
        if (dense !== null) points++;
        // The array version leaves its scratch clean for the next question.
        expect(ctx.counts.every((x) => x === 0) && ctx.pending.every((x) => x === 0) && ctx.marks.every((x) => x === 0)).toBe(true);
      }
    }
    // Not all nulls: the comparison covers found points.
    expect(points).toBeGreaterThan(50);
  });

  it('has no point for no targets', () => {
    expect(findAccumulationPointOnce(randomGraph(7), new Uint32Array(0))).toBeNull();
  });
});
