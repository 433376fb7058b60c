// Retained sizes: each node's self size plus the retained sizes of the nodes it
// immediately dominates. Walking the DFS preorder backwards visits every node after
// all of its dominator-tree descendants (an idom always precedes its children in
// preorder), so one pass of `retained[idom] += retained[node]` suffices. Totals can
// pass 2^32 (DevTools' test: six 1e9-byte objects → 6e9), so the sums are Float64
// unless the caller knows they fit (finish-analysis.ts) and passes a Uint32 `into`.

/** `into` (length N, contents ignored) may be passed to receive the sizes. */
export function computeRetainedSizes<T extends Uint32Array | Float64Array = Float64Array>(
  selfSize: Uint32Array | Float64Array,
  dominator: Uint32Array,
  order: Uint32Array,
  into?: T,
): T | Float64Array {
  const retained = into !== undefined && into.length === selfSize.length ? into : new Float64Array(selfSize.length);
  retained.set(selfSize);
  for (let i = order.length - 1; i >= 1; i--) {
    const v = order[i]!;
    retained[dominator[v]!]! += retained[v]!;
  }
  return retained;
}
