// Immediate dominators by SEMI-NCA.
//
// Node d dominates node v when every path from the root to v passes through d; the
// immediate dominator (idom) is the closest such d, and the idoms form a tree whose
// subtree sums are the retained sizes. We use SEMI-NCA, the Lengauer–Tarjan variant
// of Georgiadis' thesis ("Linear-Time Algorithms for Dominators and Related
// Problems", Princeton 2005) and Georgiadis, Tarjan & Werneck, "Finding Dominators in
// Practice" (JGAA 10(1), 2006), which builds on Lengauer & Tarjan, "A Fast Algorithm
// for Finding Dominators in a Flowgraph" (TOPLAS 1(1), 1979):
//   1. number the nodes in DFS preorder (iterative: an explicit stack of nodes and a
//      resumable edge cursor per stack level, since heap graphs are millions deep),
//      filling the private retainer index described below as it goes;
//   2. in reverse preorder, compute each node's semidominator with L-T's `eval` over
//      a forest linked in that order (iterative path compression, no balancing);
//   3. in preorder, idom(w) = nearest common ancestor, in the dominator tree built so
//      far, of parent(w) and semi(w): walk up from parent(w) while above semi(w).
// Step 3 replaces L-T's buckets; it is quadratic in theory but fast on real graphs
// (the paper's measurements; LeakCanary found the same on JVM heaps).
//
// Only essential edges count (edge-rules.ts: no weak, self, non-root shortcut,
// WeakMap table→value, or debugger→page-owned edges). Step 2 needs each node's
// essential retainers; rather than a full reverse index (8 bytes an edge, kept for
// nobody) we build a private one here: essential in-degrees are counted before the
// DFS, and the DFS fills each slot with the *DFS number* of the retaining node as it
// examines the edge (no separate sweep over the edges), so the semidominator loop
// reads no edge types and no ordinal → number map. Nodes the root does not
// reach that way still need a dominator; like DevTools we number them in three
// stages: (1) DFS from the root; (2) every unnumbered node with no essential
// retainer (held only weakly, or not at all) is treated as a child of the root and
// DFS'd from; (3) every node still unnumbered (cycles no stage reached) is treated
// as a child of the root. Stage 2 and 3 nodes are given a virtual root → node edge,
// so their idom is the root; stage-2 descendants get their true dominators.
//
// Differences from DevTools: DevTools numbers stage-3 nodes one at a time with L-T
// buckets and leans on `dom[0] = root` to fill gaps; as far as we can tell every
// stage-3 node ends up a root child there too, which is what we do explicitly.
// The result is the dominator tree of a well-defined graph (essential edges plus the
// virtual root edges), which graph/test/reference/naive.ts checks with an independent fix-point.

import { hasBit, newBitSet, setBit } from './bit-set.js';
import { grow, type HeapSnapshot } from '@heaptrail/parser';

export interface Dominators {
  /** Immediate dominator ordinal per node ordinal; dominator[0] = 0. */
  readonly dominator: Uint32Array;
  /** Node ordinals in DFS preorder (root first); every node appears once. */
  readonly order: Uint32Array;
  /**
   * Scratch the computation is done with, handed back so the next phase can fill it
   * instead of allocating while it awaits collection: `wide` are two buffers of
   * 8(N+1) bytes (a Float64 per node), `slots` the retainer slots (one Uint32 per
   * essential edge), `preorder` the N+1 array `order` is a view of (free once
   * `order` has been used).
   */
  readonly scratch: DominatorScratch;
}

export interface DominatorScratch {
  readonly wide: readonly ArrayBuffer[];
  readonly slots: Uint32Array;
  readonly preorder: Uint32Array;
}

/**
 * `essentialInDegree` (length N+1), when given, already holds at [v + 1] the count of
 * essential edges into v (edge-rules.ts fills it); the array is taken over.
 * `nonEssential` must mark every self edge (edge-rules.ts does): the semidominator
 * step's forest arrays lie over the DFS's leftovers uncleared, and a node's own
 * retainer slot would read them.
 */
