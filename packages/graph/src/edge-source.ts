// The source of an edge, found from the CSR edge starts (no reverse index needed).

import type { HeapGraph } from './types.js';

/** Source node of an edge: the node whose CSR range holds it (binary search over `firstEdge`). */
export function edgeSource(graph: HeapGraph, edge: number): number {
  const firstEdge = graph.snapshot.firstEdge;
  let lo = 0;
  let hi = graph.nodeCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (firstEdge[mid]! <= edge) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
