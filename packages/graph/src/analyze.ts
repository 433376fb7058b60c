// The analysis pipeline as named phases (docs/DESIGN.md, Pipeline): classes → dominators →
// retained sizes → distances. Each phase reports its start (done = 0) and end
// (done = total). The edge rules serve dominators and distances; they are computed
// in the dominators phase, which needs them first.
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
import { finishOnOneThread } from './finish-analysis.js';
import { startAnalysisThread } from './parallel/start-thread.js';
import { analyzeOnTwoThreads } from './parallel/two-threads.js';
import { phaseReport } from './phase-report.js';
import { typeIds } from './type-ids.js';
import type { AnalyzeOptions, HeapGraph } from './types.js';

export function analyze(snapshot: HeapSnapshot, options: AnalyzeOptions = {}): HeapGraph {
  const n = snapshot.header.nodeCount;
  const report = phaseReport(options.onProgress);
  // Large snapshots whose edges the parser shared: some phases run beside the dominators (parallel/).
  const thread = startAnalysisThread(snapshot, options);
  if (thread !== undefined) return analyzeOnTwoThreads(snapshot, options, thread, report);

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
  return finishOnOneThread(snapshot, options, { types, classes, rules, dominators }, report);
}
