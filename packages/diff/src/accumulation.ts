// The accumulation point of a growing class (the idea of Eclipse MAT's leak suspects):
// the one object under which the new instances pile up, so the first line of a report
// can name the thing to fix: `sessions` (Array, 1,000 → 4,000).
//
// It is the deepest node of the dominator tree whose subtree holds most of the
// instances: at least 80%, or else more than half (only one child can hold more than
// half); the first instance on the way down ends the search (a chain's head). A backing store found there (an Array's elements, a Map's table) stands for
// the collection that owns it. None when the instances are spread over holders, or
// when only the root holds them all.

import { collectionSizer, dominatedCounts, pathText, sparseDominatedCounts, retainingPath, type CollectionSizer, type HeapGraph, type RetainingPathOptions, type SizedGraph } from '@heaptrail/graph';
import { findId } from './id-table.js';
import type { AccumulationPoint } from './types.js';

const SHARES = [0.8, 0.5000001] as const;

/** Ids and sizes of the collections of one snapshot that hold at least this many members. */
export const MIN_TRACKED_MEMBERS = 16;

export interface AccumulationContext {
  readonly graph: HeapGraph;
  /** All zero between calls (dominatedCounts' scratch). */
  readonly counts: Uint32Array;
  readonly pending: Uint32Array;
  /** All zero between calls: set for the targets of one call. */
  readonly marks: Uint8Array;
  readonly sizer: CollectionSizer;
  /** The path choice of the diff, for the point's path. */
  readonly pathOptions: RetainingPathOptions;
}

export function accumulationContext(graph: HeapGraph, pathOptions: RetainingPathOptions = {}): AccumulationContext {
  const n = graph.nodeCount;
  return { graph, counts: new Uint32Array(n), pending: new Uint32Array(n), marks: new Uint8Array(n), sizer: collectionSizer(graph), pathOptions };
}

/**
 * The accumulation point of `targets` in `ctx.graph`; `earlierSizes` are the collection
 * sizes recorded in the snapshots before, by object id, for the growth of its size.
 */
export function findAccumulationPoint(ctx: AccumulationContext, targets: ArrayLike<number>, earlierSizes: readonly ReadonlyMap<number, number>[]): AccumulationPoint | null {
  const { graph } = ctx;
  if (targets.length === 0) return null;
  const counts = ctx.counts;
  const counted = dominatedCounts(graph, targets, counts, ctx.pending);
  const isTarget = ctx.marks;
  for (let i = 0; i < targets.length; i++) isTarget[targets[i]!] = 1;
  const v = deepest(graph, (c) => counts[c]!, (c) => isTarget[c] === 1, targets.length);
  for (let i = 0; i < targets.length; i++) isTarget[targets[i]!] = 0;
  const holds = v > 0 ? counts[v]! : 0;
  for (let i = 0; i < counted.length; i++) counts[counted[i]!] = 0;
  return v > 0 ? pointAt(graph, ctx.sizer, ctx.pathOptions, v, holds, targets.length, earlierSizes) : null;
}

/**
 * The same point for one set of targets, with its counts kept in a hash table over the targets'
 * dominator ancestors only: for a single question on a large heap (a post-mortem's
 * suspect), where arrays over every node would outweigh the answer.
 */
export function findAccumulationPointOnce(graph: HeapGraph, targets: ArrayLike<number>, pathOptions: RetainingPathOptions = {}): AccumulationPoint | null {
  if (targets.length === 0) return null;
  const counts = sparseDominatedCounts(graph, targets);
  const sorted = Uint32Array.from(targets).sort();
  const v = deepest(graph, (c) => counts.count(c), (c) => findId(sorted, c) >= 0, targets.length);
  return v > 0 ? pointAt(graph, collectionSizer(graph), pathOptions, v, counts.count(v), targets.length, []) : null;
}

/** The deepest node holding enough of `of` targets: 80%, else more than half; 0 for none but the root. */
function deepest(graph: HeapGraph, countOf: (v: number) => number, isTarget: (v: number) => boolean, of: number): number {
  let v = -1;
  for (const share of SHARES) {
    v = deepestHolding(graph, countOf, isTarget, Math.ceil(share * of));
    if (v > 0) break;
  }
  return v;
}

