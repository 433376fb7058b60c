// markPageOwned() against plain reachability, including marks made behind its sweep.

import { describe, expect, it } from 'vitest';
import { markPageOwned } from '@heaptrail/graph';
import type { HeapSnapshot } from '@heaptrail/parser';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { randomSnapshot } from './reference/random-graph.js';

/** Breadth-first reach over non-weak edges from the root's shortcut and `(Document DOM trees)` targets. */
function naivePageOwned(s: HeapSnapshot): number[] {
  const { edgeTypes, nodeTypes } = s.header.meta;
  const n = s.header.nodeCount;
  const owned = new Array<number>(n).fill(0);
  const queue: number[] = [];
  for (let e = s.firstEdge[0]!; e < s.firstEdge[1]!; e++) {
    const to = s.edges.toNode[e]!;
    const type = edgeTypes[s.edges.type[e]!];
    const domTrees =
      nodeTypes[s.nodes.type[to]!] === 'synthetic' && s.strings.get(s.nodes.name[to]!) === '(Document DOM trees)';
    if (type === 'shortcut' || (type === 'element' && domTrees)) queue.push(to);
  }
  for (const v of queue) owned[v] = 1;
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (let e = s.firstEdge[v]!; e < s.firstEdge[v + 1]!; e++) {
      const to = s.edges.toNode[e]!;
      if (owned[to] === 1 || edgeTypes[s.edges.type[e]!] === 'weak') continue;
      owned[to] = 1;
      queue.push(to);
    }
  }
  return owned;
}

describe('markPageOwned()', () => {
  it('marks exactly what the page entries reach over non-weak edges on 500 random graphs', () => {
    for (let seed = 9001; seed <= 9500; seed++) {
      const s = randomSnapshot(seed);
      expect(Array.from(markPageOwned(s)), `seed ${seed}`).toEqual(naivePageOwned(s));
    }
  });

  it('follows chains that run back to lower ordinals, and stops at weak edges', () => {
    const b = new SnapshotBuilder();
    const low = b.node('Low', 1);
    const lower = b.node('Lower', 1);
    const weakOnly = b.node('WeakOnly', 1);
    const global = b.node('Global', 1);
    const high = b.node('High', 1);
    b.root.edge(global, 'shortcut', 'global');
    global.edge(high, 'property', 'h');
    // high → low → lower: both found after the sweep has passed them.
    high.edge(low, 'property', 'back');
    low.edge(lower, 'property', 'further').edge(weakOnly, 'weak', 'w');
    const s = b.build();
    const owned = markPageOwned(s);
    expect([low, lower, global, high].map((x) => owned[x.ordinal])).toEqual([1, 1, 1, 1]);
    expect([owned[0], owned[weakOnly.ordinal]]).toEqual([0, 0]);
  });
});
