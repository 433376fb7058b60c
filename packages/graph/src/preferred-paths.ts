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
// merged with the bucket's seeds, sorted once when the bucket opens; nodes reached by a
// repeated step are served first, last in first out, and on a tie a repeat wins, so a
// doubly linked list is read in one direction, not split at its middle. A node is final when
// popped; an edge with cost c > 0 only ever lands in bucket L + c. O(N + E + S log S) for S
// cross-bucket relaxations, no allocation per edge. (The free repeat makes an edge's length
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
import { grow } from './grow.js';
import { scopeDetector } from './module-scopes.js';
import { isRuntimeScript, scriptIndex } from './scripts.js';
import { typeIds } from './type-ids.js';
import type { HeapGraph } from './types.js';
import { NONE } from './types.js';
import { isUserRoot } from './user-roots.js';

export interface PreferredPaths {
  /** Per node: the edge into it on its preferred path; NONE for starts and unreachable nodes. */
  readonly parentEdge: Uint32Array;
  /** Per node: internal steps of that path (NONE when unreachable). */
  readonly internalSteps: Uint32Array;
  /** Per node: folded steps from its start. */
  readonly length: Uint32Array;
  /** Per node: 1 for a start. */
  readonly isStart: Uint8Array;
}

const LENGTH_SCALE = 2 ** 32;

const cache = new WeakMap<HeapGraph, Map<string, PreferredPaths>>();

/** The graph's preferred paths for these avoid patterns, computed on first use and kept. */
export function preferredPaths(graph: HeapGraph, avoid: readonly string[] = []): PreferredPaths {
  let byAvoid = cache.get(graph);
  if (!byAvoid) cache.set(graph, (byAvoid = new Map()));
  const key = JSON.stringify([...avoid].sort());
  let p = byAvoid.get(key);
  if (!p) byAvoid.set(key, (p = computePreferredPaths(graph, avoid)));
  return p;
}

/** WeakMap pair of an ephemeron edge name: `table id:key id`. */
export function ephemeronPairKey(name: string): string | undefined {
  const m = EPHEMERON_NAME.exec(name);
  return m ? `${m[3]}:${m[1]}` : undefined;
}

