// The dominator tree as a CSR of children, built count-then-fill from the idom
// array: children of node v are dominatorChildren[firstDominatorChild[v] ..
// firstDominatorChild[v+1]), in ascending ordinal. The root is nobody's child, so
// there are N-1 entries. Scratch arrays may be passed in to be reused (analyze()
// hands over the dominator pass's); the results are then views on them.

export interface DominatorChildren {
  readonly firstDominatorChild: Uint32Array;
  readonly dominatorChildren: Uint32Array;
}

/** `firstScratch` (length >= N+1) and `childScratch` (length >= N-1) are optional; their contents are ignored. */
export function buildDominatorChildren(
  dominator: Uint32Array,
  firstScratch?: Uint32Array,
  childScratch?: Uint32Array,
): DominatorChildren {
  const n = dominator.length;
  const m = Math.max(0, n - 1);
  const first =
    firstScratch !== undefined && firstScratch.length >= n + 1 ? firstScratch.subarray(0, n + 1).fill(0) : new Uint32Array(n + 1);
  const children = childScratch !== undefined && childScratch.length >= m ? childScratch.subarray(0, m) : new Uint32Array(m);
  for (let v = 1; v < n; v++) first[dominator[v]! + 1]!++;
  for (let v = 1; v <= n; v++) first[v]! += first[v - 1]!;
  for (let v = 1; v < n; v++) children[first[dominator[v]!]!++] = v;
  // Each cursor now sits at the next node's start: shift right to restore starts.
  if (n > 0) {
    first.copyWithin(1, 0, n);
    first[0] = 0;
  }
  return { firstDominatorChild: first, dominatorChildren: children };
}
