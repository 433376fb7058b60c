// Which edges count, computed once per snapshot into bit sets (one bit per edge).
//
// Dominators (DevTools' `computeIsEssentialEdge`): an edge is *non-essential* when
//   - it is `weak` (the GC ignores it);
//   - it is a self edge;
//   - it is a `shortcut` from any node but the root (only the root's shortcuts mean
//     something: they mark the user globals);
//   - it is the table → value half of a WeakMap ephemeron pair (V8 writes two
//     `internal` edges to each value, one from the key and one from the table; either
//     alone keeps the value, DevTools keeps the key's edge as the more useful owner);
//   - (page-owned rule, on by default) its source is neither the root nor page-owned
//     and its target is page-owned. Page-owned = reachable over non-weak edges from
//     the root's shortcut targets (the globals; in Node the global object too) or a
//     root element `(Document DOM trees)`. This stops debugger/console/V8-internal
//     references from stealing dominance over the page's (program's) objects.
//
// Distances (DevTools' `calculateDistances` filter): the BFS skips `weak` edges, the
// `sloppy_function_map` edge out of the hidden node `system / NativeContext`, the
// descriptor links (element index >= 2 and ≡ 1 mod 3) out of arrays named
// `(map descriptors)` (crbug 413608), and the *first* edge met of each WeakMap pair
// (crbug 1290800) — that last rule depends on BFS order, so it lives in distances.ts,
// which gets the pair index of each ephemeron edge from here.

import { newBitSet } from './bit-set.js';
import { grow, type HeapSnapshot } from '@heaptrail/parser';
import { typeIds, type TypeIds } from './type-ids.js';
import { isDomTrees } from './user-roots.js';

export interface EdgeRuleOptions {
  /** Apply DevTools' page-owned rule (default true, as DevTools does). */
  readonly pageOwnedRule?: boolean;
  /**
   * Length N+1, zeroed: receives at [v + 1] the number of essential edges into v, which
   * the dominator pass needs; counting here, where each edge's rule is decided, saves
   * that pass a sweep over all edges.
   */
  readonly essentialInDegree?: Uint32Array;
  /** The snapshot's type ids, when the caller has them already. */
  readonly types?: TypeIds;
  /** Keep the bit sets in SharedArrayBuffers, for a worker thread to read (default false). */
  readonly shared?: boolean;
}

export interface EdgeRules {
  /** Bit per edge: set when the edge is ignored by dominators. */
  readonly nonEssential: Uint8Array;
  /** Bit per edge: set when the distance BFS never follows the edge. */
  readonly distanceSkip: Uint8Array;
  /** Bit per edge: set for WeakMap ephemeron edges (both halves). */
  readonly ephemeron: Uint8Array;
  /** Ephemeron edge ordinals in ascending order, and the pair each belongs to. */
  readonly ephemeronEdges: Uint32Array;
  readonly ephemeronPair: Uint32Array;
  readonly ephemeronPairCount: number;
}

export interface WeakMapEdgeName {
  readonly keyId: number;
  readonly valueId: number;
  readonly tableId: number;
}

// V8's `SetNamedAutoIndexReference` text, as DevTools matches it.
const EPHEMERON_NAME =
  /^\d+ \/ part of key \(.*? @(\d+)\) -> value \(.*? @(\d+)\) pair in WeakMap \(table @(\d+)\)$/;

export function parseWeakMapEdgeName(name: string): WeakMapEdgeName | undefined {
  const m = EPHEMERON_NAME.exec(name);
  return m ? { keyId: Number(m[1]), valueId: Number(m[2]), tableId: Number(m[3]) } : undefined;
}

// Per-string classification cache codes.
const UNKNOWN = 0;
const PLAIN = 1;
const NATIVE_CONTEXT = 2;
const MAP_DESCRIPTORS = 3;
const SLOPPY_FUNCTION_MAP = 4;
const WEAKMAP_EDGE = 5;

