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
// reads no edge types and no ordinal → number map. A node with exactly one essential
// retainer gets no slot: the DFS can only reach it from that retainer, which is then
// its DFS parent and so its semidominator (on V8 heaps that is most nodes: 81 % of a
// 14 M-node one, whose slots shrink from 3.0 to 2.2 a node). Nodes the root does not
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
import { grow } from '@heaptrail/parser';
import type { CsrGraph } from './csr-graph.js';

/** Makes the buffers the scratch and results live in; a SharedArrayBuffer one lets another thread read them. */
export type AllocateBuffer = (bytes: number) => ArrayBufferLike;

const allocateLocal: AllocateBuffer = (bytes) => new ArrayBuffer(bytes);

export interface Dominators {
  /** Immediate dominator ordinal per node ordinal; dominator[0] = 0. */
  readonly dominator: Uint32Array;
  /** Node ordinals in DFS preorder (root first); every node appears once. */
  readonly order: Uint32Array;
  /**
   * Scratch the computation is done with, handed back so the next phase can fill it
   * instead of allocating while it awaits collection: `wide` are two buffers of
   * 8(N+1) bytes (a Float64 per node), `slots` the retainer slots (one Uint32 per
   * essential edge into a node with two or more, and one spare), `preorder` the N+1
   * array `order` is a view of (free once `order` has been used).
   */
  readonly scratch: DominatorScratch;
}

export interface DominatorScratch {
  readonly wide: readonly ArrayBufferLike[];
  readonly slots: Uint32Array;
  readonly preorder: Uint32Array;
}

/**
 * The buffers of one run, each reused under several names as the steps go. A row says
 * what a buffer holds during each step; each step function takes its names from here.
 *
 * | buffer (length)           | 0. slots         | 1. DFS numbering       | 1b. slot ranges | 2. semidominators | 3. idoms | result    |
 * |---------------------------|------------------|------------------------|-----------------|-------------------|----------|-----------|
 * | `low` = wideA[0, n+1)     |                  | parent (by number)     | parent          | parent            | parent   | scratch   |
 * | `high` = wideA[n+1, 2n+2) |                  | edge-cursor stack      | slotStart       | slotStart, semi   | idom     | scratch   |
 * | `pairs` = wideB (2n+2)    | cursors [2v + 1] | number [2v], cursor    | read            | best, ancestor    |          | scratch   |
 * | `perNode` (n+1)           | in-degrees       | node stack             | slotEnd         | slotEnd           |          | dominator |
 * | `vertex` (n+1)            |                  | ordinal by number      | read            | read              | read     | order     |
 * | retainerNumber (slots)    |                  | retainer's number      |                 | read              |          | scratch   |
 *
 * `best` and `ancestor` are wideB's two halves, laid over `pairs` once step 1b has read it.
 * `pairs` is the one typed array of more than n entries: Node caps a typed array at 2^32
 * elements, so it fits up to n = 2^31 - 2 nodes (a 5 GB snapshot has about 70 M).
 * `semi[w]` overwrites `slotStart[w]` only after w's slots are read; `idom` overwrites
 * `semi` in increasing number, reading only smaller numbers, whose idoms are final.
 */
interface Scratch {
  readonly n: number;
  readonly wideA: ArrayBufferLike;
  readonly wideB: ArrayBufferLike;
  readonly low: Uint32Array;
  readonly high: Uint32Array;
  readonly pairs: Uint32Array;
  readonly perNode: Uint32Array;
  readonly vertex: Uint32Array;
  /** Nodes given a virtual root → node edge (stages 2 and 3), by ordinal. */
  readonly virtualRootEdge: Uint8Array;
}

/**
 * `essentialInDegree` (length N+1), when given, already holds at [v + 1] the count of
 * essential edges into v (edge-rules.ts fills it); the array is taken over.
 * `nonEssential` must mark every self edge (edge-rules.ts does): the semidominator
 * step's forest arrays lie over the DFS's leftovers uncleared, and a node's own
 * retainer slot would read them. `allocate` makes the scratch buffers (all but the in-degrees).
 */
