// The top of the dominator tree, pruned for display: from the root, at most `top` children
// per node (largest retained size first) down to `depth` levels; the rest of each node's
// children are summed into `otherSize`/`otherCount` so every level still adds up.
// Built iteratively (explicit stack), one object per kept node only.

import type { DominatorTreeNode, HeapGraph } from './types.js';

export interface DominatorTreeOptions {
  /** Levels below the root to keep (default 4). */
  readonly depth?: number;
  /** Children kept per node (default 10). */
  readonly top?: number;
  /** Start here instead of the root (ordinal). */
  readonly from?: number;
}

interface MutableNode {
  ordinal: number;
  id: number;
  className: string;
  name: string;
  selfSize: number;
  retainedSize: number;
  children: MutableNode[];
  otherSize: number;
  otherCount: number;
}

/** The largest retainers as a pruned tree rooted at the graph root (or `from`). */
export function dominatorTree(graph: HeapGraph, options: DominatorTreeOptions = {}): DominatorTreeNode {
  const depth = Math.max(0, options.depth ?? 4);
  const top = Math.max(0, options.top ?? 10);
  const { firstDominatorChild, dominatorChildren, retainedSize, selfSize, classOf, classNames, snapshot } = graph;
  const make = (v: number): MutableNode => ({
    ordinal: v,
    id: snapshot.nodes.id[v]!,
    className: classNames[classOf[v]!]!,
    name: snapshot.strings.get(snapshot.nodes.name[v]!),
    selfSize: selfSize[v]!,
    retainedSize: retainedSize[v]!,
    children: [],
    otherSize: 0,
    otherCount: 0,
  });
  const root = make(options.from ?? 0);
  const stack: { node: MutableNode; level: number }[] = [{ node: root, level: 0 }];
  while (stack.length > 0) {
    const { node, level } = stack.pop()!;
    const start = firstDominatorChild[node.ordinal]!;
    const end = firstDominatorChild[node.ordinal + 1]!;
    if (start === end) continue;
    if (level >= depth) {
      for (let i = start; i < end; i++) node.otherSize += retainedSize[dominatorChildren[i]!]!;
      node.otherCount = end - start;
      continue;
    }
    const kept = largest(dominatorChildren, start, end, top, retainedSize, snapshot.nodes.id);
    for (let i = start; i < end; i++) {
      const child = dominatorChildren[i]!;
      if (!kept.has(child)) {
        node.otherSize += retainedSize[child]!;
        node.otherCount++;
      }
    }
    for (const child of kept.keys()) {
      const c = make(child);
      node.children.push(c);
      stack.push({ node: c, level: level + 1 });
    }
  }
  return root;
}

/** The `k` children with the largest retained size (ties by smaller id), in that order. */
function largest(children: Uint32Array, start: number, end: number, k: number, retained: Uint32Array | Float64Array, ids: Uint32Array): Map<number, true> {
  const better = (a: number, b: number) => retained[a]! > retained[b]! || (retained[a] === retained[b] && ids[a]! < ids[b]!);
  // Insertion into a small sorted buffer: k is a display limit (tens), children may be millions.
  const best: number[] = [];
  for (let i = start; i < end; i++) {
    const v = children[i]!;
    if (best.length === k && (k === 0 || !better(v, best[k - 1]!))) continue;
    let j = best.length < k ? best.length : k - 1;
    best[j] = v;
    while (j > 0 && better(best[j]!, best[j - 1]!)) {
      [best[j], best[j - 1]] = [best[j - 1]!, best[j]!];
      j--;
    }
  }
  return new Map(best.map((v) => [v, true]));
}
