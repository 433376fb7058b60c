// The fast phases against the naive reference on thousands of seeded random graphs.

import { describe, expect, it } from 'vitest';
import { analyze, NONE } from '@heaptrail/graph';
import { randomSnapshot } from './reference/random-graph.js';
import {
  naiveDistances,
  naiveDominators,
  naiveEssential,
  naiveRetainedSizes,
  naiveShallowSizes,
} from './reference/naive.js';

const GRAPHS = 2000;

describe('analyze() agrees with the naive reference on random graphs', () => {
  it(`matches dominators, retained sizes, distances and shallow sizes on ${GRAPHS} graphs`, () => {
    let withOrphans = 0;
    let withPairs = 0;
    for (let seed = 1; seed <= GRAPHS; seed++) {
      const s = randomSnapshot(seed);
      const graph = analyze(s, { reattributeShallowSizes: false });
      const essential = naiveEssential(s);
      const where = `seed ${seed}`;
      expect(Array.from(graph.dominator), where).toEqual(naiveDominators(s, essential));
      expect(Array.from(graph.retainedSize), where).toEqual(naiveRetainedSizes(s, essential, s.nodes.selfSize));
      const dist = naiveDistances(s).map((d) => (d === Infinity ? NONE : d));
      expect(Array.from(graph.distance), where).toEqual(dist);
      expect(Array.from(analyze(s).selfSize), where).toEqual(naiveShallowSizes(s));
      checkParentEdges(graph, where);
      if (dist.includes(NONE)) withOrphans++;
      if (hasPair(s)) withPairs++;
    }
    // The generator must actually produce the hard cases.
    expect(withOrphans).toBeGreaterThan(GRAPHS / 10);
    expect(withPairs).toBeGreaterThan(GRAPHS / 10);
  });

  it('matches dominators without the page-owned rule too', () => {
    for (let seed = 5001; seed <= 5300; seed++) {
      const s = randomSnapshot(seed);
      const graph = analyze(s, { pageOwnedRule: false });
      expect(Array.from(graph.dominator), `seed ${seed}`).toEqual(naiveDominators(s, naiveEssential(s, false)));
    }
  });
});

function hasPair(s: ReturnType<typeof randomSnapshot>): boolean {
  for (let i = 0; i < s.strings.length; i++) if (s.strings.get(i).includes('pair in WeakMap')) return true;
  return false;
}

/** Each reached node's parent edge points at it from a node one step closer (user roots: from the root). */
function checkParentEdges(graph: ReturnType<typeof analyze>, where: string): void {
  const { snapshot, distance, parentEdge } = graph;
  const source = new Uint32Array(graph.edgeCount);
  for (let v = 0; v < graph.nodeCount; v++) {
    for (let e = snapshot.firstEdge[v]!; e < snapshot.firstEdge[v + 1]!; e++) source[e] = v;
  }
  const wrong: number[] = [];
  for (let v = 1; v < graph.nodeCount; v++) {
    const e = parentEdge[v]!;
    if (distance[v] === NONE) {
      if (e !== NONE) wrong.push(v);
    } else if (snapshot.edges.toNode[e] !== v) {
      wrong.push(v);
    } else if (distance[v] === 1 ? source[e] !== 0 : distance[v] !== distance[source[e]!]! + 1) {
      wrong.push(v);
    }
  }
  expect(wrong, `${where}: nodes with a bad parent edge`).toEqual([]);
}
