// The bytes a set of objects retains together, each byte counted once: the sum of the
// retained sizes of the members that no other member dominates. Summing the retained
// sizes of several classes counts twice what one holds of another (a message and its
// strings); this does not. One walk of the dominator tree from the root, skipping the
// subtree below each member found.

import type { HeapGraph } from './types.js';

export function retainedUnion(graph: HeapGraph, members: ArrayLike<number>): number {
  const n = graph.nodeCount;
  if (n === 0 || members.length === 0) return 0;
  const inSet = new Uint8Array(n);
  for (let i = 0; i < members.length; i++) inSet[members[i]!] = 1;
  const { firstDominatorChild, dominatorChildren, retainedSize } = graph;
  const stack = new Uint32Array(n);
  let top = 0;
  let sum = 0;
  stack[top++] = 0;
  while (top > 0) {
    const v = stack[--top]!;
    if (inSet[v]) {
      sum += retainedSize[v]!;
      continue;
    }
    for (let k = firstDominatorChild[v]!, end = firstDominatorChild[v + 1]!; k < end; k++) stack[top++] = dominatorChildren[k]!;
  }
  return sum;
}

/**
 * Per node, how many of `members` its dominator subtree holds (itself included), into
 * `out` (length ≥ N, overwritten). `postOrder` is dominatorPostOrder(graph).
 */
export function dominatedCounts(graph: HeapGraph, members: ArrayLike<number>, postOrder: Uint32Array, out: Uint32Array): Uint32Array {
  const counts = out.subarray(0, graph.nodeCount).fill(0);
  for (let i = 0; i < members.length; i++) counts[members[i]!]!++;
  const { dominator } = graph;
  // Children come before their dominator in post-order; the root (last) has no dominator to add to.
  for (let i = 0; i < postOrder.length - 1; i++) {
    const v = postOrder[i]!;
    counts[dominator[v]!]! += counts[v]!;
  }
  return counts;
}

/** The nodes reachable in the dominator tree, children before parents, the root last. */
export function dominatorPostOrder(graph: HeapGraph): Uint32Array {
  const n = graph.nodeCount;
  const { firstDominatorChild, dominatorChildren } = graph;
  const order = new Uint32Array(n);
  if (n === 0) return order;
  // A preorder, reversed, puts every node after all of its descendants.
  const stack = new Uint32Array(n);
  let top = 0;
  let k = 0;
  stack[top++] = 0;
  while (top > 0) {
    const v = stack[--top]!;
    order[k++] = v;
    for (let c = firstDominatorChild[v]!, end = firstDominatorChild[v + 1]!; c < end; c++) stack[top++] = dominatorChildren[c]!;
  }
  const out = order.subarray(0, k);
  out.reverse();
  return out;
}