/** The point at dominator-tree node `v`, which holds `holds` of `of` targets. */
function pointAt(graph: HeapGraph, sizer: CollectionSizer, pathOptions: RetainingPathOptions, at: number, holds: number, of: number, earlierSizes: readonly ReadonlyMap<number, number>[]): AccumulationPoint | null {
  const v = owner(graph, at);
  const steps = retainingPath(graph, v, pathOptions);
  // A synthetic root or the GC roots' own lists are not a thing a person can fix.
  if (steps.length === 0) return null;
  const kind = sizer.kindOf(v);
  const id = graph.snapshot.nodes.id[v]!;
  const last = kind === null ? -1 : sizer.sizeOf(v);
  const sizes = kind === null || last < 0 ? null : [...earlierSizes.map((m) => m.get(id) ?? null), last];
  return {
    path: pathText(graph, steps),
    className: graph.classNames[graph.classOf[v]!]!,
    nodeId: id,
    kind: sizes === null ? null : kind,
    sizes,
    holds,
    of,
  };
}

/**
 * From the root down, the child holding at least `need` targets, while there is one. An
 * instance itself ends the descent: in a chain each link holds all that follow, and the
 * thing to fix is where the chain starts.
 */
function deepestHolding(graph: HeapGraph, countOf: (v: number) => number, isTarget: (v: number) => boolean, need: number): number {
  const { firstDominatorChild, dominatorChildren } = graph;
  let v = 0;
  for (;;) {
    let next = -1;
    for (let k = firstDominatorChild[v]!, end = firstDominatorChild[v + 1]!; k < end; k++) {
      const c = dominatorChildren[k]!;
      if (countOf(c) >= need) {
        next = c;
        break;
      }
    }
    if (next < 0) return v;
    v = next;
    if (isTarget(v)) return v;
  }
}

/** A backing store (an unnamed internal array, a hash table) stands for the object that owns it. */
function owner(graph: HeapGraph, v: number): number {
  const { nodes, edges, firstEdge } = graph.snapshot;
  const types = graph.snapshot.header.meta.nodeTypes;
  const internal = graph.snapshot.header.meta.edgeTypes.indexOf('internal');
  const t = types[nodes.type[v]!];
  if (t !== 'array' && t !== 'hidden') return v;
  const d = graph.dominator[v]!;
  for (let e = firstEdge[d]!, end = firstEdge[d + 1]!; e < end; e++) {
    if (edges.toNode[e] === v && edges.type[e] === internal) return d;
  }
  return v;
}

/** The sizes of the collections of `graph` with at least MIN_TRACKED_MEMBERS members, by object id. */
export function collectionSizes(graph: Pick<SizedGraph, 'snapshot' | 'nodeCount'>): Map<number, number> {
  const sizer = collectionSizer(graph);
  const out = new Map<number, number>();
  const { id, edgeCount, type } = graph.snapshot.nodes;
  const { firstEdge } = graph.snapshot;
  const toNode = graph.snapshot.edges.toNode;
  // Every collection kind is an `object` node named after it: the type column and the
  // name test (one look-up per name) come before any edge is read.
  const objectType = graph.snapshot.header.meta.nodeTypes.indexOf('object');
  for (let v = 0, n = graph.nodeCount; v < n; v++) {
    if (type[v] !== objectType || sizer.kindOf(v) === null) continue;
    // A collection this large has a backing store (or own edges) this large: skip the rest cheaply.
    let widest = edgeCount[v]!;
    for (let e = firstEdge[v]!, end = firstEdge[v + 1]!; e < end && widest < MIN_TRACKED_MEMBERS; e++) widest = Math.max(widest, edgeCount[toNode[e]!]!);
    if (widest < MIN_TRACKED_MEMBERS) continue;
    const size = sizer.sizeOf(v);
    if (size >= MIN_TRACKED_MEMBERS) out.set(id[v]!, size);
  }
  return out;
}
