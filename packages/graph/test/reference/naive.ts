// Slow, obviously-correct versions of the graph phases, written independently of
// src/ (no shared code beyond the snapshot model) to check it on random graphs.
// Everything is plain arrays and fix-points; fine for a few hundred nodes.

import type { HeapSnapshot } from '@heaptrail/parser';

const SYSTEM = 100_000_000;
const INF = Number.POSITIVE_INFINITY;

interface Edge {
  readonly index: number;
  readonly from: number;
  readonly to: number;
  readonly type: string;
  readonly name: string;
}

function edgesOf(s: HeapSnapshot): Edge[] {
  const out: Edge[] = [];
  const types = s.header.meta.edgeTypes;
  for (let from = 0; from < s.header.nodeCount; from++) {
    for (let e = s.firstEdge[from]!; e < s.firstEdge[from + 1]!; e++) {
      const type = types[s.edges.type[e]!]!;
      const numeric = type === 'element' || type === 'hidden';
      const name = numeric ? String(s.edges.nameOrIndex[e]) : s.strings.get(s.edges.nameOrIndex[e]!);
      out.push({ index: e, from, to: s.edges.toNode[e]!, type, name });
    }
  }
  return out;
}

function successors(n: number, edges: readonly Edge[]): number[][] {
  const succ: number[][] = Array.from({ length: n }, () => []);
  for (const e of edges) succ[e.from]!.push(e.to);
  return succ;
}

const nodeType = (s: HeapSnapshot, v: number) => s.header.meta.nodeTypes[s.nodes.type[v]!]!;
const nodeName = (s: HeapSnapshot, v: number) => s.strings.get(s.nodes.name[v]!);

function weakMapPart(name: string): { part: string; table: number } | undefined {
  const m = name.match(/^\d+( \/ part of key .* pair in WeakMap \(table @(\d+)\))$/);
  return m ? { part: m[1]!, table: Number(m[2]) } : undefined;
}

function reach(n: number, starts: number[], next: (v: number) => number[]): boolean[] {
  const seen = new Array<boolean>(n).fill(false);
  const todo = [...starts];
  for (const v of starts) seen[v] = true;
  while (todo.length > 0) {
    for (const w of next(todo.pop()!)) {
      if (!seen[w]) {
        seen[w] = true;
        todo.push(w);
      }
    }
  }
  return seen;
}

/** Per edge: does it count for dominators (DevTools' rules, restated). */
export function naiveEssential(s: HeapSnapshot, pageOwnedRule = true): boolean[] {
  const edges = edgesOf(s);
  const n = s.header.nodeCount;
  const isDomTrees = (v: number) => nodeType(s, v) === 'synthetic' && nodeName(s, v) === '(Document DOM trees)';
  const entries = edges
    .filter((e) => e.from === 0 && (e.type === 'shortcut' || (e.type === 'element' && isDomTrees(e.to))))
    .map((e) => e.to);
  const strong = successors(n, edges.filter((e) => e.type !== 'weak'));
  const page = pageOwnedRule
    ? reach(n, entries, (v) => strong[v]!)
    : new Array<boolean>(n).fill(false);
  return edges.map((e) => {
    if (e.type === 'weak' || e.from === e.to) return false;
    if (e.type === 'shortcut' && e.from !== 0) return false;
    if (e.type === 'internal') {
      const wm = weakMapPart(e.name);
      if (wm && wm.table === s.nodes.id[e.from]) return false;
    }
    if (e.from !== 0 && !page[e.from] && page[e.to]) return false;
    return true;
  });
}

/**
 * The graph dominators are defined on: essential edges plus a virtual root edge to
 * (a) every node the root does not reach that has no essential retainer and
 * (b) every node still unreached from the root and those.
 */
export function augmentedPredecessors(s: HeapSnapshot, essential: boolean[]): number[][] {
  const n = s.header.nodeCount;
  const edges = edgesOf(s).filter((e) => essential[e.index]);
  const succ: number[][] = Array.from({ length: n }, () => []);
  const pred: number[][] = Array.from({ length: n }, () => []);
  for (const e of edges) {
    succ[e.from]!.push(e.to);
    pred[e.to]!.push(e.from);
  }
  const fromRoot = reach(n, [0], (v) => succ[v]!);
  const orphans = [...Array(n).keys()].filter((v) => !fromRoot[v] && pred[v]!.length === 0);
  const reached = reach(n, [0, ...orphans], (v) => succ[v]!);
  for (let v = 1; v < n; v++) if (orphans.includes(v) || !reached[v]) pred[v]!.push(0);
  return pred;
}

/** Immediate dominators by the set-intersection fix-point Dom(v) = {v} ∪ ⋂ Dom(preds). */
export function naiveDominators(s: HeapSnapshot, essential: boolean[]): number[] {
  const n = s.header.nodeCount;
  const pred = augmentedPredecessors(s, essential);
  const dom = Array.from({ length: n }, (_, v) => {
    const d = new Uint8Array(n).fill(v === 0 ? 0 : 1);
    d[v] = 1;
    return d;
  });
  // Sweep in BFS order from the root so the fix-point settles in few sweeps.
  const succ: number[][] = Array.from({ length: n }, () => []);
  pred.forEach((ps, v) => ps.forEach((p) => succ[p]!.push(v)));
  const order = [0];
  const queued = new Array<boolean>(n).fill(false);
  queued[0] = true;
  for (let i = 0; i < order.length; i++) {
    for (const w of succ[order[i]!]!) if (!queued[w]) (queued[w] = true), order.push(w);
  }
  const next = new Uint8Array(n);
  for (let changed = true; changed; ) {
    changed = false;
    for (const v of order) {
      if (v === 0) continue;
      next.fill(1);
      for (const p of pred[v]!) {
        const dp = dom[p]!;
        for (let x = 0; x < n; x++) next[x]! &= dp[x]!;
      }
      next[v] = 1;
      const dv = dom[v]!;
      for (let x = 0; x < n; x++) {
        if (next[x] !== dv[x]) {
          dv.set(next);
          changed = true;
          break;
        }
      }
    }
  }
  // The idom is the strict dominator with the most dominators of its own (the closest).
  const count = dom.map((d) => d.reduce((a, b) => a + b, 0));
  return dom.map((d, v) => {
    if (v === 0) return 0;
    let best = 0;
    for (let x = 0; x < n; x++) if (d[x] && x !== v && count[x]! > count[best]!) best = x;
    return best;
  });
}

