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
// allocating fresh arrays while the old ones await collection.

import type { HeapSnapshot } from '@heaptrail/parser';
import { computeClassNames } from './class-names.js';
import { computeDistances } from './distances.js';
import { buildDominatorChildren } from './dominator-children.js';
import { computeDominators } from './dominators.js';
import { computeEdgeRules } from './edge-rules.js';
import { computeRetainedSizes } from './retained-sizes.js';
import { reattributeShallowSizes } from './shallow-sizes.js';
import { typeIds } from './type-ids.js';
import type { Distances } from './distances.js';
import type { AnalyzeOptions, AnalyzePhase, HeapGraph, SizedGraph } from './types.js';

/** Every phase: what paths, distances and the views of one snapshot need. */
export function analyze(snapshot: HeapSnapshot, options: AnalyzeOptions = {}): HeapGraph {
  const { graph, distances } = runPhases(snapshot, options, true);
  return { ...graph, distance: distances!.distance, parentEdge: distances!.parentEdge };
}

/** The phases but the distances: classes, dominators, self and retained sizes. */
export function analyzeSizes(snapshot: HeapSnapshot, options: AnalyzeOptions = {}): SizedGraph {
  return runPhases(snapshot, options, false).graph;
}

function runPhases(snapshot: HeapSnapshot, options: AnalyzeOptions, withDistances: boolean): { graph: SizedGraph; distances: Distances | undefined } {
  const n = snapshot.header.nodeCount;
  const e = snapshot.header.edgeCount;
  const report = options.onProgress;
  const phase = <T>(name: AnalyzePhase, total: number, run: () => T): T => {
    report?.(name, 0, total);
    const result = run();
    report?.(name, total, total);
    return result;
  };

  const types = typeIds(snapshot);
  const classes = phase('classes', n, () => computeClassNames(snapshot));
  const { rules, dominators } = phase('dominators', n, () => {
    const essentialInDegree = new Uint32Array(n + 1);
    const rules = computeEdgeRules(snapshot, {
      essentialInDegree,
      types,
      ...(options.pageOwnedRule === false ? { pageOwnedRule: false } : {}),
    });
    return { rules, dominators: computeDominators(snapshot, rules.nonEssential, essentialInDegree) };
  });
  const { dominator, order, scratch } = dominators;
  // The retainer slots (one per essential edge) are carved into N-long arrays while they last.
  const slots = scratch.slots;
  const part = (k: number, length: number): Uint32Array | undefined =>
    slots.length >= k * n + length ? slots.subarray(k * n, k * n + length) : undefined;
  const [wideA, wideB] = scratch.wide;

  const sizes = phase('retained sizes', n, () => {
    const selfSize =
      options.reattributeShallowSizes === false
        ? snapshot.nodes.selfSize
        : reattributeShallowSizes(snapshot, part(0, n), wideA && new Float64Array(wideA, 0, n), types);
    const retainedSize = computeRetainedSizes(selfSize, dominator, order, wideB && new Float64Array(wideB, 0, n));
    return { selfSize, retainedSize };
  });
  // `order` is used up: its array serves as the BFS queue, then as the children starts.
  const distances = withDistances
    ? phase('distances', n, () => computeDistances(snapshot, rules, { queue: scratch.preorder, distance: part(0, n), parentEdge: part(1, n) }, types))
    : undefined;
  const children = buildDominatorChildren(dominator, scratch.preorder, part(2, Math.max(0, n - 1)));

  const graph: SizedGraph = {
    snapshot,
    nodeCount: n,
    edgeCount: e,
    classOf: classes.classOf,
    classNames: classes.names,
    dominator,
    firstDominatorChild: children.firstDominatorChild,
    dominatorChildren: children.dominatorChildren,
    selfSize: sizes.selfSize,
    retainedSize: sizes.retainedSize,
    totalSize: (n > 0 ? sizes.retainedSize[0]! : 0) + (snapshot.header.extraNativeBytes ?? 0),
  };
  return { graph, distances };
}
