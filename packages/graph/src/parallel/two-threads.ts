// The analysis on two threads. What depends on what:
//
//   edge rules ──→ dominators ──→ retained sizes ──→ dominator children
//       │              (slots freed) ──→ distances ──↗
//   class names (read strings)       shallow sizes ──↗ (before retained sizes)
//
// Strings are JS objects, which cannot be shared, so whatever reads names stays here:
// the edge rules (a few names decide them), the class names, the user roots that seed
// the BFS, the shallow-size owners. The worker gets the purely numeric passes over the
// shared edges: the dominators, run while this thread names the classes, then the
// distances, run while this thread moves shallow sizes and sums retained sizes. The
// buffers are the one-thread pipeline's (finish-analysis.ts), so the memory peak stays
// the dominator pass's and every array comes out the same; only the scratch that the
// worker makes is shared memory. An analysis without distances (analyzeSizes, a series'
// snapshot before the last) is the same but for the distances: the worker stops after the
// dominators. Asked for the id order (a diff's last snapshot), the worker sorts the ids
// after the distances, while this thread is still busy with `beside` (the path search).
//
// This thread blocks on the control words (control.ts) while it waits, so analyze()
// stays synchronous. When the worker has not claimed its job by the time this thread
// needs it, or it fails, this thread runs what is left itself. (A worker killed outright
// after its claim, not by an exception, would leave this thread waiting; its job keeps
// its arrays outside the JS heap, so running out of heap there is not the way.)

import { receiveMessageOnPort } from 'node:worker_threads';
import { resize, type HeapSnapshot } from '@heaptrail/parser';
import { computeClassNames } from '../class-names.js';
import { distancesFrom, userRootEdges, type Distances } from '../distances.js';
import { computeDominators, type Dominators } from '../dominators.js';
import { computeEdgeRules } from '../edge-rules.js';
import { assembleGraph, assembleSizedGraph, computeSizes, distanceParts, finishOnOneThread, freeSlots, sizesFitUint32, sortIdsInSlots } from '../finish-analysis.js';
import type { NodeIdOrder } from '../node-id-order.js';
import type { PhaseReport } from '../phase-report.js';
import { typeIds } from '../type-ids.js';
import type { AnalyzeOptions, AnalyzeSizesOptions, ClassedGraph, HeapGraph, SizedGraph } from '../types.js';
import { awaitReplies, workerHasJob } from './control.js';
import type { WorkerJob, WorkerReply } from './messages.js';
import type { AnalysisThread } from './start-thread.js';

export function analyzeOnTwoThreads(snapshot: HeapSnapshot, options: AnalyzeOptions, thread: AnalysisThread, report: PhaseReport): HeapGraph {
  try {
    const { partial, dominated, onWorker } = dominate(snapshot, options, thread, report, true);
    if (!onWorker) return Object.assign(partial, finishOnOneThread(snapshot, options, dominated, report));
    const n = snapshot.header.nodeCount;
    const { dominators, types, compact, rules } = dominated;
    report.start('distances', n);
    const sizes = report.run('retained sizes', n, () => computeSizes(snapshot, options, dominators, types, compact));
    const distances =
      awaitReply(thread, 2, 'distances') ??
      distancesFrom(snapshot, rules, userRootEdges(snapshot, types), { ...distanceParts(dominators, compact), queue: freeSlots(dominators, compact, n) });
    report.end('distances', n);
    // Before the dominator children, which take the slots the sort passes through.
    const idOrder = options.idOrder === true ? (awaitReply(thread, 3, 'idOrder') ?? sortIdsInSlots(snapshot.nodes.id, dominators, compact)) : undefined;
    return Object.assign(partial, assembleGraph(snapshot, { classes: dominated.classes, dominators, distances, sizes, compact, idOrder }));
  } finally {
    thread.stop();
  }
}

/**
 * analyzeSizes on two threads: the dominators on the worker while this thread names the
 * classes, then the sizes here; no distances, so the worker stops after the dominators.
 */
