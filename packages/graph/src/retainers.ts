// Reverse adjacency (who points at whom), built as a CSR by count-then-fill (two
// passes over the edges, no per-node lists), on demand: analyze() does not keep one (dominators.ts builds
// a private, smaller index of essential retainers), since at 8 bytes an edge it
// is the largest array a caller would otherwise pay for. Slots of node n are [firstRetainer[n], firstRetainer[n+1]),
// filled in edge order, so a node's retainers appear in ascending source ordinal.

import type { HeapSnapshot } from '@heaptrail/parser';

export interface Retainers {
  /** Length N+1; firstRetainer[N] = E. */
  readonly firstRetainer: Uint32Array;
  /** Per slot: ordinal of the retaining edge. */
  readonly retainerEdge: Uint32Array;
  /** Per slot: ordinal of the retaining (source) node. */
  readonly retainerNode: Uint32Array;
}

export function buildRetainers(snapshot: HeapSnapshot): Retainers {
  const n = snapshot.header.nodeCount;
  const e = snapshot.header.edgeCount;
  const toNode = snapshot.edges.toNode;
  const firstEdge = snapshot.firstEdge;
  const firstRetainer = new Uint32Array(n + 1);
  const retainerEdge = new Uint32Array(e);
  const retainerNode = new Uint32Array(e);

  // Count in-degrees one slot to the right so the prefix sum yields start offsets.
  for (let i = 0; i < e; i++) firstRetainer[toNode[i]! + 1]!++;
  for (let i = 1; i <= n; i++) firstRetainer[i]! += firstRetainer[i - 1]!;

  // Fill using firstRetainer[t] as t's write cursor; afterwards each entry has
  // advanced to the next node's start, so shifting right by one restores it.
  for (let src = 0; src < n; src++) {
    const end = firstEdge[src + 1]!;
    for (let edge = firstEdge[src]!; edge < end; edge++) {
      const slot = firstRetainer[toNode[edge]!]!++;
      retainerEdge[slot] = edge;
      retainerNode[slot] = src;
    }
  }
  firstRetainer.copyWithin(1, 0, n);
  firstRetainer[0] = 0;
  return { firstRetainer, retainerEdge, retainerNode };
}
