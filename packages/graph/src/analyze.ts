// The analysis pipeline as named phases (STYLE.md habit 11): retainers → classes →
// distances → dominators → retained sizes. Each phase reports its start (done = 0)
// and end (done = total). Scratch arrays go out of scope as soon as the next phase
// no longer needs them, to keep the peak low on large snapshots.

import type { HeapSnapshot } from '@heaptrail/parser';
import { computeClassNames } from './class-names.js';
import { computeDistances } from './distances.js';
import { buildDominatorChildren } from './dominator-children.js';
import { computeDominators, type Dominators } from './dominators.js';
import { computeEdgeRules, type EdgeRules } from './edge-rules.js';
import { computeRetainedSizes } from './retained-sizes.js';
import { buildRetainers } from './retainers.js';
import { reattributeShallowSizes } from './shallow-sizes.js';
import type { AnalyzeOptions, AnalyzePhase, HeapGraph } from './types.js';

export function analyze(snapshot: HeapSnapshot, options: AnalyzeOptions = {}): HeapGraph {
  const n = snapshot.header.nodeCount;
  const e = snapshot.header.edgeCount;
  const report = options.onProgress;
  const phase = <T>(name: AnalyzePhase, total: number, run: () => T): T => {
    report?.(name, 0, total);
    const result = run();
    report?.(name, total, total);
    return result;
  };

  const retainers = phase('retainers', e, () => buildRetainers(snapshot));
  const classes = phase('classes', n, () => computeClassNames(snapshot));
  // The edge rules serve both distances and dominators; they are computed with distances.
  let rules: EdgeRules | undefined;
  const distances = phase('distances', n, () => {
    rules = computeEdgeRules(snapshot, options.pageOwnedRule === false ? { pageOwnedRule: false } : {});
    return computeDistances(snapshot, rules);
  });
  let dominators: Dominators | undefined = phase('dominators', n, () =>
    computeDominators(snapshot, retainers, rules!.nonEssential),
  );
  rules = undefined;
  const dominator = dominators.dominator;
  const { sizes, children } = phase('retained sizes', n, () => {
    const selfSize =
      options.reattributeShallowSizes === false ? snapshot.nodes.selfSize : reattributeShallowSizes(snapshot);
    const retainedSize = computeRetainedSizes(selfSize, dominator, dominators!.order);
    // The DFS order is done with: drop it before the children CSR is allocated.
    dominators = undefined;
    return { sizes: { selfSize, retainedSize }, children: buildDominatorChildren(dominator) };
  });

  return {
    snapshot,
    nodeCount: n,
    edgeCount: e,
    firstRetainer: retainers.firstRetainer,
    retainerEdge: retainers.retainerEdge,
    retainerNode: retainers.retainerNode,
    classOf: classes.classOf,
    classNames: classes.names,
    distance: distances.distance,
    parentEdge: distances.parentEdge,
    dominator,
    firstDominatorChild: children.firstDominatorChild,
    dominatorChildren: children.dominatorChildren,
    selfSize: sizes.selfSize,
    retainedSize: sizes.retainedSize,
    totalSize: (n > 0 ? sizes.retainedSize[0]! : 0) + (snapshot.header.extraNativeBytes ?? 0),
  };
}
