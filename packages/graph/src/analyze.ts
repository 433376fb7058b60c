// The analysis pipeline as named phases (docs/DESIGN.md, Pipeline): classes → dominators →
// retained sizes → distances. Each phase reports its start (done = 0) and end
// (done = total). The edge rules serve dominators and distances; they are computed
// in the dominators phase, which needs them first. `analyzeSizes` stops before the
// distances: a class table (counts, shallow and retained sizes) does not read them,
// and they cost a BFS over every edge.
//
// Memory on large snapshots: the peak is the dominator pass, so it runs before any
// other per-node result but the classes exists. Its scratch (two N×8-byte buffers,
// the preorder, the retainer slots) is then filled by the later phases — self sizes,
// retained sizes, distances, the BFS queue, the dominator-children CSR — instead of
// allocating fresh arrays while the old ones await collection (finish-analysis.ts).
//
// With a second thread (parallel/two-threads.ts) the dominators run on a worker while
// this thread names the classes, and the distances follow them there while this thread
// sums the sizes: the same phases into the same buffers, so the same arrays.

import type { HeapSnapshot } from '@heaptrail/parser';
import { computeClassNames } from './class-names.js';
import { computeDominators } from './dominators.js';
import { computeEdgeRules } from './edge-rules.js';
import { assembleSizedGraph, computeSizes, finishOnOneThread, sizesFitUint32, type Dominated } from './finish-analysis.js';
import { startAnalysisThread } from './parallel/start-thread.js';
import { analyzeOnTwoThreads, analyzeSizesOnTwoThreads } from './parallel/two-threads.js';
import { phaseReport, type PhaseReport } from './phase-report.js';
import { typeIds } from './type-ids.js';
import type { AnalyzeOptions, AnalyzeSizesOptions, HeapGraph, SizedGraph } from './types.js';

/** Every phase: what paths, distances and the views of one snapshot need. */
export function analyze(snapshot: HeapSnapshot, options: AnalyzeOptions = {}): HeapGraph {
  const report = phaseReport(options.onProgress);
  // Large snapshots whose edges the parser shared: some phases run beside the dominators (parallel/).
  const thread = startAnalysisThread(snapshot, options);
  if (thread !== undefined) return analyzeOnTwoThreads(snapshot, options, thread, report);
  return finishOnOneThread(snapshot, options, dominate(snapshot, options, report), report);
}

/** The phases but the distances: classes, dominators, self and retained sizes (the dominators on a worker as in analyze). */
export function analyzeSizes(snapshot: HeapSnapshot, options: AnalyzeSizesOptions = {}): SizedGraph {
  const report = phaseReport(options.onProgress);
  const thread = startAnalysisThread(snapshot, options);
  if (thread !== undefined) return analyzeSizesOnTwoThreads(snapshot, options, thread, report);
  const d = dominate(snapshot, options, report);
  const sizes = report.run('retained sizes', snapshot.header.nodeCount, () => computeSizes(snapshot, options, d.dominators, d.types, d.compact));
  return assembleSizedGraph(snapshot, { classes: d.classes, dominators: d.dominators, sizes, compact: d.compact });
}

/** Classes, then the edge rules and the dominators, on this thread. */
function dominate(snapshot: HeapSnapshot, options: AnalyzeOptions, report: PhaseReport): Dominated {
  const n = snapshot.header.nodeCount;
  const types = typeIds(snapshot);
  const classes = report.run('classes', n, () => computeClassNames(snapshot));
  const { rules, dominators } = report.run('dominators', n, () => {
    const essentialInDegree = new Uint32Array(n + 1);
    const rules = computeEdgeRules(snapshot, {
      essentialInDegree,
      types,
      ...(options.pageOwnedRule === false ? { pageOwnedRule: false } : {}),
    });
    return { rules, dominators: computeDominators(snapshot, rules.nonEssential, essentialInDegree) };
  });
  return { types, classes, rules, dominators, compact: sizesFitUint32(snapshot) };
}
