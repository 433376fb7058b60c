// The phases after the dominators, and the graph they make. The retainer slots and the
// two wide buffers of the dominator pass are carved into the later per-node arrays (see
// analyze.ts); both the one-thread and the two-thread pipelines fill them the same way,
// so their results are the same.
//
// Two layouts. When every size fits 32 bits (the raw self sizes sum to at most
// 2^32 - 1, so no re-attributed or retained size can pass it: heaps under 4 GB), each
// wide buffer holds a Uint32 size array in its first half and a distance array in its
// second, and the dominator children (or the worker's BFS queue before them) take the
// first N slots. Otherwise the sizes are Float64 and fill the wide buffers, and the
// distances, the queue and the children take slot parts 0, 1 and 2, allocating what the
// slots lack room for. The compact one is 8 bytes a node smaller, which is what lets the
// retainer slots, fewer than 3 a node on V8 heaps, hold what is left.

import type { HeapSnapshot } from '@heaptrail/parser';
import type { ClassNames } from './class-names.js';
import { computeDistances, type Distances } from './distances.js';
import { buildDominatorChildren } from './dominator-children.js';
import type { Dominators } from './dominators.js';
import type { EdgeRules } from './edge-rules.js';
import type { PhaseReport } from './phase-report.js';
import { computeRetainedSizes } from './retained-sizes.js';
import { sortNodeIds, type NodeIdOrder, type SortBuffers } from './node-id-order.js';
import { reattributeShallowSizes } from './shallow-sizes.js';
import type { TypeIds } from './type-ids.js';
import type { AnalyzeOptions, HeapGraph, SizedGraph } from './types.js';

const MAX_UINT32 = 0xffffffff;

export interface Sizes {
  readonly selfSize: Uint32Array | Float64Array;
  readonly retainedSize: Uint32Array | Float64Array;
}

/** Whether the compact layout applies: the raw self sizes are Uint32 and sum to at most 2^32 - 1. */
export function sizesFitUint32(snapshot: HeapSnapshot): boolean {
  const raw = snapshot.nodes.selfSize;
  if (!(raw instanceof Uint32Array)) return false;
  let total = 0;
  for (let v = 0; v < raw.length; v++) total += raw[v]!;
  return total <= MAX_UINT32;
}

/** The k-th N-long array in the retainer slots, when they are long enough for `length` entries there. */
export function slotPart(dominators: Dominators, k: number, length: number): Uint32Array | undefined {
  const slots = dominators.scratch.slots;
  const n = dominators.dominator.length;
  return slots.length >= k * n + length ? slots.subarray(k * n, k * n + length) : undefined;
}

/** Where the distance BFS writes its results (a part undefined: the slots lack room). */
export function distanceParts(dominators: Dominators, compact: boolean): { distance: Uint32Array | undefined; parentEdge: Uint32Array | undefined } {
  const n = dominators.dominator.length;
  if (!compact) return { distance: slotPart(dominators, 0, n), parentEdge: slotPart(dominators, 1, n) };
  const [wideA, wideB] = dominators.scratch.wide;
  return { distance: wideA && new Uint32Array(wideA, 4 * (n + 1), n), parentEdge: wideB && new Uint32Array(wideB, 4 * (n + 1), n) };
}

/** The slots left free by the distances: for a BFS queue beside the sizes, then the dominator children. */
export function freeSlots(dominators: Dominators, compact: boolean, length: number): Uint32Array | undefined {
  return slotPart(dominators, compact ? 0 : 2, length);
}

/**
 * The nodes sorted by their `ids` (AnalyzeOptions.idOrder) into `into`, passing through the
 * two slot parts after the free ones: free too once the distances are done, until the
 * dominator children take the first.
 */
export function sortIdsInSlots(ids: Uint32Array, dominators: Dominators, compact: boolean, into: SortBuffers = {}): NodeIdOrder {
  const n = ids.length;
  const first = compact ? 0 : 2;
  const [a, b] = [slotPart(dominators, first, n), slotPart(dominators, first + 1, n)];
  return sortNodeIds(ids, a && b ? { ...into, scratch: [a, b] } : into);
}

/**
 * Self sizes (re-attributed into wide buffer A, the owners kept meanwhile in B) and retained
 * sizes (into B), in the first halves when `compact`. Touches no retainer slot and no second
 * half, so distances may fill those at the same time.
 */
export function computeSizes(snapshot: HeapSnapshot, options: AnalyzeOptions, dominators: Dominators, types: TypeIds, compact: boolean): Sizes {
  const n = snapshot.header.nodeCount;
  const [wideA, wideB] = dominators.scratch.wide;
  const sizeArray = (wide: ArrayBufferLike | undefined) => wide && (compact ? new Uint32Array(wide, 0, n) : new Float64Array(wide, 0, n));
  const selfSize =
    options.reattributeShallowSizes === false
      ? snapshot.nodes.selfSize
      : reattributeShallowSizes(snapshot, wideB && new Uint32Array(wideB, 0, n), sizeArray(wideA), types);
  const retainedSize = computeRetainedSizes(selfSize, dominators.dominator, dominators.order, sizeArray(wideB));
  return { selfSize, retainedSize };
}

export interface SizesAnalysed {
  readonly classes: ClassNames;
  readonly dominators: Dominators;
  readonly sizes: Sizes;
  /** The layout the sizes were computed in (sizesFitUint32). */
  readonly compact: boolean;
}

export interface Analysed extends SizesAnalysed {
  readonly distances: Distances;
  /** Sorted by now: its scratch was the slots the dominator children take. */
  readonly idOrder?: NodeIdOrder | undefined;
}

/** The graph, with the distances taken (they must be done: their queue was the preorder). */
export function assembleGraph(snapshot: HeapSnapshot, a: Analysed): HeapGraph {
  const graph = { ...assembleSizedGraph(snapshot, a), distance: a.distances.distance, parentEdge: a.distances.parentEdge };
  return a.idOrder ? { ...graph, idOrder: a.idOrder } : graph;
}

/** The dominator-children CSR (over the preorder and the free slots, both free by now) and the graph without distances. */
export function assembleSizedGraph(snapshot: HeapSnapshot, a: SizesAnalysed): SizedGraph {
  const n = snapshot.header.nodeCount;
  const { dominator, scratch } = a.dominators;
  const children = buildDominatorChildren(dominator, scratch.preorder, freeSlots(a.dominators, a.compact, Math.max(0, n - 1)));
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
  readonly compact: boolean;
}

/** Retained sizes, then distances, on this thread. */
export function finishOnOneThread(snapshot: HeapSnapshot, options: AnalyzeOptions, d: Dominated, report: PhaseReport): HeapGraph {
  const n = snapshot.header.nodeCount;
  const { dominators, types, compact } = d;
  const sizes = report.run('retained sizes', n, () => computeSizes(snapshot, options, dominators, types, compact));
  // `order` is used up: its array serves as the BFS queue, then as the children starts.
  const distances = report.run('distances', n, () =>
    computeDistances(snapshot, d.rules, { queue: dominators.scratch.preorder, ...distanceParts(dominators, compact) }, types),
  );
  const idOrder = options.idOrder === true ? sortIdsInSlots(snapshot.nodes.id, dominators, compact) : undefined;
  return assembleGraph(snapshot, { classes: d.classes, dominators, distances, sizes, compact, idOrder });
}
