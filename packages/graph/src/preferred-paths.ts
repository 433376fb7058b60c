// Preferred retaining paths: for every node at once, the path that minimises
// (internal steps, folded length) lexicographically (holder-costs.ts says what is internal;
// docs/DESIGN.md "Choosing the path" gives the whole rule). The folded length counts a
// step that repeats the step before it (same edge type and name, same class) as free, so
// the 300th Timeout of a timer list is as near as the first along `_idleNext` and the line
// a person reads is what is kept short.
//
// Starts (cost 0, length 0): the root, the globals (the root's non-synthetic children and
// the targets of a NativeContext's `global_object`), and the module scopes of user scripts.
// Module scopes of the runtime's own scripts (`node:internal/timers`…) start at cost 1, so
// they beat a path through `(GC roots)` but never a user's variable.
//
// Algorithm: a bucketed BFS. Bucket L holds the nodes first reached with L internal steps;
// inside a bucket, Dial's two queues (this length, next length) serve the edges of cost 0,
// merged with the bucket's seeds, sorted by length (counting sort) when the bucket opens; nodes reached by a
// repeated step are served first, last in first out, and on a tie a repeat wins, so a
// doubly linked list is read in one direction, not split at its middle. A node is final when
// popped, so the search can pause as soon as the nodes asked about are popped (settle())
// and resume later from where it stood; an edge with cost c > 0 only ever lands in bucket
// L + c. O(N + E + S log S) for S cross-bucket relaxations, no allocation per edge. (The free repeat makes an edge's length
// depend on the path chosen into its source, so "shortest" is with respect to that choice:
// a greedy rule, not an exact optimum over all paths.)
//
// Weak edges are never followed. A WeakMap value is kept by its key *and* its table: its
// pair's edge is followed only when the second of the two sources is popped, so the value
// costs max(key, table) + 1 step, as in the engine (both halves have the same cost: same
// target, same folded label). Unlike distances, the BFS does not skip NativeContext's
// `sloppy_function_map` or map descriptor links: both lead into V8 internals, which cost
// anyway.

import { EPHEMERON, EPHEMERON_NAME, COSTLY, NUMBERED, holderCosts } from './holder-costs.js';
import { grow } from '@heaptrail/parser';
import { avoidKey, graphMemo } from './graph-memo.js';
import { scopeDetector } from './module-scopes.js';
import { isRuntimeScript, scriptIndex } from './scripts.js';
import { typeIds } from './type-ids.js';
import type { HeapGraph } from './types.js';
import { NONE } from './types.js';
import { isUserRoot } from './user-roots.js';

/**
 * The paths found so far. Per-node values are final, and meaningful, only for settled nodes
 * that are reachable (`internalSteps(v) !== NONE`) and for the nodes on their paths.
 */
export interface PreferredPaths {
  /** Per node: the edge into it on its preferred path; NONE for starts. */
  readonly parentEdge: Uint32Array;
  /** Internal steps of the node's path; NONE when it is unreachable or not settled yet. */
  internalSteps(v: number): number;
  /** Folded steps of the node's path from its start. */
  pathLength(v: number): number;
  /** Whether the node starts its path. */
  isStart(v: number): boolean;
  /**
   * Goes on with the search until each of `nodes` has its path (or is found unreachable).
   * The arrays hold final values only for settled nodes and the nodes on their paths; a
   * search is paused, not restarted, so settling in batches costs what settling at once does.
   */
  settle(nodes: ArrayLike<number>): void;
  /** Runs the search to its end: every node settled. */
  settleAll(): void;
}

const searches = graphMemo((graph, key) => preferredSearch(graph, JSON.parse(key) as string[]));

/**
 * The graph's preferred-path search for these avoid patterns, kept per graph; `nodes` are
 * settled before it is returned (all nodes when omitted).
 */
export function preferredPaths(graph: HeapGraph, avoid: readonly string[] = [], nodes?: ArrayLike<number>): PreferredPaths {
  const search = searches(graph, avoidKey(avoid));
  if (nodes === undefined) search.settleAll();
  else search.settle(nodes);
  return search;
}

/** A fresh search run to its end (no memo). */
export function computePreferredPaths(graph: HeapGraph, avoid: readonly string[] = []): PreferredPaths {
  const search = preferredSearch(graph, avoid);
  search.settleAll();
  return search;
}

/** Above every real cost and still a small integer. */
const UNREACHED = 0x1fffffff;
/** A step key is type × STEP_SCALE + name index; names from NUMBERED_NAME on get no key (never a repeat). */
const STEP_SCALE = 2 ** 27;
const NUMBERED_NAME = STEP_SCALE - 1;

/** WeakMap pair of an ephemeron edge name: `table id:key id`. */
export function ephemeronPairKey(name: string): string | undefined {
  const m = EPHEMERON_NAME.exec(name);
  return m ? `${m[3]}:${m[1]}` : undefined;
}

