import { describe, expect, it } from 'vitest';
import { analyze } from '@heaptrail/graph';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { estimateMemory } from '../src/graph-memory.js';

describe('estimateMemory', () => {
  it('counts each ArrayBuffer once, however many views share it', () => {
    const buffer = new ArrayBuffer(1000);
    const a = new Uint32Array(buffer, 0, 10);
    const b = new Float64Array(buffer, 80, 10);
    expect(estimateMemory({ a, b, nested: { again: a } })).toBe(1000);
    expect(estimateMemory({ a, other: new Uint8Array(24) })).toBe(1024);
  });

  it('counts strings at two bytes a character, and typed arrays inside arrays and class fields', () => {
    class Table {
      private readonly blocks = [new Uint8Array(100), new Uint8Array(50)];
      size() {
        return this.blocks.length;
      }
    }
    expect(estimateMemory({ names: ['abc', 'de'], table: new Table() })).toBe(10 + 150);
  });

  it('covers an analysed graph: at least its node and edge columns and per-node results', () => {
    const b = new SnapshotBuilder();
    let prev = b.root;
    for (let i = 0; i < 1000; i++) {
      const n = b.node(`N${i % 7}`, 16);
      prev.edge(n, 'property', 'next');
      prev = n;
    }
    const graph = analyze(b.build());
    const n = graph.nodeCount;
    // ids, names (4 bytes), self sizes (8), retained sizes (8), dominators (4), classes (4), distances (4), first edges (4).
    const lowerBound = n * (4 + 4 + 8 + 8 + 4 + 4 + 4 + 4) + graph.edgeCount * (4 + 4);
    const bytes = estimateMemory(graph);
    expect(bytes).toBeGreaterThanOrEqual(lowerBound);
    expect(bytes).toBeLessThan(lowerBound * 20);
  });
});
