import { describe, expect, it } from 'vitest';
import { analyze } from '@heaptrail/graph';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { objectAnswer } from '../src/object-view.js';

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * A hub with many edges to targets of few distinct sizes (many ties), some targets
 * reached twice, and a second holder for some, so retained sizes vary.
 */
function hubGraph(seed: number) {
  const rnd = random(seed);
  const b = new SnapshotBuilder();
  const hub = b.node('Hub', 8, { id: 11 });
  const other = b.node('Other', 8, { id: 13 });
  b.root.edge(hub, 'property', 'hub').edge(other, 'property', 'other');
  const targets = [];
  for (let i = 0; i < 150; i++) targets.push(b.node(`T${i % 5}`, 8 * (1 + Math.floor(rnd() * 4))));
  const edgeCount = 300;
  for (let i = 0; i < edgeCount; i++) {
    const t = targets[Math.floor(rnd() * targets.length)]!;
    if (rnd() < 0.5) hub.edge(t, 'element', i);
    else hub.edge(t, 'property', `p${i}`);
    if (rnd() < 0.1) other.edge(t, 'property', `q${i}`);
  }
  return analyze(b.build());
}

describe('objectAnswer edges out', () => {
  it('pages exactly like a full sort by target retained size, then edge order (random hubs with ties)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const graph = hubGraph(seed);
      const { firstEdge, edges } = graph.snapshot;
      const hub = graph.snapshot.nodes.id.indexOf(11);
      const all: number[] = [];
      for (let e = firstEdge[hub]!; e < firstEdge[hub + 1]!; e++) all.push(e);
      // The naive reference: sort everything with the comparator.
      const order = all.sort((a, b) => graph.retainedSize[edges.toNode[b]!]! - graph.retainedSize[edges.toNode[a]!]! || a - b);
      const rnd = random(seed * 7919);
      for (let trial = 0; trial < 10; trial++) {
        const offset = Math.floor(rnd() * 320);
        const limit = 1 + Math.floor(rnd() * 100);
        const answer = objectAnswer('s', graph, { id: 11, offset, limit });
        const expected = order.slice(offset, offset + limit).map((e) => [graph.snapshot.nodes.id[edges.toNode[e]!]!, graph.retainedSize[edges.toNode[e]!]!]);
        expect(answer.edges.items.map((i) => [i.id, i.retainedSize]), `seed ${seed} offset ${offset} limit ${limit}`).toEqual(expected);
        expect(answer.edges.total).toBe(order.length);
        expect(answer.edges.nextOffset).toBe(offset + limit < order.length ? offset + limit : null);
      }
    }
  });

  it('labels each edge as the paths do', () => {
    const graph = hubGraph(3);
    const answer = objectAnswer('s', graph, { id: 11, offset: 0, limit: 300 });
    for (const item of answer.edges.items) expect(item.edge).toMatch(item.edgeType === 'element' ? /^\[\d+\]$/ : /^\.p\d+$/);
    // Edge names are unique (p<i> or [i]): a page and the next never repeat one.
    expect(new Set(answer.edges.items.map((i) => i.edge)).size).toBe(300);
  });
});
