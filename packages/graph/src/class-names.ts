// Class names, one per node, by the rules in docs/DESIGN.md ("Class names").
//
// Rules (node type → class name):
// - object, native: the node name (the constructor name). A name starting with `<` is cut at
//   the first space and closed with `>` (`<div id="a">` → `<div>`); the same after a
//   `Detached ` prefix. A detached native node gets the `Detached ` prefix. Detached is
//   DevTools' `propagateDOMState`: native nodes the embedder marked attached (1) or detached
//   (2) pass their state on to unmarked native children over edges other than hidden,
//   invisible and weak; attached spreads first and wins; JS objects stop the spread.
// - object named `Object` (a plain object): the inferred interface `{a, b, c}` as DevTools
//   infers it: each plain object proposes `{p1, p2, …}` from its property edges in edge order
//   (no `__proto__`; names with `, ' " { }` JSON-quoted; no property is added once the name
//   so far plus it passes 120 characters, but the first always is; objects without properties
//   propose nothing). Proposals seen at least max(2, plainObjects/1000) times are kept, most
//   popular first, ties in first-seen order. Each plain object
//   then takes the kept interface with the most properties that it all has (ties: the more
//   popular), else stays `Object`.
// - closure: `name()`, anonymous ones `(anonymous)()`.
// - regexp: `RegExp`; hidden: `(system)`; code: `(compiled code)`;
//   string, concatenated string, sliced string: `(string)`; any other type: `(type)`.
//
// Differences from DevTools:
// - Closures are named per function, not all `Function`, so one leaking listener stands out.
// - The three string types share `(string)`.
// - Same-named classes from different scripts (DevTools keys objects with a location by
//   script/line/column) share one class here: locations are not stable between processes.
//
// Speed: one pass over nodes; each distinct (type, name index) is decoded once, each
// distinct property name once; the interface passes (object-interfaces.ts) touch only
// plain objects' edges, and work out proposals and matches once per property sequence.

import type { HeapSnapshot } from '@heaptrail/parser';
import { assignInterfaces } from './object-interfaces.js';

export interface ClassNames {
  /** Per node ordinal: index into `names`. */
  readonly classOf: Uint32Array;
  readonly names: readonly string[];
}

/** `<div id="a">` → `<div>`, `Detached <div class=x>` → `Detached <div>`; other names unchanged. */
export function cutTagName(name: string): string {
  const start = name.startsWith('<') ? 0 : name.startsWith('Detached <') ? 9 : -1;
  if (start < 0) return name;
  const space = name.indexOf(' ', start);
  return space < 0 ? name : name.slice(0, space) + '>';
}

function nameForType(type: string, rawName: string, detached: boolean): string {
  switch (type) {
    case 'object':
      return cutTagName(rawName);
    case 'native': {
      const name = cutTagName(rawName);
      return detached && !name.startsWith('Detached ') ? `Detached ${name}` : name;
    }
    case 'closure':
      return `${rawName || '(anonymous)'}()`;
    case 'regexp':
      return 'RegExp';
    case 'hidden':
      return '(system)';
    case 'code':
      return '(compiled code)';
    case 'string':
    case 'concatenated string':
    case 'sliced string':
      return '(string)';
    default:
      return `(${type})`;
  }
}

const ATTACHED = 1;
const DETACHED = 2;

/**
 * Per node: the embedder's DOM state spread as DevTools' `propagateDOMState` does (see the
 * header); undefined when the snapshot has no detachedness field. Worklists hold only native
 * nodes that carry a state, so a Node.js heap costs one pass over the column.
 */
