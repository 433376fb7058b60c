import { describe, expect, it } from 'vitest';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { analyze, classInstances, classSummary, countsAsInstance } from '@heaptrail/graph';
import { randomSnapshot } from './reference/random-graph.js';

describe('instances', () => {
  it('countsAsInstance() counts nodes with a self size, not size-0 ones', () => {
    const sizes = Float64Array.of(0, 1, 0.5, 0, 4e12);
    expect([0, 1, 2, 3, 4].map((v) => countsAsInstance(sizes, v))).toEqual([false, true, true, false, true]);
  });

  it('classInstances() gives the counted instances of one class, ascending, and no others', () => {
    const b = new SnapshotBuilder();
    const a1 = b.node('A', 10);
    const empty = b.node('A', 0);
    const other = b.node('B', 10);
    const a2 = b.node('A', 20);
    b.root.edge(a1).edge(empty).edge(other).edge(a2);
    const graph = analyze(b.build(), { reattributeShallowSizes: false });
    expect(Array.from(classInstances(graph, graph.classNames.indexOf('A')))).toEqual([a1.ordinal, a2.ordinal]);
    expect(empty.ordinal).toBeLessThan(a2.ordinal);
    expect(classInstances(graph, graph.classNames.length)).toHaveLength(0);
  });

  it('classInstances() keeps every node of a class made only of size-0 nodes', () => {
    const b = new SnapshotBuilder();
    const holders = [b.node('Holder', 0), b.node('Holder', 0)];
    b.root.edge(holders[0]!).edge(b.node('C', 8)).edge(holders[1]!);
    const graph = analyze(b.build(), { reattributeShallowSizes: false });
    expect(Array.from(classInstances(graph, graph.classNames.indexOf('Holder')))).toEqual(holders.map((h) => h.ordinal));
  });

  it('classInstances() agrees with the class summary counts on random graphs (sizes moved to owners included)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const graph = analyze(randomSnapshot(seed));
      for (const row of classSummary(graph)) {
        expect(classInstances(graph, graph.classNames.indexOf(row.className)).length, `seed ${seed} ${row.className}`).toBe(row.count);
      }
    }
  });
});
