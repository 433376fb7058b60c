// The worker's numeric work, apart from the thread plumbing so it can be read (and run)
// on its own: the dominator pass with its scratch in shared memory, then (unless the job
// is an analysis without distances) the distance BFS
// in the buffers it leaves, where the one-thread pipeline puts them (finish-analysis.ts),
// with its queue in the slots the dominator children take afterwards; then, when the job
// has the ids, their sort, through slots that are free by then.

import type { CsrGraph } from '../csr-graph.js';
import { distancesFrom } from '../distances.js';
import { computeDominators } from '../dominators.js';
import { distanceParts, freeSlots, sortIdsInSlots } from '../finish-analysis.js';
import type { WorkerJob, WorkerReply, WorkerSetup } from './messages.js';

const shared = (bytes: number) => new SharedArrayBuffer(bytes);

export function runWorkerJob(setup: WorkerSetup, job: WorkerJob, reply: (r: WorkerReply) => void): void {
  const n = setup.nodeCount;
  const graph: CsrGraph = { header: { nodeCount: n }, firstEdge: setup.firstEdge, edges: { toNode: setup.toNode } };
  const dominators = computeDominators(graph, job.nonEssential, job.essentialInDegree, shared);
  reply({ kind: 'dominators', dominator: dominators.dominator, order: dominators.order, scratch: dominators.scratch });
  if (!job.distances) return;
  // The main thread reads what the slots lack room for too: those arrays are shared as well.
  const parts = distanceParts(dominators, job.compact);
  const distances = distancesFrom(graph, job.rules, job.seedEdges, {
    distance: parts.distance ?? new Uint32Array(shared(4 * n)),
    parentEdge: parts.parentEdge ?? new Uint32Array(shared(4 * n)),
    queue: freeSlots(dominators, job.compact, n),
  });
  reply({ kind: 'distances', distance: distances.distance, parentEdge: distances.parentEdge });
  if (job.ids === undefined) return;
  const order = sortIdsInSlots(job.ids, dominators, job.compact, { ids: job.ids, ordinals: new Uint32Array(shared(4 * n)) });
  reply({ kind: 'idOrder', ids: order.ids, ordinals: order.ordinals });
}
