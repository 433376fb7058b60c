// The worker's numeric work, apart from the thread plumbing so it can be read (and run)
// on its own: the dominator pass with its scratch in shared memory, then the distance BFS
// in the retainer slots it leaves (parts 0 and 1 for the results, 2 for the queue), as
// the one-thread pipeline does.

import type { CsrGraph } from '../csr-graph.js';
import { distancesFrom } from '../distances.js';
import { computeDominators } from '../dominators.js';
import { slotPart } from '../finish-analysis.js';
import type { WorkerJob, WorkerReply, WorkerSetup } from './messages.js';

const shared = (bytes: number) => new SharedArrayBuffer(bytes);

export function runWorkerJob(setup: WorkerSetup, job: WorkerJob, reply: (r: WorkerReply) => void): void {
  const n = setup.nodeCount;
  const graph: CsrGraph = { header: { nodeCount: n }, firstEdge: setup.firstEdge, edges: { toNode: setup.toNode } };
  const dominators = computeDominators(graph, job.nonEssential, job.essentialInDegree, shared);
  reply({ kind: 'dominators', dominator: dominators.dominator, order: dominators.order, scratch: dominators.scratch });
  // The main thread reads what it lacks room for in the slots too: those arrays are shared as well.
  const part = (k: number) => slotPart(dominators, k, n) ?? new Uint32Array(shared(4 * n));
  const distances = distancesFrom(graph, job.rules, job.seedEdges, { distance: part(0), parentEdge: part(1), queue: slotPart(dominators, 2, n) });
  reply({ kind: 'distances', distance: distances.distance, parentEdge: distances.parentEdge });
}
