// Groups the shortest retaining paths of a set of objects by shape, so 10,000 leaked
// `ChatMessage`s held by one array read as one line: `(module scope) agent.history[] → ChatMessage`.
//
// Shape = the sequence of (folded edge label, class) from the path's start (see paths.ts for
// where paths stop) to the object; array indices and numeric names fold to `[]`. Paths of
// many objects share prefixes (they are branches of one BFS tree), so each node's shape id is
// computed once and memoized: the work is linear in the union of the paths, not their sum.
//
// Retained size of a group: the sum of the retained sizes of its targets that no *other
// target of the whole set* dominates. Nested targets (a list node inside another) are thus
// counted once, by the group of the outermost one, and the groups' sizes add up without
// double counting. Dominance is read off the dominator tree with a memoized walk up.

import type { HeapGraph, PathGroup } from './types.js';
import { NONE } from './types.js';
import { FoldedLabels } from './edge-labels.js';
import { grow } from './grow.js';
import { edgeSource, pathText, retainingPath, scopeDetector, type RetainingPathOptions, type ScopeDetector } from './paths.js';

export interface PathGroupOptions extends RetainingPathOptions {
  /** Keep only the first `limit` groups (after sorting); text and steps are built only for those. */
  readonly limit?: number;
}

interface Group {
  count: number;
  retainedSize: number;
  exampleOrdinal: number;
  exampleId: number;
  text?: string;
}

/**
 * Shortest-path groups of `targets` (node ordinals; duplicates ignored), sorted by count desc,
 * then retained size desc, then text.
 */