/** A growable list of node ordinals (one per bucket). */
interface NodeList {
  items: Uint32Array;
  size: number;
}
const nodeList = (): NodeList => ({ items: new Uint32Array(16), size: 0 });
function push(list: NodeList, v: number): void {
  if (list.size === list.items.length) list.items = grow(list.items);
  list.items[list.size++] = v;
}

// Per node, one byte: the entry cost (low 5 bits, when every cost fits) and three flags.
const COST_MASK = 0x1f;
/** Reached last by a repeated step (see the tie rule). */
const VIA_REPEAT = 0x20;
const START = 0x40;
/** A settle() call waits for this node. */
const WANT = 0x80;
/** Set on a node's level once it is popped (final). */
const DONE_BIT = 0x20000000;

/**
 * The search as a paused state machine (closures, not a class: a process measuring its own
 * heap should not find heaptrail's classes in it). Nothing runs until settle().
 */
function preferredSearch(graph: HeapGraph, avoid: readonly string[]): PreferredPaths {
  const n = graph.nodeCount;
  const { snapshot, classOf } = graph;
  const { firstEdge, strings } = snapshot;
  const toNode = snapshot.edges.toNode;
  const edgeType = snapshot.edges.type;
  const edgeName = snapshot.edges.nameOrIndex;
  const nodeType = snapshot.nodes.type;
  // Few and small per-node arrays, none filled up front: on a heap of millions of nodes,
  // touching fresh memory is a large part of the search's time (so an edge's source is
  // found from the edge when a path is walked, not stored per node). Parents are written
  // for every node reached (starts: -1, at seeding), so unreached ones need no initial value.
  const parentEdge = new Uint32Array(n);
  // NONE does not fit a small integer: the hot loop reads parent edges through a signed view
  // (NONE = -1).
  const parent = new Int32Array(parentEdge.buffer);
  // best[2v] = level + 1 (0: not reached yet, so the array starts zeroed), best[2v + 1] = length:
  // side by side, one cache line per look-up.
  const best = new Uint32Array(2 * n);

  const t = typeIds(snapshot);
  const WEAK = t.edgeWeak;
  const INTERNAL = t.edgeInternal;
  const HIDDEN = t.edgeHidden;
  const ELEMENT = t.edgeElement;
  const ARRAY = t.nodeArray;
  /** The repeat test's key of a step by an edge of this type and name; negative: never a repeat. */
  const stepKey = (type: number, name: number): number =>
    type === ELEMENT || type === HIDDEN ? type * STEP_SCALE + NUMBERED_NAME : name < NUMBERED_NAME ? type * STEP_SCALE + name : -2;
  const costs = holderCosts(graph, avoid);
  const { contextClass, internalKind, nameKind, labelCost } = costs;
  // Entry cost per node, with room for the flags (an avoided class costs more than fits: capped).
  const info = new Uint8Array(n);
  const bigCost = costs.maxNodeCost > COST_MASK;
  if (!bigCost) info.set(costs.nodeCost);
  const metPairs = new Set<string>();
  const buckets: NodeList[] = [];
  const seed = (v: number, cost: number): void => {
    if (best[2 * v] !== 0 && best[2 * v]! <= cost + 1) return;
    best[2 * v] = cost + 1;
    best[2 * v + 1] = 0;
    parent[v] = -1;
    info[v]! |= START;
    push((buckets[cost] ??= nodeList()), v);
  };
  if (n > 0) for (const [v, cost] of starts(graph)) seed(v, cost);

  // How many nodes (flagged WANT) a settle() call still waits for.
  let wanted = 0;
  let finished = n === 0;
  // The paused state: bucket L (-1 before the first), length d, Dial's queues and the seeds.
  const s = { L: -1, open: false, d: 0, head: 0, tail: 0, nextTail: 0, top: 0, si: 0, seedCount: 0 };
  // Dial's queues (this length, the next) and the stack of nodes reached by a repeated step
  // at this length: those go first, so a list is walked to its end in one direction before
  // the other direction takes over.
  const queues = { cur: new Uint32Array(1024), nxt: new Uint32Array(1024), chain: new Uint32Array(1024) };
  let counts = new Uint32Array(16);
  let seeds = new Uint32Array(16);

  /** Opens the next non-empty bucket: its seeds by length (a counting sort), stale entries dropped. */
  const openBucket = (): boolean => {
    for (let L = s.L + 1; L < buckets.length; L++) {
      const bucket = buckets[L];
      if (bucket === undefined || bucket.size === 0) continue;
      buckets[L] = nodeList();
      const items = bucket.items;
      let maxLength = 0;
      for (let i = 0; i < bucket.size; i++) {
        const v = items[i]!;
        if (best[2 * v] === L + 1 && best[2 * v + 1]! > maxLength) maxLength = best[2 * v + 1]!;
      }
      if (counts.length < maxLength + 2) counts = new Uint32Array(maxLength + 2);
      counts.fill(0, 0, maxLength + 2);
      for (let i = 0; i < bucket.size; i++) {
        const v = items[i]!;
        if (best[2 * v] === L + 1) counts[best[2 * v + 1]! + 1]!++;
      }
      for (let k = 1; k < maxLength + 2; k++) counts[k]! += counts[k - 1]!;
      const seedCount = counts[maxLength + 1]!;
      if (seeds.length < seedCount) seeds = new Uint32Array(seedCount);
      for (let i = 0; i < bucket.size; i++) {
        const v = items[i]!;
        if (best[2 * v] === L + 1) seeds[counts[best[2 * v + 1]!]!++] = v;
      }
      Object.assign(s, { L, open: true, d: 0, head: 0, tail: 0, nextTail: 0, top: 0, si: 0, seedCount });
      return true;
    }
    s.L = buckets.length;
    return false;
  };

  /** Runs the open bucket until it is done (true) or the last wanted node is popped (false). */
  const runBucket = (): boolean => {
    // The hot loop works on locals, written back when it stops.
    const L = s.L;
    const seedCount = s.seedCount;
    let { d, head, tail, nextTail, top, si } = s;
    let { cur, nxt, chain } = queues;
    const seedList = seeds;
    const pause = (): false => {
      Object.assign(s, { d, head, tail, nextTail, top, si });
      Object.assign(queues, { cur, nxt, chain });
      return false;
    };
    for (;;) {
      if (head === tail && top === 0) {
        // This length is done: go on with the next one, or jump to the next seed's.
        if (nextTail > 0) {
          const swap = cur;
          cur = nxt;
          nxt = swap;
          head = 0;
          tail = nextTail;
          nextTail = 0;
          d++;
        } else if (si < seedCount) {
          head = tail = 0;
          d = best[2 * seedList[si]! + 1]!;
        } else break;
        while (si < seedCount && best[2 * seedList[si]! + 1]! <= d) {
          const v = seedList[si++]!;
          if (best[2 * v] !== L + 1 || best[2 * v + 1] !== d) continue;
          if (tail === cur.length) cur = grow(cur);
          cur[tail++] = v;
        }
        continue;
      }
      const v = top > 0 ? chain[--top]! : cur[head++]!;
      if (best[2 * v] !== L + 1 || best[2 * v + 1] !== d) continue;
      best[2 * v] = (L + 1) | DONE_BIT;
      // What the edges' tests read of v (the step into it, as one integer of edge type and
      // name, for the repeat test; its class and type), read at its first edge into a node
      // not yet final: late in the search most nodes have none, and these are cache misses.
      let sourceRead = false;
      let vStep = -1;
      let vClass = 0;
      let sourceIsArray = false;
      let sourceIsContext = false;
      for (let edge = firstEdge[v]!, end = firstEdge[v + 1]!; edge < end; edge++) {
        const type = edgeType[edge]!;
        if (type === WEAK) continue;
        const to = toNode[edge]!;
        // Level (with the done bit) and length of `to` share a cache line: one look-up settles most edges.
        const stored = best[2 * to]!;
        if ((stored & DONE_BIT) !== 0) continue;
        if (!sourceRead) {
          sourceRead = true;
          const pe = parent[v]!;
          if (pe >= 0) {
            vStep = stepKey(edgeType[pe]!, edgeName[pe]!);
          }
          vClass = classOf[v]!;
          sourceIsArray = nodeType[v] === ARRAY;
          sourceIsContext = contextClass[vClass] === 1;
        }
        const known = stored === 0 ? UNREACHED : stored - 1;
        const knownLength = best[2 * to + 1]!;
        const name = edgeName[edge]!;
        const step = stepKey(type, name);
        const sameStep = step >= 0 && step === vStep;
        if (known === L && knownLength <= d + 1) {
          // Reached at this cost, at most one step longer: only a repeated step can still do
          // better (or win the tie), so any other edge is settled without its cost.
          if (knownLength < d || !sameStep) continue;
        }
        const toInfo = info[to]!;
        let c = bigCost ? costs.nodeCost[to]! : toInfo & COST_MASK;
        if (type === INTERNAL) {
          let k = nameKind[name]!;
          if (k === 0) k = internalKind(name);
          if (k === COSTLY || (k === NUMBERED && !sourceIsArray)) c++;
          else if (k === EPHEMERON) {
            // Follow a pair once both its key and its table are reached.
            const pair = ephemeronPairKey(strings.get(name))!;
            if (!metPairs.has(pair)) {
              metPairs.add(pair);
              continue;
            }
          }
        } else if (type === HIDDEN && !sourceIsContext) c++;
        if (labelCost !== undefined) c += labelCost(edge);
        const next = L + c;
        if (next > known) continue;
        const repeat = sameStep && classOf[to] === vClass;
        const nextLength = repeat ? d : d + 1;
        if (next === known && nextLength >= knownLength) {
          // A tie: continuing a repeat wins over a fresh step (one direction along a list).
          if (nextLength === knownLength && repeat && (toInfo & (VIA_REPEAT | START)) === 0) {
            parent[to] = edge;
            info[to] = toInfo | VIA_REPEAT;
          }
          continue;
        }
        best[2 * to] = next + 1;
        best[2 * to + 1] = nextLength;
        parent[to] = edge;
        info[to] = repeat ? (toInfo & ~START) | VIA_REPEAT : toInfo & ~(START | VIA_REPEAT);
        if (next !== L) push((buckets[next] ??= nodeList()), to);
        else if (repeat) {
          if (top === chain.length) chain = grow(chain);
          chain[top++] = to;
        } else {
          if (nextTail === nxt.length) nxt = grow(nxt);
          nxt[nextTail++] = to;
        }
      }
      // Paused after the node's edges: resuming starts with the next pop.
      if ((info[v]! & WANT) !== 0) {
        info[v] = info[v]! & ~WANT;
        if (--wanted === 0) return pause();
      }
    }
    s.open = false;
    Object.assign(queues, { cur, nxt, chain });
    return true;
  };

  const run = (): void => {
    while (!finished) {
      if (!s.open && !openBucket()) finished = true;
      else if (!runBucket()) return;
    }
  };

  return {
    parentEdge,
    internalSteps: (v) => ((best[2 * v]! & DONE_BIT) === 0 ? NONE : (best[2 * v]! & ~DONE_BIT) - 1),
    pathLength: (v) => best[2 * v + 1]!,
    isStart: (v) => (info[v]! & START) !== 0,
    settle(nodes) {
      if (finished) return;
      for (let i = 0; i < nodes.length; i++) {
        const v = nodes[i]!;
        if ((best[2 * v]! & DONE_BIT) === 0 && (info[v]! & WANT) === 0) {
          info[v] = info[v]! | WANT;
          wanted++;
        }
      }
      if (wanted > 0) run();
      if (finished) wanted = 0;
    },
    settleAll() {
      if (finished) return;
      // No node is wanted: the search runs until its queues are empty.
      wanted = n + 1;
      run();
      wanted = 0;
    },
  };
}