function domState(snapshot: HeapSnapshot, nativeType: number): Uint8Array | undefined {
  const marked = snapshot.nodes.detachedness;
  if (!marked) return undefined;
  const n = snapshot.header.nodeCount;
  const { type: nodeType } = snapshot.nodes;
  const { type: edgeType, toNode } = snapshot.edges;
  const firstEdge = snapshot.firstEdge;
  const edgeTypes = snapshot.header.meta.edgeTypes;
  const skip = new Uint8Array(Math.max(edgeTypes.length, 1));
  for (const t of ['hidden', 'invisible', 'weak']) if (edgeTypes.indexOf(t) >= 0) skip[edgeTypes.indexOf(t)] = 1;
  const state = new Uint8Array(n);
  const visited = new Uint8Array(n);
  const attached: number[] = [];
  const detached: number[] = [];
  const visit = (v: number, s: number): void => {
    if (visited[v] === 1) return;
    visited[v] = 1;
    if (nodeType[v] !== nativeType) return;
    state[v] = s;
    if (s === ATTACHED) attached.push(v);
    else if (s === DETACHED) detached.push(v);
  };
  for (let v = 0; v < n; v++) if (marked[v] !== 0) visit(v, marked[v]!);
  for (const [list, s] of [[attached, ATTACHED], [detached, DETACHED]] as const) {
    while (list.length > 0) {
      const v = list.pop()!;
      for (let e = firstEdge[v]!, end = firstEdge[v + 1]!; e < end; e++) if (skip[edgeType[e]!] === 0) visit(toNode[e]!, s);
    }
  }
  return state;
}

/** Interns class name strings to dense ids. */
class NameTable {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  id(name: string): number {
    let c = this.ids.get(name);
    if (c === undefined) {
      c = this.names.length;
      this.names.push(name);
      this.ids.set(name, c);
    }
    return c;
  }
}

export function computeClassNames(snapshot: HeapSnapshot): ClassNames {
  const { nodes, strings, header } = snapshot;
  const types = header.meta.nodeTypes;
  const n = header.nodeCount;
  const nodeType = nodes.type;
  const nodeName = nodes.name;
  const nativeType = types.indexOf('native');
  const detachedness = domState(snapshot, nativeType);
  const objectType = types.indexOf('object');
  const closureType = types.indexOf('closure');
  const classOf = new Uint32Array(n);
  const table = new NameTable();
  // Types whose class ignores the name (strings, code, …) never decode it.
  const byType = new Int32Array(types.length).fill(-1);
  for (let t = 0; t < types.length; t++) {
    if (t !== objectType && t !== nativeType && t !== closureType) byType[t] = table.id(nameForType(types[t]!, '', false));
  }
  // Name-dependent classes cached by name index for the first type seen with it; other
  // (name, type, detached) combinations go through a Map.
  const byName = new Int32Array(strings.length).fill(-1);
  const byNameType = new Uint8Array(strings.length);
  const other = new Map<number, number>();
  let plainObjectClass = -1;
  let plainCount = 0;
  for (let i = 0; i < n; i++) {
    const t = nodeType[i]!;
    let c = byType[t]!;
    if (c < 0) {
      const s = nodeName[i]!;
      const detached = t === nativeType && detachedness !== undefined && detachedness[i] === 2;
      if (!detached && byName[s]! >= 0 && byNameType[s] === t) {
        c = byName[s]!;
      } else {
        // Exact for any header: t < types.length <= 256 and s < 2^32, so the key stays below 2^41.
        const key = (s * types.length + t) * 2 + (detached ? 1 : 0);
        const known = other.get(key);
        if (known !== undefined) {
          c = known;
        } else {
          const raw = strings.get(s);
          c = table.id(nameForType(types[t]!, raw, detached));
          other.set(key, c);
          if (!detached && byName[s]! < 0) {
            byName[s] = c;
            byNameType[s] = t;
          }
          if (t === objectType && raw === 'Object') plainObjectClass = c;
        }
      }
    }
    classOf[i] = c;
    if (c === plainObjectClass && t === objectType) plainCount++;
  }
  if (plainCount > 0) {
    assignInterfaces(snapshot, classOf, plainObjectClass, objectType, plainCount, (name) => table.id(name));
  }
  return { classOf, names: table.names };
}
