// DevTools' shallow-size re-attribution (`calculateShallowSizes`), optional in
// analyze() and on by default so our sizes match the DevTools UI.
//
// V8 splits one JS object over several heap cells: an Array's elements store, an
// object's property backing store, a Map's hash table are `array` or `hidden`
// nodes. DevTools folds each such cell into the one object that owns it: nodes of
// type hidden/array (and the native `system / ExternalStringData`) start unowned,
// every other node owns itself, and ownership flows along non-weak edges into
// unowned nodes; a node reached from two owners has multiple owners. A node left
// with exactly one owner moves its self size into that owner (not into synthetic
// nodes or the root). The total is unchanged. Skipped when the root has no user
// roots (snapshots taken with "expose internals"), as DevTools does.
// The raw V8 sizes stay in `snapshot.nodes.selfSize`; when nothing moves (or the
// rule is skipped) that very array is returned rather than a copy.

import { grow, type HeapSnapshot } from '@heaptrail/parser';
import { typeIds, type TypeIds } from './type-ids.js';
import { isUserRoot } from './user-roots.js';

const UNVISITED = 0xffffffff;
const MULTIPLE = 0xfffffffe;

/**
 * `scratch` (length >= N) may be passed to reuse an array for the owners, `into`
 * (length N) to receive the moved sizes; contents of both are ignored. A Uint32 `into`
 * must hold the sum of all self sizes (the total is what a size can grow to). `t`: the
 * snapshot's type ids, when the caller has them already.
 */
export function reattributeShallowSizes(snapshot: HeapSnapshot, scratch?: Uint32Array, into?: Uint32Array | Float64Array, t: TypeIds = typeIds(snapshot)): Uint32Array | Float64Array {
  const n = snapshot.header.nodeCount;
  const raw = snapshot.nodes.selfSize;
  if (!hasUserRoots(snapshot, t)) return raw;
  const { firstEdge, strings } = snapshot;
  const nodeType = snapshot.nodes.type;
  const nodeName = snapshot.nodes.name;
  const edgeType = snapshot.edges.type;
  const toNode = snapshot.edges.toNode;

  const owner = scratch !== undefined && scratch.length >= n ? scratch : new Uint32Array(n);
  let externalStringData = -1; // string index of `system / ExternalStringData`, once seen
  for (let v = 0; v < n; v++) {
    const type = nodeType[v]!;
    let unowned = type === t.nodeHidden || type === t.nodeArray;
    if (!unowned && type === t.nodeNative) {
      const name = nodeName[v]!;
      if (name === externalStringData) unowned = true;
      else if (externalStringData < 0 && strings.get(name) === 'system / ExternalStringData') {
        externalStringData = name;
        unowned = true;
      }
    }
    owner[v] = unowned ? UNVISITED : v;
  }

  // Each unowned node is pushed at most twice (unvisited → one owner → multiple),
  // but an owner's reach is usually small: the stack grows on demand.
  let stack: Uint32Array = new Uint32Array(1024);
  for (let start = 0; start < n; start++) {
    if (owner[start] !== start) continue;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const v = stack[--top]!;
      const own = owner[v]!;
      for (let edge = firstEdge[v]!, end = firstEdge[v + 1]!; edge < end; edge++) {
        if (edgeType[edge] === t.edgeWeak) continue;
        const to = toNode[edge]!;
        const current = owner[to]!;
        if (current === UNVISITED) owner[to] = own;
        else if (current !== to && current !== own && current !== MULTIPLE) owner[to] = MULTIPLE;
        else continue;
        if (top === stack.length) stack = grow(stack);
        stack[top++] = to;
      }
    }
  }

  let sizes: Uint32Array | Float64Array | undefined;
  for (let v = 0; v < n; v++) {
    const own = owner[v]!;
    if (own === UNVISITED || own === MULTIPLE || own === v) continue;
    if (own === 0 || nodeType[own] === t.nodeSynthetic) continue;
    if (sizes === undefined) {
      sizes = into !== undefined && into.length === n ? into : new Float64Array(n);
      sizes.set(raw);
    }
    sizes[own]! += sizes[v]!;
    sizes[v] = 0;
  }
  return sizes ?? raw;
}

function hasUserRoots(snapshot: HeapSnapshot, t: TypeIds): boolean {
  const { firstEdge } = snapshot;
  if (snapshot.header.nodeCount === 0) return false;
  for (let edge = firstEdge[0]!, end = firstEdge[1]!; edge < end; edge++) {
    if (isUserRoot(snapshot, t, snapshot.edges.toNode[edge]!)) return true;
  }
  return false;
}