export function groupRetainingPaths(graph: HeapGraph, targets: ArrayLike<number>, options: PathGroupOptions = {}): PathGroup[] {
  const n = graph.nodeCount;
  const ids = graph.snapshot.nodes.id;
  const isTarget = new Uint8Array(n);
  const unique: number[] = [];
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i]!;
    if (isTarget[t] === 0) {
      isTarget[t] = 1;
      unique.push(t);
    }
  }
  const outermost = outermostTargets(graph, isTarget, unique);
  const shapes = new ShapeIndex(graph, options.allRoots === true);
  const groups = new Map<number, Group>();
  for (const t of unique) {
    const shape = shapes.of(t);
    let g = groups.get(shape);
    if (!g) {
      g = { count: 0, retainedSize: 0, exampleOrdinal: t, exampleId: ids[t]! };
      groups.set(shape, g);
    }
    g.count++;
    if (outermost[t] === 1) g.retainedSize += graph.retainedSize[t]!;
    if (ids[t]! < g.exampleId) {
      g.exampleId = ids[t]!;
      g.exampleOrdinal = t;
    }
  }

  const pathOptions: RetainingPathOptions = { allRoots: options.allRoots === true };
  const textOf = (g: Group): string => (g.text ??= pathText(graph, retainingPath(graph, g.exampleOrdinal, pathOptions)));
  const list = [...groups.values()];
  // Sort by the numbers first; texts are built only where they break a tie inside the kept range.
  list.sort((a, b) => b.count - a.count || b.retainedSize - a.retainedSize);
  const limit = Math.min(options.limit ?? list.length, list.length);
  let end = limit;
  if (limit > 0) {
    const last = list[limit - 1]!;
    while (end < list.length && list[end]!.count === last.count && list[end]!.retainedSize === last.retainedSize) end++;
  }
  const head = list.slice(0, end);
  head.sort((a, b) => b.count - a.count || b.retainedSize - a.retainedSize || compareText(textOf(a), textOf(b)) || a.exampleId - b.exampleId);
  return head.slice(0, limit).map((g) => {
    const steps = retainingPath(graph, g.exampleOrdinal, pathOptions);
    return {
      count: g.count,
      retainedSize: g.retainedSize,
      exampleId: g.exampleId,
      exampleOrdinal: g.exampleOrdinal,
      text: (g.text ??= pathText(graph, steps)),
      steps,
    };
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Per node: 1 when it is a target not strictly dominated by another target. A memo per node
 * (0 unknown, 1 "this node or an ancestor is a target", 2 "none is") makes the walks up the
 * dominator tree linear overall.
 */
function outermostTargets(graph: HeapGraph, isTarget: Uint8Array, targets: readonly number[]): Uint8Array {
  const dominator = graph.dominator;
  const covered = new Uint8Array(graph.nodeCount);
  const result = new Uint8Array(graph.nodeCount);
  let stack = new Uint32Array(64);
  for (const t of targets) {
    if (t === 0) {
      result[t] = 1;
      continue;
    }
    // Walk up from t's immediate dominator until an answer is known.
    let x = dominator[t]!;
    let answer = 0;
    let top = 0;
    for (;;) {
      if (covered[x] !== 0) {
        answer = covered[x]!;
        break;
      }
      if (isTarget[x] === 1) {
        answer = 1;
        covered[x] = 1;
        break;
      }
      if (top === stack.length) stack = grow(stack);
      stack[top++] = x;
      const up = dominator[x]!;
      if (up === x || x === 0) {
        answer = 2;
        break;
      }
      x = up;
    }
    for (let i = 0; i < top; i++) covered[stack[i]!] = answer;
    if (answer === 2) result[t] = 1;
  }
  return result;
}

/** Keys of (label, class) pairs fit below this, so (parent shape, pair) fits one safe integer. */
const PAIR_LIMIT = 2 ** 21;

/** Interned shape ids per node: shape(n) = (shape of n's parent on the path, folded label, class). */
class ShapeIndex {
  private readonly shapeOf: Uint32Array;
  private readonly pairs = new Map<number, number>();
  private readonly shapes = new Map<number, number>();
  private readonly wideShapes = new Map<string, number>();
  private readonly labels: FoldedLabels;
  private readonly scopes: ScopeDetector;
  private readonly classCount: number;
  private stack = new Uint32Array(64);

  constructor(
    private readonly graph: HeapGraph,
    private readonly allRoots: boolean,
  ) {
    this.shapeOf = new Uint32Array(graph.nodeCount);
    this.labels = new FoldedLabels(graph.snapshot);
    this.scopes = scopeDetector(graph);
    this.classCount = graph.classNames.length;
  }

  of(target: number): number {
    const { shapeOf, graph } = this;
    const parentEdge = graph.parentEdge;
    let top = 0;
    let carry = 0;
    let node = target;
    // Climb until a node whose shape is known, or the start of the path.
    for (;;) {
      if (shapeOf[node] !== 0) {
        carry = shapeOf[node]!;
        break;
      }
      if (top === this.stack.length) this.stack = grow(this.stack);
      this.stack[top++] = node;
      const edge = parentEdge[node]!;
      if (node === 0 || edge === NONE) break;
      const source = edgeSource(graph, edge);
      if (source === 0 || (!this.allRoots && this.scopes.isUserRoot(node))) break;
      node = source;
    }
    while (top > 0) {
      const m = this.stack[--top]!;
      const edge = parentEdge[m]!;
      // Unreachable objects form one group whatever their class; the root keeps its own.
      const pairKey = edge === NONE ? (m === 0 ? -2 : -1) : this.labels.id(edge) * this.classCount + graph.classOf[m]!;
      carry = this.intern(carry, pairKey);
      shapeOf[m] = carry;
    }
    return carry;
  }

  private intern(parent: number, pairKey: number): number {
    let pair = this.pairs.get(pairKey);
    if (pair === undefined) {
      pair = this.pairs.size;
      this.pairs.set(pairKey, pair);
    }
    const next = this.shapes.size + this.wideShapes.size + 1;
    if (pair < PAIR_LIMIT) {
      const key = parent * PAIR_LIMIT + pair;
      let id = this.shapes.get(key);
      if (id === undefined) this.shapes.set(key, (id = next));
      return id;
    }
    const key = `${parent},${pair}`;
    let id = this.wideShapes.get(key);
    if (id === undefined) this.wideShapes.set(key, (id = next));
    return id;
  }
}