export function computeDominators(
  snapshot: CsrGraph,
  nonEssential: Uint8Array,
  essentialInDegree?: Uint32Array,
  allocate: AllocateBuffer = allocateLocal,
): Dominators {
  const n = snapshot.header.nodeCount;
  if (n === 0) {
    const none = new Uint32Array(0);
    const empty = { wide: [], slots: none, preorder: none };
    return { dominator: none, order: none, scratch: empty };
  }
  const inDegree =
    essentialInDegree !== undefined && essentialInDegree.length === n + 1 ? essentialInDegree : countEssentialRetainers(snapshot, nonEssential);
  const wideA = allocate(8 * (n + 1));
  const wideB = allocate(8 * (n + 1));
  const s: Scratch = {
    n,
    wideA,
    wideB,
    low: new Uint32Array(wideA, 0, n + 1),
    high: new Uint32Array(wideA, 4 * (n + 1), n + 1),
    pairs: new Uint32Array(wideB),
    perNode: inDegree,
    vertex: new Uint32Array(allocate(4 * (n + 1))),
    virtualRootEdge: newBitSet(n),
  };
  const spare = startSlots(s);
  const retainerNumber = new Uint32Array(allocate(4 * (spare + 1)));
  const count = numberNodes(snapshot, nonEssential, s, retainerNumber);
  closeSingleRanges(s, spare);
  gatherSlotRanges(s, count);
  semidominators(s, count, retainerNumber);
  immediateDominators(s, count);
  const dominator = dominatorsByOrdinal(s);
  return {
    dominator,
    order: s.vertex.subarray(1, n + 1),
    scratch: { wide: [wideA, wideB], slots: retainerNumber, preorder: s.vertex },
  };
}

/** Step 0 without edge-rules.ts' help: essential in-degrees at [v + 1]. */
function countEssentialRetainers(snapshot: CsrGraph, nonEssential: Uint8Array): Uint32Array {
  const toNode = snapshot.edges.toNode;
  const inDegree = new Uint32Array(snapshot.header.nodeCount + 1);
  for (let edge = 0, e = toNode.length; edge < e; edge++) {
    if ((nonEssential[edge >>> 3]! & (1 << (edge & 7))) !== 0) continue;
    inDegree[toNode[edge]! + 1]!++;
  }
  return inDegree;
}

/**
 * Step 0: each node's retainer slots start where the previous node's end (the in-degrees'
 * prefix sums, as write cursors at pairs[2v + 1]), but a node with one essential
 * retainer has none: its cursor points at the spare slot past the end, which the DFS
 * writes and closeSingleRanges forgets. Nodes without an essential retainer are marked as
 * stage-2 starts (the stage-1 DFS, which follows essential edges only, reaches none of
 * them but the root). Returns the number of slots, which is the spare slot's index.
 */
function startSlots(s: Scratch): number {
  const { n, perNode: inDegree, pairs: numSlot, virtualRootEdge } = s;
  let spare = 0;
  for (let v = 0; v < n; v++) {
    const degree = inDegree[v + 1]!;
    if (degree !== 1) spare += degree;
  }
  let slots = 0;
  for (let v = 0; v < n; v++) {
    const degree = inDegree[v + 1]!;
    if (degree === 0 && v !== 0) setBit(virtualRootEdge, v);
    if (degree === 1) {
      numSlot[2 * v + 1] = spare;
    } else {
      numSlot[2 * v + 1] = slots;
      slots += degree;
    }
  }
  return spare;
}

/**
 * Step 1a: the DFS moved the cursor of each node with one retainer from the spare slot to
 * one past it; set it to the end of the node before, so that every node's slots still
 * end where the next node's start, and these nodes' ranges are empty.
 */
function closeSingleRanges(s: Scratch, spare: number): void {
  const { n, pairs: numSlot } = s;
  let end = 0;
  for (let v = 0; v < n; v++) {
    const cursor = numSlot[2 * v + 1]!;
    if (cursor === spare + 1) numSlot[2 * v + 1] = end;
    else end = cursor;
  }
}

/**
 * Step 1: DFS numbering in three stages (see the file comment), filling the retainer slots
 * on the way. Returns the count of numbered nodes (n).
 */
function numberNodes(snapshot: CsrGraph, nonEssential: Uint8Array, s: Scratch, retainerNumber: Uint32Array): number {
  const { n, pairs: numSlot, virtualRootEdge } = s;
  let count = dfsFrom(snapshot, nonEssential, s, retainerNumber, 0, 0, 0);
  if (count < n) {
    for (let v = 0; v < n; v++) {
      // No essential retainer (held only weakly, or not at all): marked in step 0.
      if (numSlot[2 * v] !== 0 || !hasBit(virtualRootEdge, v)) continue;
      count = dfsFrom(snapshot, nonEssential, s, retainerNumber, v, 1, count);
    }
  }
  if (count < n) {
    for (let v = 0; v < n; v++) {
      if (numSlot[2 * v] === 0) setBit(virtualRootEdge, v);
    }
    for (let v = 0; v < n; v++) if (numSlot[2 * v] === 0) count = dfsFrom(snapshot, nonEssential, s, retainerNumber, v, 1, count);
  }
  return count;
}

