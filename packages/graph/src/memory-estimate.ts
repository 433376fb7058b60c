// What analyze() adds to the parsed snapshot at its peak (the dominator pass; the later
// phases fill its scratch instead of allocating), for the parser's memory preflight:
//   per node: class ids 4 B, essential in-degrees 4, two 8-byte scratch buffers 16, the
//     preorder 4, page-owned flags 1, virtual-root bits 1/8, the DOM-state pass 2;
//   per edge: a retainer slot 4 (one per essential edge into a node with two or more: an
//     upper bound, since on V8 heaps most nodes have one) and the three edge-rule bit sets 3/8.
// When the sizes fit 32 bits (heaps under 4 GB) the distances lie in the halves of the
// scratch buffers the sizes leave, and the dominator-tree CSR in the first N slots; past
// that they need 3 N slots, and a graph with fewer allocates up to 12 B a node more for
// them, after the dominator pass has let its temporaries go.
// Checked against peak RSS of readSnapshot + analyze on generated snapshots (scripts/bench's
// heap builder): 103 MB file, 1.42 M nodes, 4.36 M edges: estimate 205 MB, measured 202-204;
// 309 MB, 4.26 M nodes, 12.9 M edges: estimate 478 MB, measured 476-478.

import { estimateSnapshotBytes, type SnapshotHeader, type WorkBytes } from '@heaptrail/parser';

export const ANALYSIS_WORK_BYTES: WorkBytes = { perNode: 4 + 4 + 16 + 4 + 1 + 1 / 8 + 2, perEdge: 4 + 3 / 8 };

/** Peak bytes to parse and analyze a snapshot with this header (`fileBytes`: a plain file's size, if known). */
export function estimateAnalysisBytes(header: SnapshotHeader, fileBytes?: number): number {
  return estimateSnapshotBytes(header, fileBytes, ANALYSIS_WORK_BYTES);
}
