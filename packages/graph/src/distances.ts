// Distances from the GC roots by breadth-first search, as DevTools computes them.
//
// Pass 1 seeds the *user roots* (children of the root that are not synthetic, e.g.
// Node's global object reached by the root's `shortcut` edge, or the synthetic
// `(Document DOM trees)`) at distance 1 and walks from them. Pass 2 starts at the
// root with SYSTEM_DISTANCE (0 when there are no user roots) and reaches what pass 1
// missed, so objects held only by V8 internals rank after every user object.
// Both passes skip the edges edge-rules.ts marks for distances, and the first edge
// met of each WeakMap ephemeron pair, so a WeakMap value ends one past the later of
// its key and its table (crbug 1290800).
//
// The BFS visits edges in edge order, so `parentEdge` (the edge that first reached a
// node) spells a shortest retaining path, user roots preferred, and is deterministic.
// parentEdge is NONE only for the root and unreachable nodes; a user root's parent
// edge is the root's edge to it.

import type { HeapSnapshot } from '@heaptrail/parser';
import type { CsrGraph } from './csr-graph.js';
import { clearBit, hasBit, newBitSet, setBit } from './bit-set.js';
import type { EdgeRules } from './edge-rules.js';
import { typeIds, type TypeIds } from './type-ids.js';
import { isUserRoot } from './user-roots.js';
import { NONE, SYSTEM_DISTANCE } from './types.js';

export interface Distances {
  readonly distance: Uint32Array;
  readonly parentEdge: Uint32Array;
}

/** The edge rules the BFS follows. */
export type DistanceRules = Pick<EdgeRules, 'distanceSkip' | 'ephemeron' | 'ephemeronEdges' | 'ephemeronPair' | 'ephemeronPairCount'>;

/** Arrays to fill instead of allocating (contents ignored): `queue` length >= N, the others exactly N. */
export interface DistanceBuffers {
  readonly queue?: Uint32Array | undefined;
  readonly distance?: Uint32Array | undefined;
  readonly parentEdge?: Uint32Array | undefined;
}

/** `t`: the snapshot's type ids, when the caller has them already. */
export function computeDistances(snapshot: HeapSnapshot, rules: EdgeRules, buffers: DistanceBuffers = {}, t: TypeIds = typeIds(snapshot)): Distances {
  return distancesFrom(snapshot, rules, userRootEdges(snapshot, t), buffers);
}

/** The root's edges to user roots, in edge order: pass 1's seeds (deciding them reads node names). */
export function userRootEdges(snapshot: HeapSnapshot, t: TypeIds): Uint32Array {
  const { firstEdge } = snapshot;
  const toNode = snapshot.edges.toNode;
  if (snapshot.header.nodeCount === 0) return new Uint32Array(0);
  const seeds: number[] = [];
  for (let edge = firstEdge[0]!, end = firstEdge[1]!; edge < end; edge++) {
    const to = toNode[edge]!;
    if (to !== 0 && isUserRoot(snapshot, t, to)) seeds.push(edge);
  }
  return Uint32Array.from(seeds);
}

/** The two BFS passes, pass 1 seeded by `seedEdges` (userRootEdges' result). */
export function distancesFrom(graph: CsrGraph, rules: DistanceRules, seedEdges: Uint32Array, buffers: DistanceBuffers = {}): Distances {
  const n = graph.header.nodeCount;
  const distance = (buffers.distance?.length === n ? buffers.distance : new Uint32Array(n)).fill(NONE);
  const parentEdge = (buffers.parentEdge?.length === n ? buffers.parentEdge : new Uint32Array(n)).fill(NONE);
  const queue = buffers.queue;
  if (n === 0) return { distance, parentEdge };
  const { firstEdge } = graph;
  const toNode = graph.edges.toNode;
  const { distanceSkip, ephemeron, ephemeronEdges, ephemeronPair } = rules;
  const pending = newBitSet(rules.ephemeronPairCount);
  const q = queue !== undefined && queue.length >= n ? queue : new Uint32Array(n);

  let tail = 0;
  for (let i = 0; i < seedEdges.length; i++) {
    const edge = seedEdges[i]!;
    const to = toNode[edge]!;
    if (distance[to] !== NONE) continue;
    distance[to] = 1;
    parentEdge[to] = edge;
    q[tail++] = to;
  }
  distance[0] = tail > 0 ? SYSTEM_DISTANCE : 0;

  // NONE does not fit a small integer: compare through a signed view (NONE = -1) so
  // the hot loop stays in integer arithmetic.
  const seen = new Int32Array(distance.buffer, distance.byteOffset, n);
  for (let pass = 0; pass < 2; pass++) {
    let head = 0;
    if (pass === 1) {
      tail = 0;
      q[tail++] = 0;
    }
    while (head < tail) {
      const v = q[head++]!;
      const d = distance[v]! + 1;
      for (let edge = firstEdge[v]!, end = firstEdge[v + 1]!; edge < end; edge++) {
        const to = toNode[edge]!;
        if (seen[to] !== -1) continue;
        const byte = edge >>> 3;
        const bit = 1 << (edge & 7);
        if ((distanceSkip[byte]! & bit) !== 0) continue;
        if ((ephemeron[byte]! & bit) !== 0) {
          // Follow a pair's second edge only; the first merely marks the pair as met.
          const pair = ephemeronPair[lowerBound(ephemeronEdges, edge)]!;
          if (hasBit(pending, pair)) clearBit(pending, pair);
          else {
            setBit(pending, pair);
            continue;
          }
        }
        distance[to] = d;
        parentEdge[to] = edge;
        q[tail++] = to;
      }
    }
  }
  return { distance, parentEdge };
}

function lowerBound(sorted: Uint32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
