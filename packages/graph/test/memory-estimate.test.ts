import { describe, expect, it } from 'vitest';
import { estimateSnapshotBytes } from '@heaptrail/parser';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { analyze, ANALYSIS_WORK_BYTES, estimateAnalysisBytes, type HeapGraph } from '@heaptrail/graph';
import { randomSnapshot } from './reference/random-graph.js';

/** Bytes of the distinct buffers behind the graph's own arrays (not the snapshot's). */
function graphBytes(graph: HeapGraph): number {
  const own = new Set<ArrayBufferLike>();
  const snapshotBuffers = new Set<ArrayBufferLike>([graph.snapshot.nodes.selfSize.buffer]);
  for (const a of [graph.classOf, graph.distance, graph.parentEdge, graph.dominator, graph.firstDominatorChild, graph.dominatorChildren, graph.selfSize, graph.retainedSize]) {
    if (!snapshotBuffers.has(a.buffer)) own.add(a.buffer);
  }
  let bytes = 0;
  for (const b of own) bytes += b.byteLength;
  return bytes;
}

describe('estimateAnalysisBytes()', () => {
  it('is the parse estimate plus the analysis bytes per node and per edge', () => {
    const s = randomSnapshot(3);
    const { nodeCount: n, edgeCount: e } = s.header;
    expect(estimateAnalysisBytes(s.header, 1e6)).toBeCloseTo(estimateSnapshotBytes(s.header, 1e6) + n * ANALYSIS_WORK_BYTES.perNode + e * ANALYSIS_WORK_BYTES.perEdge, 6);
  });

  it('is not below the arrays the analysis keeps, on graphs as dense as V8 heaps (a sanity bound: the transients of the dominator pass are counted too)', () => {
    for (const perNode of [3, 4, 6]) {
      // V8 heaps have 3 to 5 edges a node; sparser graphs may take up to 12 B a node more (see memory-estimate.ts).
      const b = new SnapshotBuilder();
      const nodes = Array.from({ length: 3000 }, (_, i) => b.node(`C${i % 7}`, 16 + (i % 5)));
      for (let i = 0; i < 10; i++) b.root.edge(nodes[i * 97]!, 'shortcut', `g${i}`);
      nodes.forEach((node, i) => {
        for (let k = 1; k <= perNode; k++) node.edge(nodes[(i * 7919 + k * 104729) % nodes.length]!, k === perNode ? 'weak' : 'property', `p${k}`);
      });
      const s = b.build();
      const { nodeCount: n, edgeCount: e } = s.header;
      // 16 bytes of slack per buffer: the CSR and scratch arrays are N+1 long.
      expect(graphBytes(analyze(s)), `${perNode} edges a node`).toBeLessThanOrEqual(n * ANALYSIS_WORK_BYTES.perNode + e * ANALYSIS_WORK_BYTES.perEdge + 6 * 16);
    }
  });
});
