import { describe, expect, it } from 'vitest';
import { analyze, classSummary, type HeapGraph } from '@heaptrail/graph';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { memo, memoClassSummary } from '../src/graph-memo.js';

function graph(): HeapGraph {
  const b = new SnapshotBuilder();
  b.root.edge(b.node('A', 10), 'property', 'a').edge(b.node('B', 20), 'property', 'b');
  return analyze(b.build());
}

describe('memo', () => {
  it('computes once per graph and key', () => {
    const [g1, g2] = [graph(), graph()];
    let runs = 0;
    const compute = () => ++runs;
    expect([memo(g1, 'k', compute), memo(g1, 'k', compute), memo(g2, 'k', compute), memo(g1, 'other', compute)]).toEqual([1, 1, 2, 3]);
  });

  it('forgets the oldest question past 64 per graph', () => {
    const g = graph();
    let runs = 0;
    for (let i = 0; i <= 64; i++) memo(g, `q${i}`, () => ++runs);
    expect(runs).toBe(65);
    memo(g, 'q64', () => ++runs);
    expect(runs).toBe(65);
    memo(g, 'q0', () => ++runs);
    expect(runs).toBe(66);
  });

  it('gives the same class table as classSummary, one array for every call', () => {
    const g = graph();
    const rows = memoClassSummary(g);
    expect(rows).toEqual(classSummary(g));
    expect(memoClassSummary(g)).toBe(rows);
  });
});
