// The dominator tree as a CSR of children, built count-then-fill from the idom
// array: children of node v are dominatorChildren[firstDominatorChild[v] ..
// firstDominatorChild[v+1]), in ascending ordinal. The root is nobody's child, so
// there are N-1 entries.

export interface DominatorChildren {
  readonly firstDominatorChild: Uint32Array;
  readonly dominatorChildren: Uint32Array;
}

export function buildDominatorChildren(dominator: Uint32Array): DominatorChildren {
  const n = dominator.length;
  const first = new Uint32Array(n + 1);
  const children = new Uint32Array(Math.max(0, n - 1));
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