export function computeEdgeRules(snapshot: HeapSnapshot, options: EdgeRuleOptions = {}): EdgeRules {
  const n = snapshot.header.nodeCount;
  const e = snapshot.header.edgeCount;
  const { firstEdge, strings } = snapshot;
  const nodeType = snapshot.nodes.type;
  const nodeName = snapshot.nodes.name;
  const nodeId = snapshot.nodes.id;
  const edgeType = snapshot.edges.type;
  const edgeName = snapshot.edges.nameOrIndex;
  const toNode = snapshot.edges.toNode;
  const t = options.types ?? typeIds(snapshot);

  const shared = options.shared === true;
  const nonEssential = newBitSet(e, shared);
  const distanceSkip = newBitSet(e, shared);
  const ephemeron = newBitSet(e, shared);
  const pageOwned = options.pageOwnedRule === false ? undefined : markPageOwned(snapshot, t);

  // Names are decoded once per distinct string and only for the few places a rule
  // needs them (internal edge names, hidden/array node names). WeakMap edge names are
  // unique per edge, so their parse is used at once rather than cached.
  const kind = new Uint8Array(strings.length);
  let match: RegExpExecArray | null = null;
  const classify = (s: number): number => {
    let k = kind[s]!;
    if (k !== UNKNOWN && k !== WEAKMAP_EDGE) return k;
    const text = strings.get(s);
    if (text === 'system / NativeContext') k = NATIVE_CONTEXT;
    else if (text === '(map descriptors)') k = MAP_DESCRIPTORS;
    else if (text === 'sloppy_function_map') k = SLOPPY_FUNCTION_MAP;
    else {
      match = EPHEMERON_NAME.exec(text);
      k = match ? WEAKMAP_EDGE : PLAIN;
    }
    kind[s] = k;
    return k;
  };
  const isNamed = (type: number) => type !== t.edgeElement && type !== t.edgeHidden;

  // A WeakMap holds one value per key, so (table id, key id) names a pair; DevTools
  // matches the shared name text, which carries the same ids. Numeric keys hash fast.
  // Typed and grown by doubling: a JS array of edge ordinals boxes each past 2^31, and caps out near 2^27 entries.
  let ephemeronEdges: Uint32Array = new Uint32Array(1024);
  let ephemeronPair: Uint32Array = new Uint32Array(1024);
  let ephemeronCount = 0;
  const pairsByTable = new Map<number, Map<number, number>>();
  let pairCount = 0;
  const pairOf = (tableId: number, keyId: number): number => {
    let byKey = pairsByTable.get(tableId);
    if (byKey === undefined) pairsByTable.set(tableId, (byKey = new Map()));
    let p = byKey.get(keyId);
    if (p === undefined) byKey.set(keyId, (p = pairCount++));
    return p;
  };

  // Hot loop: type ids and the page flags hoisted into locals, bit sets written inline.
  const WEAK = t.edgeWeak;
  const SHORTCUT = t.edgeShortcut;
  const INTERNAL = t.edgeInternal;
  const HIDDEN_NODE = t.nodeHidden;
  const ARRAY_NODE = t.nodeArray;
  const usePage = pageOwned !== undefined;
  const inDegree = options.essentialInDegree;
  const countIn = inDegree !== undefined && inDegree.length === n + 1;
  const counts = countIn ? inDegree : new Uint32Array(0);
  const page = pageOwned ?? new Uint8Array(0);
  for (let src = 0; src < n; src++) {
    const srcType = nodeType[src]!;
    let srcKind = PLAIN;
    if (srcType === HIDDEN_NODE || srcType === ARRAY_NODE) srcKind = classify(nodeName[src]!);
    // Only a non-root source outside the page can lose edges to the page-owned rule.
    const pageRule = usePage && src !== 0 && page[src] === 0;
    const end = firstEdge[src + 1]!;
    for (let edge = firstEdge[src]!; edge < end; edge++) {
      const type = edgeType[edge]!;
      const bit = 1 << (edge & 7);
      const byte = edge >>> 3;
      if (type === WEAK) {
        nonEssential[byte]! |= bit;
        distanceSkip[byte]! |= bit;
        continue;
      }
      const to = toNode[edge]!;
      if (to === src || (type === SHORTCUT && src !== 0) || (pageRule && page[to] === 1)) nonEssential[byte]! |= bit;
      if (type === INTERNAL) {
        const name = edgeName[edge]!;
        const k = kind[name] === PLAIN ? PLAIN : classify(name);
        if (k === WEAKMAP_EDGE) {
          const m = match!;
          const tableId = Number(m[3]);
          if (tableId === nodeId[src]) nonEssential[byte]! |= bit;
          // DevTools' distance filter decides (map descriptors) edges before this rule.
          if (srcKind !== MAP_DESCRIPTORS || srcType !== ARRAY_NODE) {
            ephemeron[byte]! |= bit;
            if (ephemeronCount === ephemeronEdges.length) {
              ephemeronEdges = grow(ephemeronEdges);
              ephemeronPair = grow(ephemeronPair);
            }
            ephemeronEdges[ephemeronCount] = edge;
            ephemeronPair[ephemeronCount++] = pairOf(tableId, Number(m[1]));
          }
        }
      }
      if (countIn && (nonEssential[byte]! & bit) === 0) counts[to + 1]!++;
      if (srcKind === PLAIN) continue;
      if (srcKind === NATIVE_CONTEXT && srcType === HIDDEN_NODE) {
        if (isNamed(type) && classify(edgeName[edge]!) === SLOPPY_FUNCTION_MAP) distanceSkip[byte]! |= bit;
      } else if (srcKind === MAP_DESCRIPTORS && srcType === ARRAY_NODE) {
        const index = isNamed(type) ? parseInt(strings.get(edgeName[edge]!), 10) : edgeName[edge]!;
        if (index >= 2 && index % 3 === 1) distanceSkip[byte]! |= bit;
      }
    }
  }

  return {
    nonEssential,
    distanceSkip,
    ephemeron,
    ephemeronEdges: ephemeronEdges.slice(0, ephemeronCount),
    ephemeronPair: ephemeronPair.slice(0, ephemeronCount),
    ephemeronPairCount: pairCount,
  };
}

