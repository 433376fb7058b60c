// Questions about a set of objects answered on the dominator tree, each in time linear in
// the members' dominator ancestors rather than in the heap: a diff asks them once per
// growing class, and the ancestors of a class's new instances are a sliver of the tree
// (an array and its holders), while a walk of the whole tree costs a heap-sized pass.
//
// Every node has a dominator (the root dominates what nothing else does; dominator[0] = 0),
// so walking up always ends at the root.

import { grow } from '@heaptrail/parser';
import { NodeTable } from './node-table.js';
import type { HeapGraph } from './types.js';

/**
 * The bytes a set of objects retains together, each byte counted once: the sum of the
 * retained sizes of the members that no other member dominates. Summing the retained
 * sizes of several classes counts twice what one holds of another (a message and its
 * strings); this does not.
 */
export function retainedUnion(graph: HeapGraph, members: ArrayLike<number>): number {
  const n = graph.nodeCount;
  if (n === 0 || members.length === 0) return 0;
  const { dominator, retainedSize } = graph;
  // Per node: 1 a member, 2 no member at or above it, 3 a member above it (not itself).
  const state = new Uint8Array(n);
  const MEMBER = 1;
  const CLEAR = 2;
  const COVERED = 3;
  for (let i = 0; i < members.length; i++) state[members[i]!] = MEMBER;
  let chain = new Uint32Array(64);
  let sum = 0;
  for (let i = 0; i < members.length; i++) {
    const m = members[i]!;
    if (state[m] !== MEMBER) continue;
    // Up from m's dominator to the first node whose answer is known (a member, or memoized).
    let top = 0;
    let v = m;
    let above = CLEAR;
    while (v !== 0) {
      v = dominator[v]!;
      const s = state[v]!;
      if (s !== 0) {
        above = s === CLEAR ? CLEAR : COVERED;
        break;
      }
      if (top === chain.length) chain = grow(chain);
      chain[top++] = v;
    }
    while (top > 0) state[chain[--top]!] = above;
    if (above === CLEAR) sum += retainedSize[m]!;
    // Counted: m is now a member already seen (duplicates in `members` count once).
    state[m] = MEMBER + 4;
  }
  return sum;
}

/**
 * Where countUnion keeps, per node of the union, how many members its subtree holds and
 * (while adding up) its children in the union not yet added: arrays over every node for
 * a diff's many questions, a NodeTable for a single one on a large heap.
 */
interface UnionCounts {
  /** Whether `v` is in the union yet (it has a member count or a pending child). */
  has(v: number): boolean;
  count(v: number): number;
  addCount(v: number, by: number): void;
  pending(v: number): number;
  /** Returns the new number. */
  addPending(v: number, by: number): number;
}

/**
 * How many of `members` each node's dominator subtree holds (itself included), for the
 * members' dominator ancestors only: those get their count in `counts`, every other node
 * keeps 0. Returns the ancestors; the caller sets their counts back to 0 (so `counts`, of
 * length ≥ N, is all zero between calls). `pending` (length ≥ N) must be all zero and is
 * left so.
 */
export function dominatedCounts(graph: HeapGraph, members: ArrayLike<number>, counts: Uint32Array, pending: Uint32Array): Uint32Array {
  return countUnion(graph, members, new DenseCounts(counts, pending));
}

/** UnionCounts in two arrays over every node. */
class DenseCounts implements UnionCounts {
  constructor(
    private readonly counts: Uint32Array,
    private readonly pendings: Uint32Array,
  ) {}

  has(v: number): boolean {
    return this.counts[v] !== 0 || this.pendings[v] !== 0;
  }

  count(v: number): number {
    return this.counts[v]!;
  }

  addCount(v: number, by: number): void {
    this.counts[v]! += by;
  }

  pending(v: number): number {
    return this.pendings[v]!;
  }

  addPending(v: number, by: number): number {
    return (this.pendings[v] = this.pendings[v]! + by);
  }
}

/**
 * The same counts kept in a hash table over the members' dominator ancestors only (its
 * `count(v)`, 0 for any other node): for a single question on a large heap, where two
 * arrays over every node would outweigh the answer.
 */
export function sparseDominatedCounts(graph: HeapGraph, members: ArrayLike<number>): Pick<NodeTable, 'count'> {
  const table = new NodeTable();
  countUnion(graph, members, table);
  return table;
}

/** The counts of dominatedCounts into `store`; returns the union's nodes. */
function countUnion(graph: HeapGraph, members: ArrayLike<number>, store: UnionCounts): Uint32Array {
  const { dominator } = graph;
  // The union of the members' paths up the tree, with each node's children in the union pending.
  let union = new Uint32Array(Math.max(16, members.length));
  let size = 0;
  const add = (v: number): void => {
    if (size === union.length) union = grow(union);
    union[size++] = v;
  };
  for (let i = 0; i < members.length; i++) {
    let v = members[i]!;
    const fresh = !store.has(v);
    store.addCount(v, 1);
    if (!fresh) continue;
    add(v);
    // Up until an ancestor already in the union (or the root): each step adds one.
    while (v !== 0) {
      const p = dominator[v]!;
      const known = store.has(p);
      store.addPending(p, 1);
      if (known) break;
      add(p);
      v = p;
    }
  }
  // Children before parents (Kahn's order from the union's leaves): each adds its count to its dominator.
  const order = new Uint32Array(size);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < size; i++) if (store.pending(union[i]!) === 0) order[tail++] = union[i]!;
  while (head < tail) {
    const v = order[head++]!;
    if (v === 0) continue;
    const p = dominator[v]!;
    store.addCount(p, store.count(v));
    if (store.addPending(p, -1) === 0) order[tail++] = p;
  }
  return union.subarray(0, size);
}
