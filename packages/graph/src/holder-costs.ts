// What makes a retaining step "internal": the first key of the preferred-path order
// (docs/DESIGN.md, "Choosing the path"). A step costs one when
//   - its edge is `internal` or `hidden`, except the structural ones a reader follows
//     anyway: a closure's `context`, a Context's `previous`, a collection's `table`, an
//     object's `elements`/`properties`, a bound function's parts, a string's parts, the
//     numbered slots of an internal array (Map/Set tables), a WeakMap value edge, and the
//     unnamed (`hidden`) slots of a block Context, which hold `let`/`const` variables;
//   - it enters a `code` node (compiled code, SharedFunctionInfo, Script, …), a synthetic
//     node (`(GC roots)`, `(Stack roots)`, …) or a NativeContext;
//   - it enters a Context owned by a function of the runtime's own scripts (`node:…`), i.e.
//     a Node.js internal module or one of its closures (timer lists, nextTick queues);
//   - it matches an `avoid` pattern (avoid-patterns.ts: a class name or a folded edge label,
//     exactly or by /regex/): those cost AVOID_COST, so a path through them is taken only
//     when nothing else holds the object.
// The node part is precomputed per node (`nodeCost`), the edge part per edge-name string,
// so the preferred-path BFS reads two small arrays per edge.

import { avoidMatcher } from './avoid-patterns.js';
import { FoldedLabels } from './edge-labels.js';
import { avoidKey, graphMemo } from './graph-memo.js';
import { isRuntimeScript, scriptIndex } from './scripts.js';
import { typeIds } from './type-ids.js';
import type { HeapGraph } from './types.js';
import { NONE } from './types.js';

export const AVOID_COST = 64;

const FREE_INTERNAL = new Set([
  'context', 'previous', 'table', 'elements', 'properties', 'bound_function', 'bound_this', 'bound_arguments',
  // String structure: a part follows the string that holds it.
  'first', 'second', 'parent', 'actual',
]);
export const EPHEMERON_NAME = /^\d+ \/ part of key \(.*? @(\d+)\) -> value \(.*? @(\d+)\) pair in WeakMap \(table @(\d+)\)$/;
const NUMERIC = /^\d+$/;

/** Kinds of `internal` edge names (per string index; 0 = not yet classified). */
export const FREE = 1;
export const COSTLY = 2;
export const NUMBERED = 3;
export const EPHEMERON = 4;

export interface HolderCosts {
  /** Per node: the cost of entering it (type, class, runtime Context, avoided class). */
  readonly nodeCost: Uint8Array;
  /** The largest of them. */
  readonly maxNodeCost: number;
  /** Per class: 1 for Context classes (their hidden slots are block variables). */
  readonly contextClass: Uint8Array;
  /** Kind of the internal edge name with string index `s`. */
  internalKind(s: number): number;
  /** Per string index: its kind once internalKind() has seen it, else 0 (for hot loops). */
  readonly nameKind: Uint8Array;
  /** Extra cost of an edge by its label (avoid patterns); undefined when there are none. */
  readonly labelCost: ((edge: number) => number) | undefined;
  /** Cost of following `edge` out of `source` into `target` (the same rule as the BFS). */
  cost(edge: number, source: number, target: number): number;
  /** The avoid pattern that the step by `edge` (or none, NONE) into `target` matches, if any. */
  avoidedBy(edge: number, target: number): string | undefined;
}

const memo = graphMemo((graph, key) => buildHolderCosts(graph, JSON.parse(key) as string[]));

/** The graph's cost rule for these avoid patterns, built once. */
export function holderCosts(graph: HeapGraph, avoid: readonly string[] = []): HolderCosts {
  return memo(graph, avoidKey(avoid));
}

function buildHolderCosts(graph: HeapGraph, avoid: readonly string[]): HolderCosts {
  const { snapshot, classOf, classNames } = graph;
  const { strings, nodes, edges } = snapshot;
  const t = typeIds(snapshot);
  const nodeTypes = snapshot.header.meta.nodeTypes;
  const n = graph.nodeCount;

  const typeCost = new Uint8Array(nodeTypes.length);
  for (const name of ['code', 'synthetic']) if (nodeTypes.indexOf(name) >= 0) typeCost[nodeTypes.indexOf(name)] = 1;
  const classCost = new Uint8Array(classNames.length);
  const contextClass = new Uint8Array(classNames.length);
  const matcher = avoidMatcher(avoid);
  const classPattern: (string | undefined)[] = [];
  classNames.forEach((name, c) => {
    if (name === 'system / Context') contextClass[c] = 1;
    if (avoid.length > 0) classPattern[c] = matcher(name);
    if (classPattern[c] !== undefined) classCost[c] = AVOID_COST;
  });

  // Hidden nodes share the class `(system)`: a NativeContext is told by its own name.
  const nativeName = new Uint8Array(strings.length);
  const scripts = scriptIndex(graph);
  const nodeCost = new Uint8Array(n);
  let maxNodeCost = 0;
  const hidden = t.nodeHidden;
  for (let v = 0; v < n; v++) {
    const type = nodes.type[v]!;
    const c = classOf[v]!;
    let cost = typeCost[type]! + classCost[c]!;
    if (type === hidden) {
      const s = nodes.name[v]!;
      if (nativeName[s] === 0) nativeName[s] = strings.get(s).startsWith('system / NativeContext') ? 2 : 1;
      cost += nativeName[s]! - 1;
    }
    if (contextClass[c] === 1) {
      const script = scripts.contextScript(v);
      if (script !== undefined && isRuntimeScript(script)) cost++;
    }
    nodeCost[v] = Math.min(cost, 255);
    if (cost > maxNodeCost) maxNodeCost = cost;
  }

  const nameKind = new Uint8Array(strings.length);
  const internalKind = (s: number): number => {
    let k = nameKind[s]!;
    if (k === 0) {
      const name = strings.get(s);
      k = FREE_INTERNAL.has(name) ? FREE : EPHEMERON_NAME.test(name) ? EPHEMERON : NUMERIC.test(name) ? NUMBERED : COSTLY;
      nameKind[s] = k;
    }
    return k;
  };

  let labelCost: ((edge: number) => number) | undefined;
  let labelPattern: (edge: number) => string | undefined = () => undefined;
  if (avoid.length > 0) {
    const labels = new FoldedLabels(snapshot);
    const byLabel: (string | null)[] = [];
    labelPattern = (edge) => {
      const id = labels.id(edge);
      let p = byLabel[id];
      if (p === undefined) byLabel[id] = p = matcher(labels.labels[id]!) ?? null;
      return p ?? undefined;
    };
    labelCost = (edge) => (labelPattern(edge) === undefined ? 0 : AVOID_COST);
  }

  const internal = t.edgeInternal;
  const hiddenEdge = t.edgeHidden;
  const arrayType = t.nodeArray;
  return {
    nodeCost,
    maxNodeCost,
    contextClass,
    internalKind,
    nameKind,
    labelCost,
    cost(edge, source, target) {
      let c = nodeCost[target]!;
      const type = edges.type[edge]!;
      if (type === internal) {
        const k = internalKind(edges.nameOrIndex[edge]!);
        if (k === COSTLY || (k === NUMBERED && nodes.type[source] !== arrayType)) c++;
      } else if (type === hiddenEdge && contextClass[classOf[source]!] === 0) c++;
      if (labelCost !== undefined) c += labelCost(edge);
      return c;
    },
    avoidedBy(edge, target) {
      return classPattern[classOf[target]!] ?? (edge === NONE ? undefined : labelPattern(edge));
    },
  };
}