/**
 * DevTools' `markPageOwnedNodes`: the root's shortcut targets and root element
 * targets that are the synthetic `(Document DOM trees)` node, then everything
 * reachable from them over non-weak edges.
 *
 * Reachability does not depend on the visiting order, so rather than a DFS (a random
 * jump into the edge columns per node) the nodes are swept in ordinal order, each
 * marked node expanded when the sweep reaches it; only a node marked behind the
 * sweep goes on a stack, expanded at once (1 GB benchmark: 2 M of 13.9 M nodes,
 * 0.23 s instead of 0.57 s).
 */
export function markPageOwned(snapshot: HeapSnapshot, t: TypeIds = typeIds(snapshot)): Uint8Array {
  const n = snapshot.header.nodeCount;
  const { firstEdge } = snapshot;
  const edgeType = snapshot.edges.type;
  const toNode = snapshot.edges.toNode;
  const weak = t.edgeWeak;
  const owned = new Uint8Array(n);
  if (n === 0) return owned;
  for (let edge = firstEdge[0]!, end = firstEdge[1]!; edge < end; edge++) {
    const type = edgeType[edge]!;
    const to = toNode[edge]!;
    if (type === t.edgeElement) {
      if (!isDomTrees(snapshot, t, to)) continue;
    } else if (type !== t.edgeShortcut) {
      continue;
    }
    owned[to] = 1;
  }
  let stack: Uint32Array = new Uint32Array(1024);
  let top = 0;
  for (let sweep = 0; sweep < n; sweep++) {
    if (owned[sweep] === 0) continue;
    let v = sweep;
    for (;;) {
      for (let edge = firstEdge[v]!, end = firstEdge[v + 1]!; edge < end; edge++) {
        const to = toNode[edge]!;
        if (owned[to] === 1 || edgeType[edge] === weak) continue;
        owned[to] = 1;
        if (to > sweep) continue; // the sweep expands it
        if (top === stack.length) stack = grow(stack);
        stack[top++] = to;
      }
      if (top === 0) break;
      v = stack[--top]!;
    }
  }
  return owned;
}