export function computePreferredPaths(graph: HeapGraph, avoid: readonly string[] = []): PreferredPaths {
  const n = graph.nodeCount;
  const { snapshot, classOf } = graph;
  const { firstEdge, strings } = snapshot;
  const toNode = snapshot.edges.toNode;
  const edgeType = snapshot.edges.type;
  const edgeName = snapshot.edges.nameOrIndex;
  const nodeType = snapshot.nodes.type;
  const parentEdge = new Uint32Array(n).fill(NONE);
  const level = new Uint32Array(n).fill(NONE);
  const length = new Uint32Array(n);
  const isStart = new Uint8Array(n);
  const done = new Uint8Array(n);
  if (n === 0) return { parentEdge, internalSteps: level, length, isStart };

  const t = typeIds(snapshot);
  const WEAK = t.edgeWeak;
  const INTERNAL = t.edgeInternal;
  const HIDDEN = t.edgeHidden;
  const ELEMENT = t.edgeElement;
  const ARRAY = t.nodeArray;
  const costs = holderCosts(graph, avoid);
  const { nodeCost, contextClass, internalKind, labelCost } = costs;
  const metPairs = new Set<string>();
  const buckets: number[][] = [];
  const seed = (v: number, cost: number): void => {
    if (level[v] !== NONE && level[v]! <= cost) return;
    level[v] = cost;
    length[v] = 0;
    isStart[v] = 1;
    (buckets[cost] ??= []).push(v);
  };
  for (const [v, cost] of starts(graph)) seed(v, cost);

  let cur = new Uint32Array(1024);
  let nxt = new Uint32Array(1024);
  // Nodes reached by a repeated step at the current length go first (a stack), so a list is
  // walked to its end in one direction before the other direction takes over.
  let chain = new Uint32Array(1024);
  const viaRepeat = new Uint8Array(n);
  for (let L = 0; L < buckets.length; L++) {
    const bucket = buckets[L];
    if (bucket === undefined || bucket.length === 0) continue;
    buckets[L] = [];
    const seeds = new Float64Array(bucket.length);
    for (let i = 0; i < bucket.length; i++) seeds[i] = length[bucket[i]!]! * LENGTH_SCALE + bucket[i]!;
    seeds.sort();
    let si = 0;
    let head = 0;
    let tail = 0;
    let nextTail = 0;
    let top = 0;
    let d = 0;
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
        } else if (si < seeds.length) {
          head = tail = 0;
          d = Math.floor(seeds[si]! / LENGTH_SCALE);
        } else break;
        while (si < seeds.length && Math.floor(seeds[si]! / LENGTH_SCALE) <= d) {
          const v = seeds[si++]! % LENGTH_SCALE;
          if (level[v] !== L || length[v] !== d) continue;
          if (tail === cur.length) cur = grow(cur);
          cur[tail++] = v;
        }
        continue;
      }
      const v = top > 0 ? chain[--top]! : cur[head++]!;
      if (done[v] === 1 || level[v] !== L || length[v] !== d) continue;
      done[v] = 1;
      const pe = parentEdge[v]!;
      const pType = pe === NONE ? -1 : edgeType[pe]!;
      const pName = pe === NONE ? -1 : pType === ELEMENT || pType === HIDDEN ? -2 : edgeName[pe]!;
      const vClass = classOf[v]!;
      const sourceIsArray = nodeType[v] === ARRAY;
      const sourceIsContext = contextClass[vClass] === 1;
      for (let edge = firstEdge[v]!, end = firstEdge[v + 1]!; edge < end; edge++) {
        const type = edgeType[edge]!;
        if (type === WEAK) continue;
        const to = toNode[edge]!;
        if (done[to] === 1) continue;
        let c = nodeCost[to]!;
        if (type === INTERNAL) {
          const k = internalKind(edgeName[edge]!);
          if (k === COSTLY || (k === NUMBERED && !sourceIsArray)) c++;
          else if (k === EPHEMERON) {
            // Follow a pair once both its key and its table are reached.
            const pair = ephemeronPairKey(strings.get(edgeName[edge]!))!;
            if (!metPairs.has(pair)) {
              metPairs.add(pair);
              continue;
            }
          }
        } else if (type === HIDDEN && !sourceIsContext) c++;
        if (labelCost !== undefined) c += labelCost(edge);
        const repeat = type === pType && (pName === -2 || edgeName[edge] === pName) && classOf[to] === vClass;
        const nextLength = repeat ? d : d + 1;
        const next = L + c;
        const known = level[to]!;
        if (next > known || (next === known && nextLength > length[to]!)) continue;
        if (next === known && nextLength === length[to]) {
          // A tie: continuing a repeat wins over a fresh step (one direction along a list).
          if (repeat && viaRepeat[to] === 0 && isStart[to] === 0) {
            parentEdge[to] = edge;
            viaRepeat[to] = 1;
          }
          continue;
        }
        level[to] = next;
        length[to] = nextLength;
        parentEdge[to] = edge;
        isStart[to] = 0;
        viaRepeat[to] = repeat ? 1 : 0;
        if (next !== L) (buckets[next] ??= []).push(to);
        else if (repeat) {
          if (top === chain.length) chain = grow(chain);
          chain[top++] = to;
        } else {
          if (nextTail === nxt.length) nxt = grow(nxt);
          nxt[nextTail++] = to;
        }
      }
    }
  }
  return { parentEdge, internalSteps: level, length, isStart };
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
  // Hidden nodes all have the class `(system)`: NativeContexts are told by their own name.
  const nativeName = new Map<number, boolean>();
  const isNative = (v: number): boolean => {
    const s = nodes.name[v]!;
    let yes = nativeName.get(s);
    if (yes === undefined) nativeName.set(s, (yes = strings.get(s).startsWith('system / NativeContext')));
    return yes;
  };
  let globalName = -1;
  for (let v = 0; v < graph.nodeCount; v++) {
    if (contextNames[graph.classOf[v]!] === 0) continue;
    if (scopes.isModuleScope(v)) {
      const script = scripts.contextScript(v);
      out.push([v, script !== undefined && isRuntimeScript(script) ? 1 : 0]);
    } else if (nodes.type[v] === t.nodeHidden && isNative(v)) {
      // Chromium: the global object hangs off its NativeContext, not off the root.
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