export function computeDominators(
  snapshot: HeapSnapshot,
  nonEssential: Uint8Array,
  essentialInDegree?: Uint32Array,
): Dominators {
  const n = snapshot.header.nodeCount;
  const { firstEdge } = snapshot;
  const toNode = snapshot.edges.toNode;
  if (n === 0) {
    const none = new Uint32Array(0);
    const empty = { wide: [], slots: none, preorder: none };
    return { dominator: none, order: none, scratch: empty };
  }

  // Scratch pairs share one buffer each, so a later phase can lay a Float64Array over it.
  const wideA = new ArrayBuffer(8 * (n + 1));
  const wideB = new ArrayBuffer(8 * (n + 1));
  const parent = new Uint32Array(wideA, 0, n + 1);
  const semi = new Uint32Array(wideA, 4 * (n + 1), n + 1);
  // During the DFS, `numSlot[2v]` is v's DFS number (1..n; 0 = none yet) and
  // `numSlot[2v + 1]` the write cursor of v's retainer slots: the DFS reads both for
  // every edge's target, and side by side they share a cache line.
  const numSlot = new Uint32Array(wideB);

  // ---- 0. Essential in-degrees, one slot to the right, prefix-summed into slot starts.
  let firstRetainer: Uint32Array;
  if (essentialInDegree !== undefined && essentialInDegree.length === n + 1) {
    firstRetainer = essentialInDegree;
  } else {
    firstRetainer = new Uint32Array(n + 1);
    for (let edge = 0, e = toNode.length; edge < e; edge++) {
      if ((nonEssential[edge >>> 3]! & (1 << (edge & 7))) !== 0) continue;
      firstRetainer[toNode[edge]! + 1]!++;
    }
  }
  // Nodes without an essential retainer are the stage-2 starts (the stage-1 DFS, which
  // follows essential edges only, reaches none of them but the root).
  const virtualRootEdge = newBitSet(n);
  let essentialEdges = 0;
  for (let v = 0; v < n; v++) {
    const degree = firstRetainer[v + 1]!;
    if (degree === 0 && v !== 0) setBit(virtualRootEdge, v);
    numSlot[2 * v + 1] = essentialEdges;
    essentialEdges += degree;
  }
  const vertex = new Uint32Array(n + 1);

  // ---- 1. DFS numbering, filling the retainer slots on the way. The in-degree array,
  // now copied into `numSlot`, serves as the node stack, `semi` as the cursor stack.
  // A node's cursor only moves forward and every node is numbered (and so pushed) by
  // stage 3, so each edge is examined exactly once, by its source, whose number is
  // then known: the slot of each essential edge is written there, whether its target
  // is new or already numbered. Afterwards each write cursor has moved to the end of
  // its node's slots, which is where the next node's slots start.
  const retainerNumber = new Uint32Array(essentialEdges);
  const stack = firstRetainer;
  let count = 0;
  const dfsFrom = (start: number, parentNumber: number): void => {
    numSlot[2 * start] = ++count;
    vertex[count] = start;
    parent[count] = parentNumber;
    stack[0] = start;
    semi[0] = firstEdge[start]!;
    let top = 1;
    while (top > 0) {
      const v = stack[top - 1]!;
      const u = numSlot[2 * v]!;
      const end = firstEdge[v + 1]!;
      let edge = semi[top - 1]!;
      let w = 0;
      for (; edge < end; edge++) {
        if ((nonEssential[edge >>> 3]! & (1 << (edge & 7))) !== 0) continue;
        const to = toNode[edge]!;
        retainerNumber[numSlot[2 * to + 1]!++] = u;
        if (numSlot[2 * to] === 0) {
          w = to;
          break;
        }
      }
      if (edge === end) {
        top--;
        continue;
      }
      semi[top - 1] = edge + 1;
      numSlot[2 * w] = ++count;
      vertex[count] = w;
      parent[count] = u;
      stack[top] = w;
      semi[top] = firstEdge[w]!;
      top++;
    }
  };

  dfsFrom(0, 0);
  if (count < n) {
    for (let v = 0; v < n; v++) {
      // No essential retainer (held only weakly, or not at all): marked in step 0.
      if (numSlot[2 * v] !== 0 || !hasBit(virtualRootEdge, v)) continue;
      dfsFrom(v, 1);
    }
  }
  if (count < n) {
    for (let v = 0; v < n; v++) {
      if (numSlot[2 * v] === 0) setBit(virtualRootEdge, v);
    }
    for (let v = 0; v < n; v++) if (numSlot[2 * v] === 0) dfsFrom(v, 1);
  }
  // Each node's slot range by DFS number, so step 2 reads them in order instead of with
  // a dependent random read per node; gathered here in a tight loop the reads overlap.
  // v's range ends at its final cursor and starts at the final cursor of v - 1.
  const slotStart = semi; // semi[w] is written only after w's slots are read
  const slotEnd = firstRetainer; // free since the DFS
  for (let w = 1; w <= count; w++) {
    const node = vertex[w]!;
    slotStart[w] = node === 0 ? 0 : numSlot[2 * node - 1]!;
    slotEnd[w] = numSlot[2 * node + 1]!;
  }
  // `best[x]`: the smallest semidominator on x's compressed forest path, i.e. L-T's
  // semi[label[x]]. SEMI-NCA never needs the label itself, so keeping the value saves
  // two random reads per compression step.
  const best = new Uint32Array(wideB, 0, n + 1);
  const ancestor = new Uint32Array(wideB, 4 * (n + 1), n + 1);

  // ---- 2. Semidominators in reverse preorder.
  // Nodes are processed (and linked) in decreasing number, so while w is processed the
  // forest roots are exactly the nodes numbered w or less: `ancestor[x] > w` tells
  // whether x's ancestor is linked without reading that ancestor's own link. Only
  // processed nodes are read (u > w and their linked ancestors), and each gets its
  // semi, best and ancestor as it is processed: nothing needs clearing.
  // Path-compression stack: paths stay short once compressed, so it starts small
  // and doubles on demand instead of costing 4 bytes per node up front.
  let work: Uint32Array = new Uint32Array(1024);
  for (let w = count; w >= 2; w--) {
    const node = vertex[w]!;
    let s = parent[w]!;
    if (hasBit(virtualRootEdge, node)) {
      s = 1;
    } else {
      for (let slot = slotStart[w]!, end = slotEnd[w]!; slot < end; slot++) {
        const u = retainerNumber[slot]!;
        let candidate: number;
        if (u < w) {
          candidate = u;
        } else {
          // eval(u): u is already linked (processed), so compress its forest path.
          let x = u;
          let sp = 0;
          for (let a = ancestor[x]!; a > w; a = ancestor[x]!) {
            if (sp === work.length) work = grow(work);
            work[sp++] = x;
            x = a;
          }
          while (sp > 0) {
            x = work[--sp]!;
            const a = ancestor[x]!;
            if (best[a]! < best[x]!) best[x] = best[a]!;
            ancestor[x] = ancestor[a]!;
          }
          candidate = best[u]!;
        }
        if (candidate < s) s = candidate;
      }
    }
    semi[w] = s;
    best[w] = s;
    ancestor[w] = parent[w]!; // link
  }

  // ---- 3. idom(w) = NCA(parent(w), semi(w)) in preorder, written over semi(w): the walk
  // only reads idoms of smaller numbers, which are already in place.
  const idom = semi;
  idom[1] = 1;
  for (let w = 2; w <= count; w++) {
    let x = parent[w]!;
    const s = semi[w]!;
    while (x > s) x = idom[x]!;
    idom[w] = x;
  }

  // By ordinal, into the now free `firstRetainer` array (the slot ends).
  const dominator = firstRetainer.subarray(0, n);
  for (let w = 1; w <= n; w++) dominator[vertex[w]!] = vertex[idom[w]!]!;
  return {
    dominator,
    order: vertex.subarray(1, n + 1),
    scratch: { wide: [wideA, wideB], slots: retainerNumber, preorder: vertex },
  };
}
