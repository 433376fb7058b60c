// The preferred-path order (docs/DESIGN.md, "Choosing the path") as a relaxation to a
// fix-point, written independently of src/: internal steps per node, and the plain
// (unit-step) length of the shortest path among those with the fewest internal steps.
// Restated cost rule, for graphs without scripts: entering a `code` or `synthetic` node or a
// NativeContext costs one; an `internal` edge costs one unless it is structural (a known
// name, a numbered slot of an array, a WeakMap value edge); a `hidden` edge costs one unless
// it leaves a Context. Weak edges never count. A WeakMap value is reached through its pair
// at max(key, table) + cost.

import type { HeapSnapshot } from '@heaptrail/parser';

const INF = Number.POSITIVE_INFINITY;
const FREE = new Set(['context', 'previous', 'table', 'elements', 'properties', 'bound_function', 'bound_this', 'bound_arguments', 'first', 'second', 'parent', 'actual']);
const PAIR = /^\d+( \/ part of key .* pair in WeakMap \(table @\d+\))$/;

export interface NaiveEdge {
  readonly index: number;
  readonly from: number;
  readonly to: number;
  readonly type: string;
  readonly name: string;
}

export function naiveEdges(s: HeapSnapshot): NaiveEdge[] {
  const out: NaiveEdge[] = [];
  const types = s.header.meta.edgeTypes;
  for (let from = 0; from < s.header.nodeCount; from++) {
    for (let e = s.firstEdge[from]!; e < s.firstEdge[from + 1]!; e++) {
      const type = types[s.edges.type[e]!]!;
      const numeric = type === 'element' || type === 'hidden';
      out.push({ index: e, from, to: s.edges.toNode[e]!, type, name: numeric ? String(s.edges.nameOrIndex[e]) : s.strings.get(s.edges.nameOrIndex[e]!) });
    }
  }
  return out;
}

export function naiveStepCost(s: HeapSnapshot, e: NaiveEdge, classOf: (v: number) => string): number {
  const type = (v: number) => s.header.meta.nodeTypes[s.nodes.type[v]!]!;
  const name = (v: number) => s.strings.get(s.nodes.name[v]!);
  let c = 0;
  if (type(e.to) === 'code' || type(e.to) === 'synthetic') c++;
  if (type(e.to) === 'hidden' && name(e.to).startsWith('system / NativeContext')) c++;
  if (e.type === 'internal' && !FREE.has(e.name) && !PAIR.test(e.name) && !(/^\d+$/.test(e.name) && type(e.from) === 'array')) c++;
  if (e.type === 'hidden' && classOf(e.from) !== 'system / Context') c++;
  return c;
}

export interface NaivePreferred {
  readonly internal: number[];
  readonly length: number[];
}

export function naivePreferred(s: HeapSnapshot, classOf: (v: number) => string): NaivePreferred {
  const n = s.header.nodeCount;
  const edges = naiveEdges(s).filter((e) => e.type !== 'weak');
  const internal = new Array<number>(n).fill(INF);
  const starts = [0, ...edges.filter((e) => e.from === 0 && s.header.meta.nodeTypes[s.nodes.type[e.to]!] !== 'synthetic').map((e) => e.to)];
  for (const v of starts) internal[v] = 0;
  const pairs = new Map<string, NaiveEdge[]>();
  const plain: NaiveEdge[] = [];
  for (const e of edges) {
    const m = e.type === 'internal' ? PAIR.exec(e.name) : null;
    if (m) pairs.set(m[1]!, [...(pairs.get(m[1]!) ?? []), e]);
    else plain.push(e);
  }
  const cost = (e: NaiveEdge) => naiveStepCost(s, e, classOf);
  const relaxAll = (value: (e: NaiveEdge) => number, pairValue: (a: NaiveEdge, b: NaiveEdge) => number, into: number[], tight: (e: NaiveEdge, v: number) => boolean) => {
    for (let changed = true; changed; ) {
      changed = false;
      const relax = (v: number, d: number) => {
        if (d < into[v]!) {
          into[v] = d;
          changed = true;
        }
      };
      for (const e of plain) if (tight(e, value(e))) relax(e.to, value(e));
      for (const [a, b] of pairs.values()) if (b && tight(a!, pairValue(a!, b))) relax(a!.to, pairValue(a!, b));
    }
  };
  relaxAll((e) => internal[e.from]! + cost(e), (a, b) => Math.max(internal[a.from]!, internal[b.from]!) + cost(a), internal, () => true);
  // Lengths along the edges that keep the fewest internal steps.
  const length = new Array<number>(n).fill(INF);
  for (const v of starts) length[v] = 0;
  relaxAll(
    (e) => length[e.from]! + 1,
    (a, b) => Math.max(length[a.from]!, length[b.from]!) + 1,
    length,
    (e) => {
      const pair = e.type === 'internal' ? PAIR.exec(e.name) : null;
      if (!pair) return internal[e.from]! + cost(e) === internal[e.to];
      const [a, b] = pairs.get(pair[1]!)!;
      return b !== undefined && Math.max(internal[a!.from]!, internal[b.from]!) + cost(e) === internal[e.to];
    },
  );
  return { internal, length };
}