/**
 * One DFS from `start` (its tree parent numbered `parentNumber`), numbering from
 * `count` + 1; returns the new count. A node's cursor only moves forward and every node
 * is numbered (and so pushed) by stage 3, so each edge is examined exactly once, by its
 * source, whose number is then known: the slot of each essential edge is written there,
 * whether its target is new or already numbered. Afterwards each write cursor has moved
 * to the end of its node's slots, which is where the next node's slots start.
 */
function dfsFrom(
  snapshot: CsrGraph,
  nonEssential: Uint8Array,
  s: Scratch,
  retainerNumber: Uint32Array,
  start: number,
  parentNumber: number,
  count: number,
): number {
  const { firstEdge } = snapshot;
  const toNode = snapshot.edges.toNode;
  // `numSlot[2v]` is v's DFS number (1..n; 0 = none yet), `numSlot[2v + 1]` the write
  // cursor of its retainer slots: read together for every edge's target, side by side
  // they share a cache line.
  const { pairs: numSlot, vertex, low: parent, perNode: stack, high: cursor } = s;
  numSlot[2 * start] = ++count;
  vertex[count] = start;
  parent[count] = parentNumber;
  stack[0] = start;
  cursor[0] = firstEdge[start]!;
  let top = 1;
  while (top > 0) {
    const v = stack[top - 1]!;
    const u = numSlot[2 * v]!;
    const end = firstEdge[v + 1]!;
    let edge = cursor[top - 1]!;
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
    cursor[top - 1] = edge + 1;
    numSlot[2 * w] = ++count;
    vertex[count] = w;
    parent[count] = u;
    stack[top] = w;
    cursor[top] = firstEdge[w]!;
    top++;
  }
  return count;
}

/**
 * Step 1b: each node's slot range by DFS number, so step 2 reads them in order instead of
 * with a dependent random read per node; gathered in a tight loop, the reads overlap.
 * v's range ends at its final cursor and starts at the final cursor of v - 1.
 */
function gatherSlotRanges(s: Scratch, count: number): void {
  const { pairs: numSlot, vertex, high: slotStart, perNode: slotEnd } = s;
  for (let w = 1; w <= count; w++) {
    const node = vertex[w]!;
    slotStart[w] = node === 0 ? 0 : numSlot[2 * node - 1]!;
    slotEnd[w] = numSlot[2 * node + 1]!;
  }
}

/**
 * Step 2: semidominators in reverse preorder, with L-T's `eval` over a forest linked in
 * that order. `best[x]` is the smallest semidominator on x's compressed forest path, i.e.
 * L-T's semi[label[x]]: SEMI-NCA never needs the label itself, so keeping the value saves
 * two random reads per compression step.
 *
 * Nodes are processed (and linked) in decreasing number, so while w is processed the
 * forest roots are exactly the nodes numbered w or less: `ancestor[x] > w` tells whether
 * x's ancestor is linked without reading that ancestor's own link. Only processed nodes
 * are read (u > w and their linked ancestors), and each gets its semi, best and ancestor
 * as it is processed: nothing needs clearing.
 */
function semidominators(s: Scratch, count: number, retainerNumber: Uint32Array): void {
  const { n, vertex, low: parent, high: slotStart, perNode: slotEnd, virtualRootEdge } = s;
  const semi = slotStart;
  const best = new Uint32Array(s.wideB, 0, n + 1);
  const ancestor = new Uint32Array(s.wideB, 4 * (n + 1), n + 1);
  // Path-compression stack: paths stay short once compressed, so it starts small and
  // doubles on demand instead of costing 4 bytes per node up front.
  let work: Uint32Array = new Uint32Array(1024);
  for (let w = count; w >= 2; w--) {
    const node = vertex[w]!;
    let sd = parent[w]!;
    if (hasBit(virtualRootEdge, node)) {
      sd = 1;
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
        if (candidate < sd) sd = candidate;
      }
    }
    semi[w] = sd;
    best[w] = sd;
    ancestor[w] = parent[w]!; // link
  }
}

/**
 * Step 3: idom(w) = NCA(parent(w), semi(w)) in preorder, walking up from parent(w) while
 * above semi(w); written over semi(w), since the walk only reads idoms of smaller numbers.
 */
function immediateDominators(s: Scratch, count: number): void {
  const { low: parent, high: semi } = s;
  const idom = semi;
  idom[1] = 1;
  for (let w = 2; w <= count; w++) {
    let x = parent[w]!;
    const sd = semi[w]!;
    while (x > sd) x = idom[x]!;
    idom[w] = x;
  }
}

/** The idoms by ordinal, into `perNode` (free since step 2). */
function dominatorsByOrdinal(s: Scratch): Uint32Array {
  const { n, vertex, high: idom } = s;
  const dominator = s.perNode.subarray(0, n);
  for (let w = 1; w <= n; w++) dominator[vertex[w]!] = vertex[idom[w]!]!;
  return dominator;
}
