import { describe, expect, it } from 'vitest';
import { readSnapshot } from '@heaptrail/parser';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { sliced } from './helpers/fixtures.js';

const NODE_FIELDS_WITH_TRACE = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'];

/** A chain of 20 000 nodes (three of the scanner's 8192-record batches), some with a second, weak edge. */
function chain(traceIdAt: (i: number) => number): SnapshotBuilder {
  const b = new SnapshotBuilder({ nodeFields: NODE_FIELDS_WITH_TRACE });
  let prev = b.root;
  for (let i = 0; i < 20_000; i++) {
    const next = b.node(`N${i % 7}`, 8 + (i % 5), { traceNodeId: traceIdAt(i) });
    prev.edge(next, 'property', 'next');
    if (i % 3 === 0) prev.edge(b.root, 'weak', 'back');
    prev = next;
  }
  return b;
}

describe('derived node columns', () => {
  it('nodes.edgeCount equals the per-node edge counts although only firstEdge is stored', async () => {
    const b = chain(() => 0);
    const parsed = await readSnapshot(sliced(Buffer.from(b.toJSON()), 1024));
    expect(Array.from(parsed.nodes.edgeCount)).toEqual(Array.from(b.build().nodes.edgeCount));
    expect(Object.keys(parsed.nodes)).toContain('edgeCount');
  });

  it('an all-zero trace_node_id field still reads as a column of zeros', async () => {
    const parsed = await readSnapshot(sliced(Buffer.from(chain(() => 0).toJSON()), 4096));
    expect(parsed.nodes.traceNodeId).toBeDefined();
    expect(parsed.nodes.traceNodeId!.length).toBe(parsed.header.nodeCount);
    expect(parsed.nodes.traceNodeId!.every((v) => v === 0)).toBe(true);
  });

  it('trace ids that turn non-zero after many zero batches keep every value', async () => {
    const b = chain((i) => (i >= 15_000 && i % 2 === 0 ? i * 3 : 0));
    const parsed = await readSnapshot(sliced(Buffer.from(b.toJSON()), 777));
    expect(Array.from(parsed.nodes.traceNodeId!)).toEqual(Array.from(b.build().nodes.traceNodeId!));
  });

  it('a snapshot without trace_node_id has no traceNodeId column', async () => {
    const b = new SnapshotBuilder({ nodeFields: ['type', 'name', 'id', 'self_size', 'edge_count', 'detachedness'] });
    b.root.edge(b.node('A', 1), 'property', 'a');
    const parsed = await readSnapshot(sliced(Buffer.from(b.toJSON()), 64));
    expect('traceNodeId' in parsed.nodes).toBe(false);
  });
});