/** [node, cost] for every start (see the header). */
function starts(graph: HeapGraph): [number, number][] {
  const { snapshot } = graph;
  const { firstEdge, strings, nodes, edges } = snapshot;
  const t = typeIds(snapshot);
  const out: [number, number][] = [[0, 0]];
  for (let e = firstEdge[0]!, end = firstEdge[1]!; e < end; e++) {
    const to = edges.toNode[e]!;
    if (to !== 0 && isUserRoot(snapshot, t, to)) out.push([to, 0]);
  }
  const scopes = scopeDetector(graph);
  const scripts = scriptIndex(graph);
  const contextNames = new Uint8Array(graph.classNames.length);
  graph.classNames.forEach((name, c) => {
    if (name === 'system / Context' || name === '(system)') contextNames[c] = 1;
  });
  // NativeContexts are told by their own name: hidden ones have the class `(system)`, and
  // newer Chromium makes them native nodes (`system / NativeContext / https://…`).
  const nativeName = new Map<number, boolean>();
  const isNative = (v: number): boolean => {
    const s = nodes.name[v]!;
    let yes = nativeName.get(s);
    if (yes === undefined) nativeName.set(s, (yes = strings.get(s).startsWith('system / NativeContext')));
    return yes;
  };
  let globalName = -1;
  for (let v = 0; v < graph.nodeCount; v++) {
    const type = nodes.type[v]!;
    if (contextNames[graph.classOf[v]!] === 1 && scopes.isModuleScope(v)) {
      const script = scripts.contextScript(v);
      out.push([v, script !== undefined && isRuntimeScript(script) ? 1 : 0]);
    } else if ((type === t.nodeHidden || type === t.nodeNative) && isNative(v)) {
      // Chromium: the global object hangs off its NativeContext, not off the root (which may
      // hold nothing but the GC roots).
      for (let e = firstEdge[v]!, end = firstEdge[v + 1]!; e < end; e++) {
        if (edges.type[e] !== t.edgeInternal) continue;
        const s = edges.nameOrIndex[e]!;
        if (globalName < 0 && strings.get(s) === 'global_object') globalName = s;
        if (s === globalName) out.push([edges.toNode[e]!, 0]);
      }
    }
  }
  return out;
}
