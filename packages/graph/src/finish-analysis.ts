// The phases after the dominators, and the graph they make. The retainer slots (one per
// essential edge, about 3 per node on real heaps) and the two wide buffers of the dominator
// pass are carved into the later per-node arrays (see analyze.ts); both the one-thread and
// the two-thread pipelines fill them the same way, so their results are the same.

import type { HeapSnapshot } from '@heaptrail/parser';
import type { ClassNames } from './class-names.js';
import { computeDistances, type Distances } from './distances.js';
import { buildDominatorChildren } from './dominator-children.js';
import type { Dominators } from './dominators.js';
import type { EdgeRules } from './edge-rules.js';
import type { PhaseReport } from './phase-report.js';
import { computeRetainedSizes } from './retained-sizes.js';
import { reattributeShallowSizes } from './shallow-sizes.js';
import type { TypeIds } from './type-ids.js';
import type { AnalyzeOptions, HeapGraph, SizedGraph } from './types.js';

export interface Sizes {
  readonly selfSize: Uint32Array | Float64Array;
  readonly retainedSize: Float64Array;
}

/** The k-th N-long array in the retainer slots, when they are long enough for `length` entries there. */
export function slotPart(dominators: Dominators, k: number, length: number): Uint32Array | undefined {
  const slots = dominators.scratch.slots;
  const n = dominators.dominator.length;
  return slots.length >= k * n + length ? slots.subarray(k * n, k * n + length) : undefined;
}

/**
 * Self sizes (re-attributed into wide buffer A, the owners kept meanwhile in B) and retained
 * sizes (into B). Touches no retainer slot, so distances may fill those at the same time.
 */
export function computeSizes(snapshot: HeapSnapshot, options: AnalyzeOptions, dominators: Dominators, types: TypeIds): Sizes {
  const n = snapshot.header.nodeCount;
  const [wideA, wideB] = dominators.scratch.wide;
  const selfSize =
    options.reattributeShallowSizes === false
      ? snapshot.nodes.selfSize
      : reattributeShallowSizes(snapshot, wideB && new Uint32Array(wideB, 0, n), wideA && new Float64Array(wideA, 0, n), types);
  const retainedSize = computeRetainedSizes(selfSize, dominators.dominator, dominators.order, wideB && new Float64Array(wideB, 0, n));
  return { selfSize, retainedSize };
}

export interface SizesAnalysed {
  readonly classes: ClassNames;
  readonly dominators: Dominators;
  readonly sizes: Sizes;
}

export interface Analysed extends SizesAnalysed {
  readonly distances: Distances;
}

/** The graph, with the distances taken (they must be done: their queue was the preorder). */
export function assembleGraph(snapshot: HeapSnapshot, a: Analysed): HeapGraph {
  return { ...assembleSizedGraph(snapshot, a), distance: a.distances.distance, parentEdge: a.distances.parentEdge };
}

/** The dominator-children CSR (over the preorder and the third slot part, both free by now) and the graph without distances. */
export function assembleSizedGraph(snapshot: HeapSnapshot, a: SizesAnalysed): SizedGraph {
  const n = snapshot.header.nodeCount;
  const { dominator, scratch } = a.dominators;
  const children = buildDominatorChildren(dominator, scratch.preorder, slotPart(a.dominators, 2, Math.max(0, n - 1)));
  return {
    snapshot,
    nodeCount: n,
    edgeCount: snapshot.header.edgeCount,
    classOf: a.classes.classOf,
    classNames: a.classes.names,
    dominator,
    firstDominatorChild: children.firstDominatorChild,
    dominatorChildren: children.dominatorChildren,
    selfSize: a.sizes.selfSize,
    retainedSize: a.sizes.retainedSize,
    totalSize: (n > 0 ? a.sizes.retainedSize[0]! : 0) + (snapshot.header.extraNativeBytes ?? 0),
  };
}

export interface Dominated {
  readonly types: TypeIds;
  readonly classes: ClassNames;
  readonly rules: EdgeRules;
  readonly dominators: Dominators;
}

/** Retained sizes, then distances, on this thread. */
export function finishOnOneThread(snapshot: HeapSnapshot, options: AnalyzeOptions, d: Dominated, report: PhaseReport): HeapGraph {
  const n = snapshot.header.nodeCount;
  const { dominators, types } = d;
  const sizes = report.run('retained sizes', n, () => computeSizes(snapshot, options, dominators, types));
  // `order` is used up: its array serves as the BFS queue, then as the children starts.
  const distances = report.run('distances', n, () =>
    computeDistances(snapshot, d.rules, { queue: dominators.scratch.preorder, distance: slotPart(dominators, 0, n), parentEdge: slotPart(dominators, 1, n) }, types),
  );
  return assembleGraph(snapshot, { classes: d.classes, dominators, distances, sizes });
}