export function analyzeSizesOnTwoThreads(snapshot: HeapSnapshot, options: AnalyzeSizesOptions, thread: AnalysisThread, report: PhaseReport): SizedGraph {
  try {
    const { beside, ...rest } = options;
    const { dominated: d } = dominate(snapshot, rest, thread, report, false, beside);
    const sizes = report.run('retained sizes', snapshot.header.nodeCount, () => computeSizes(snapshot, options, d.dominators, d.types, d.compact));
    return assembleSizedGraph(snapshot, { classes: d.classes, dominators: d.dominators, sizes, compact: d.compact });
  } finally {
    thread.stop();
  }
}

/**
 * The edge rules, then the dominators on the worker while this thread names the classes
 * (and runs `beside`, for a full analysis); `onWorker` false when this thread had to
 * compute the dominators itself (the worker had not claimed the job, or failed).
 */
function dominate(snapshot: HeapSnapshot, options: AnalyzeOptions, thread: AnalysisThread, report: PhaseReport, distances: boolean, besideSizes?: (graph: ClassedGraph) => void) {
  const n = snapshot.header.nodeCount;
  const { control } = thread.setup;
  const types = typeIds(snapshot);
  report.start('dominators', n);
  const essentialInDegree = new Uint32Array(new SharedArrayBuffer(4 * (n + 1)));
  const rules = computeEdgeRules(snapshot, {
    essentialInDegree,
    types,
    shared: true,
    ...(options.pageOwnedRule === false ? { pageOwnedRule: false } : {}),
  });
  const { nonEssential, distanceSkip, ephemeron, ephemeronEdges, ephemeronPair, ephemeronPairCount } = rules;
  const compact = sizesFitUint32(snapshot);
  const job: WorkerJob = {
    nonEssential,
    essentialInDegree,
    rules: { distanceSkip, ephemeron, ephemeronEdges, ephemeronPair, ephemeronPairCount },
    // Deciding them reads names; a job without distances needs none.
    seedEdges: distances ? userRootEdges(snapshot, types) : new Uint32Array(0),
    compact,
    distances,
    // Copied, as the parser's node columns are not shared; the sort then needs no other array of ids.
    ...(distances && options.idOrder === true ? { ids: resize(snapshot.nodes.id, new Uint32Array(new SharedArrayBuffer(4 * n))) } : {}),
  };
  thread.post(job);

  const classes = report.run('classes', n, () => computeClassNames(snapshot));
  const onWorker = workerHasJob(control, thread.options.waitForClaim === true);
  thread.options.onJob?.(onWorker ? 'worker' : 'main');
  // The graph analyze() returns, made now so that what `beside` memoizes on it holds.
  const partial = { snapshot, nodeCount: n, edgeCount: snapshot.header.edgeCount, classOf: classes.classOf, classNames: classes.names };
  if (onWorker) {
    if (distances) options.beside?.(partial as HeapGraph);
    else besideSizes?.(partial);
  }
  const reply = onWorker ? awaitReply(thread, 1, 'dominators') : undefined;
  // The worker may have taken the in-degrees over before failing: they are counted again then.
  const dominators: Dominators = reply ?? computeDominators(snapshot, nonEssential, onWorker ? undefined : essentialInDegree);
  report.end('dominators', n);
  return { partial, dominated: { types, classes, rules, dominators, compact }, onWorker: reply !== undefined };
}

type Reply<K extends WorkerReply['kind']> = Omit<Extract<WorkerReply, { kind: K }>, 'kind'>;

/** The worker's `count`-th reply when it is of `kind`; undefined when the worker failed. */
function awaitReply(thread: AnalysisThread, count: 1, kind: 'dominators'): Reply<'dominators'> | undefined;
function awaitReply(thread: AnalysisThread, count: 2, kind: 'distances'): Distances | undefined;
function awaitReply(thread: AnalysisThread, count: 3, kind: 'idOrder'): NodeIdOrder | undefined;
function awaitReply(thread: AnalysisThread, count: number, kind: WorkerReply['kind']): unknown {
  const ok = awaitReplies(thread.setup.control, count);
  // Replies are posted before they are counted: each one waits on the port by now.
  let message: WorkerReply | undefined;
  for (let m = receiveMessageOnPort(thread.port); m !== undefined; m = receiveMessageOnPort(thread.port)) {
    message = m.message as WorkerReply;
    if (message.kind === kind || message.kind === 'failed') break;
  }
  return ok && message?.kind === kind ? message : undefined;
}