/** Retained size by deletion: what becomes unreachable from the root without v. */
export function naiveRetainedSizes(s: HeapSnapshot, essential: boolean[], sizes: ArrayLike<number>): number[] {
  const n = s.header.nodeCount;
  const pred = augmentedPredecessors(s, essential);
  const succ: number[][] = Array.from({ length: n }, () => []);
  pred.forEach((ps, v) => ps.forEach((p) => succ[p]!.push(v)));
  let total = 0;
  for (let v = 0; v < n; v++) total += sizes[v]!;
  return [...Array(n).keys()].map((v) => {
    if (v === 0) return total;
    const alive = reach(n, [0], (u) => (u === v ? [] : succ[u]!));
    // v itself is "reached" only if something points at it; it is retained either way.
    let retained = sizes[v]!;
    for (let u = 0; u < n; u++) if (!alive[u] && u !== v) retained += sizes[u]!;
    return retained;
  });
}

/**
 * Distances as a relaxation to a fix-point: user roots start at 1, the root at
 * SYSTEM (0 without user roots); skipped edges never relax; a WeakMap value is
 * reached through its pair at max(key, table) + 1.
 */
export function naiveDistances(s: HeapSnapshot): number[] {
  const n = s.header.nodeCount;
  const edges = edgesOf(s);
  const dist = new Array<number>(n).fill(INF);
  const userRoot = (v: number) =>
    v !== 0 && (nodeType(s, v) !== 'synthetic' || nodeName(s, v) === '(Document DOM trees)');
  const roots = edges.filter((e) => e.from === 0 && userRoot(e.to)).map((e) => e.to);
  for (const r of roots) dist[r] = 1;
  dist[0] = roots.length > 0 ? SYSTEM : 0;
  const skipped = (e: Edge) =>
    e.type === 'weak' ||
    e.to === 0 ||
    (nodeType(s, e.from) === 'hidden' && nodeName(s, e.from) === 'system / NativeContext' && e.name === 'sloppy_function_map') ||
    (isDescriptors(e.from) && parseInt(e.name, 10) >= 2 && parseInt(e.name, 10) % 3 === 1);
  const isDescriptors = (v: number) => nodeType(s, v) === 'array' && nodeName(s, v) === '(map descriptors)';
  const pairs = new Map<string, Edge[]>();
  const plain: Edge[] = [];
  for (const e of edges) {
    if (skipped(e)) continue;
    const wm = e.type === 'internal' && !isDescriptors(e.from) ? weakMapPart(e.name) : undefined;
    if (wm) pairs.set(wm.part, [...(pairs.get(wm.part) ?? []), e]);
    else plain.push(e);
  }
  for (let changed = true; changed; ) {
    changed = false;
    const relax = (v: number, d: number) => {
      if (d < dist[v]!) {
        dist[v] = d;
        changed = true;
      }
    };
    for (const e of plain) relax(e.to, dist[e.from]! + 1);
    for (const [a, b] of pairs.values()) if (b) relax(a!.to, Math.max(dist[a!.from]!, dist[b.from]!) + 1);
  }
  return dist;
}

/** DevTools' shallow-size re-attribution by brute force: owners found per node by search. */
export function naiveShallowSizes(s: HeapSnapshot): number[] {
  const n = s.header.nodeCount;
  const edges = edgesOf(s).filter((e) => e.type !== 'weak');
  const sizes = Array.from(s.nodes.selfSize);
  const isUserRoot = (v: number) => nodeType(s, v) !== 'synthetic' || nodeName(s, v) === '(Document DOM trees)';
  if (!edgesOf(s).some((e) => e.from === 0 && isUserRoot(e.to))) return sizes;
  const unowned = (v: number) =>
    nodeType(s, v) === 'hidden' || nodeType(s, v) === 'array' ||
    (nodeType(s, v) === 'native' && nodeName(s, v) === 'system / ExternalStringData');
  const succ = successors(n, edges);
  const owners: Set<number>[] = Array.from({ length: n }, () => new Set());
  for (let o = 0; o < n; o++) {
    if (unowned(o)) continue;
    const seen = reach(n, [o], (v) => (v !== o && !unowned(v) ? [] : succ[v]!));
    for (let v = 0; v < n; v++) if (seen[v] && v !== o && unowned(v)) owners[v]!.add(o);
  }
  const out = [...sizes];
  for (let v = 0; v < n; v++) {
    if (owners[v]!.size !== 1) continue;
    const o = [...owners[v]!][0]!;
    if (o === 0 || nodeType(s, o) === 'synthetic') continue;
    out[o]! += sizes[v]!;
    out[v] = 0;
  }
  return out;
}
