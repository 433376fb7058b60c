// Cuts a dominator tree down to what a treemap can show. d3-hierarchy makes one object
// per node and a treemap cannot show a million rectangles anyway, so we keep the
// `maxNodes` nodes with the largest retained sizes (best-first from the root: a node is
// only considered once its parent is kept) and fold everything else into one
// "other" leaf per parent, so areas still add up to the parent's retained size.

import type { DominatorTreeNode } from '@heaptrail/graph';
import { formatCount } from '../format.js';

export interface DisplayNode {
  readonly id: number;
  readonly className: string;
  readonly name: string;
  readonly selfSize: number;
  readonly retainedSize: number;
  /** Bytes this node contributes beyond its kept children (its own area in the layout). */
  ownSize: number;
  /** For an "other" leaf: how many objects it stands for. 0 for real nodes. */
  readonly otherCount: number;
  readonly children: DisplayNode[];
}

export interface PruneOptions {
  /** Real nodes kept, root included (default 300). */
  readonly maxNodes?: number;
  /** Children smaller than this share of the root's retained size are folded (default 0.001). */
  readonly minShare?: number;
}

interface Candidate {
  readonly source: DominatorTreeNode;
  readonly parent: DisplayNode;
}

export function pruneForDisplay(root: DominatorTreeNode, options: PruneOptions = {}): DisplayNode {
  const maxNodes = Math.max(1, options.maxNodes ?? 300);
  const minSize = root.retainedSize * (options.minShare ?? 0.001);
  const out = display(root);
  const sourceOf = new Map<DisplayNode, DominatorTreeNode>([[out, root]]);
  // Max-heap of candidates by retained size; children enter only when their parent is kept.
  const heap: Candidate[] = [];
  const pushChildren = (src: DominatorTreeNode, parent: DisplayNode) => {
    for (const child of src.children) if (child.retainedSize >= minSize) heapPush(heap, { source: child, parent });
  };
  pushChildren(root, out);
  let kept = 1;
  while (heap.length > 0 && kept < maxNodes) {
    const { source, parent } = heapPop(heap);
    const node = display(source);
    parent.children.push(node);
    sourceOf.set(node, source);
    kept++;
    pushChildren(source, node);
  }
  // Whatever was not kept becomes an "other" leaf; sizes are then settled bottom-up.
  const keptSources = new Set(sourceOf.values());
  for (const [node, src] of sourceOf) {
    let otherSize = src.otherSize;
    let otherCount = src.otherCount;
    for (const child of src.children) {
      if (!keptSources.has(child)) {
        otherSize += child.retainedSize;
        otherCount += 1;
      }
    }
    if (otherSize > 0) node.children.push(otherLeaf(otherSize, otherCount));
    node.children.sort((a, b) => b.retainedSize - a.retainedSize || a.id - b.id);
    const childSum = node.children.reduce((s, c) => s + c.retainedSize, 0);
    // Producers' sizes may not add up exactly; never let the own area go negative.
    node.ownSize = Math.max(0, node.retainedSize - childSum);
  }
  return out;
}

function display(n: DominatorTreeNode): DisplayNode {
  return { id: n.id, className: n.className, name: n.name, selfSize: n.selfSize, retainedSize: n.retainedSize, ownSize: 0, otherCount: 0, children: [] };
}

function otherLeaf(size: number, count: number): DisplayNode {
  return { id: -1, className: '(other)', name: `${formatCount(count)} smaller objects`, selfSize: 0, retainedSize: size, ownSize: size, otherCount: count, children: [] };
}

function heapPush(heap: Candidate[], item: Candidate): void {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (heap[p]!.source.retainedSize >= item.source.retainedSize) break;
    heap[i] = heap[p]!;
    i = p;
  }
  heap[i] = item;
}

function heapPop(heap: Candidate[]): Candidate {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      let best = last.source.retainedSize;
      if (l < heap.length && heap[l]!.source.retainedSize > best) {
        m = l;
        best = heap[l]!.source.retainedSize;
      }
      if (r < heap.length && heap[r]!.source.retainedSize > best) m = r;
      if (m === i) break;
      heap[i] = heap[m]!;
      i = m;
    }
    heap[i] = last;
  }
  return top;
}
