// The part of a snapshot the numeric passes (dominators, distances) read: the CSR edge
// starts and targets. A worker thread is handed only these, over shared memory.

import type { EdgeColumns, SnapshotHeader } from '@heaptrail/parser';

export interface CsrGraph {
  readonly header: Pick<SnapshotHeader, 'nodeCount'>;
  readonly firstEdge: Uint32Array;
  readonly edges: Pick<EdgeColumns, 'toNode'>;
}
