// The fast phases against the naive reference on thousands of seeded random graphs.

import { describe, expect, it } from 'vitest';
import { analyze, computeDominators, computeEdgeRules, NONE } from '@heaptrail/graph';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { prng, randomSnapshot } from './reference/random-graph.js';
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

  it('matches dominators on deep graphs whose eval() paths outgrow the preallocated stack', () => {
    for (const seed of [1, 2, 3]) {
      const rand = prng(seed);
      const b = new SnapshotBuilder();
      const chain = Array.from({ length: 3000 }, (_, i) => b.node(`C${i}`, 1 + (i % 7)));
      b.root.edge(chain[0]!, 'shortcut', 'g');
      chain.forEach((c, i) => {
        if (i + 1 < chain.length) c.edge(chain[i + 1]!, 'property', 'next');
        // Back edges make eval() climb long forest paths; a few forward jumps make
        // the dominator tree differ from the chain.
        c.edge(chain[Math.floor(rand() * (i + 1))]!, 'property', 'back');
        if (rand() < 0.01) c.edge(chain[Math.min(chain.length - 1, i + 2 + Math.floor(rand() * 50))]!, 'property', 'jump');
      });
      const s = b.build();
      const essential = naiveEssential(s);
      const graph = analyze(s);
      expect(Array.from(graph.dominator), `seed ${seed}`).toEqual(naiveDominators(s, essential));
    }
  });

  it('matches them too when the sizes sum past 2^32, where they are Float64 instead of Uint32', () => {
    let wide = 0;
    for (let seed = 3001; seed <= 3300; seed++) {
      const s = randomSnapshot(seed, 4e7);
      const where = `seed ${seed}`;
      const raw = analyze(s, { reattributeShallowSizes: false });
      const moved = analyze(s);
      const essential = naiveEssential(s);
      const total = Array.from(s.nodes.selfSize).reduce((a, b) => a + b, 0);
      const Sizes = total > 0xffffffff ? Float64Array : Uint32Array;
      if (total > 0xffffffff) wide++;
      expect(raw.retainedSize, where).toBeInstanceOf(Sizes);
      expect(Array.from(raw.retainedSize), where).toEqual(naiveRetainedSizes(s, essential, s.nodes.selfSize));
      expect(Array.from(moved.selfSize), where).toEqual(naiveShallowSizes(s));
      expect(Array.from(moved.retainedSize), where).toEqual(naiveRetainedSizes(s, essential, naiveShallowSizes(s)));
      expect(Array.from(raw.dominator), where).toEqual(naiveDominators(s, essential));
      expect(Array.from(raw.distance), where).toEqual(naiveDistances(s).map((d) => (d === Infinity ? NONE : d)));
      checkParentEdges(raw, where);
      checkDominatorChildren(raw, where);
    }
    // Both layouts must be exercised.
    expect(wide).toBeGreaterThan(30);
    expect(wide).toBeLessThan(270);
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

/** The dominator children CSR lists exactly the nodes each node immediately dominates. */
function checkDominatorChildren(graph: ReturnType<typeof analyze>, where: string): void {
  const { firstDominatorChild: first, dominatorChildren: children, dominator } = graph;
  const listed = Array.from({ length: graph.nodeCount }, (_, v) => Array.from(children.subarray(first[v]!, first[v + 1]!)).sort((a, b) => a - b));
  const expected = Array.from({ length: graph.nodeCount }, () => [] as number[]);
  for (let v = 1; v < graph.nodeCount; v++) expected[dominator[v]!]!.push(v);
  expect(listed, `${where}: dominator children`).toEqual(expected);
}

describe('computeDominators() on its own', () => {
  it('keeps retainer slots only for nodes with two or more essential retainers, plus one spare', () => {
    let single = 0;
    for (let seed = 7201; seed <= 7400; seed++) {
      const s = randomSnapshot(seed);
      const essential = naiveEssential(s);
      const degree = new Uint32Array(s.header.nodeCount);
      for (let e = 0; e < s.header.edgeCount; e++) if (essential[e]) degree[s.edges.toNode[e]!]!++;
      let slots = 1;
      for (const d of degree) {
        if (d === 1) single++;
        else slots += d;
      }
      const d = computeDominators(s, computeEdgeRules(s).nonEssential);
      expect(d.scratch.slots.length, `seed ${seed}`).toBe(slots);
      expect(Array.from(d.dominator), `seed ${seed}`).toEqual(naiveDominators(s, essential));
    }
    expect(single).toBeGreaterThan(1000);
  });


  it('counts essential retainers itself when edge rules did not, with the same result', () => {
    for (let seed = 7001; seed <= 7200; seed++) {
      const s = randomSnapshot(seed);
      const essentialInDegree = new Uint32Array(s.header.nodeCount + 1);
      const rules = computeEdgeRules(s, { essentialInDegree });
      const alone = Array.from(computeDominators(s, computeEdgeRules(s).nonEssential).dominator);
      expect(alone, `seed ${seed}`).toEqual(Array.from(computeDominators(s, rules.nonEssential, essentialInDegree).dominator));
      expect(alone, `seed ${seed}`).toEqual(naiveDominators(s, naiveEssential(s)));
    }
  });
});
