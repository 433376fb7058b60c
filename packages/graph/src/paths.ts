// Shortest retaining paths, read off the BFS tree (`graph.parentEdge`): the BFS already
// skips weak edges and visits user roots (the globals) before V8's internal roots, so the
// parent chain of a node is its shortest path from a user root when one exists.
//
// By default a path stops at the first *user root* met walking up from the object:
// - a module scope: a `system / Context` whose `previous` is the `system / NativeContext`
//   (Node.js keeps a module's top-level variables there, CommonJS and ESM alike);
// - a global object: a node the root holds directly (its `shortcut` targets), or one
//   reached by a NativeContext's `global_object` edge (Chromium snapshots without shortcuts).
// Closure contexts of nested functions are not stops: the path continues to the closure
// that holds them, which is what names the leak (`listeners[] → onData()::big`).
// With `allRoots` the path goes up to the synthetic root's child, e.g. `(GC roots)`.

import type { HeapGraph, PathStep } from './types.js';
import { NONE } from './types.js';
import { edgeLabel } from './edge-labels.js';

export interface RetainingPathOptions {
  /** Walk up into V8 internals to the GC roots instead of stopping at the first user root. */
  readonly allRoots?: boolean;
}

/** Source node of an edge: the node whose CSR range holds it (binary search over `firstEdge`). */
export function edgeSource(graph: HeapGraph, edge: number): number {
  const firstEdge = graph.snapshot.firstEdge;
  let lo = 0;
  let hi = graph.nodeCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (firstEdge[mid]! <= edge) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const PLAIN = 0;
const CONTEXT = 1;
const NATIVE_CONTEXT = 2;
const PREVIOUS = 3;
const GLOBAL_OBJECT = 4;

/**
 * Recognises module scopes. Only nodes whose class can be a Context (`system / Context`,
 * or `(system)` for V8 versions that typed contexts as hidden) are examined, each once;
 * each name is decoded once.
 */
export class ScopeDetector {
  private readonly maybeContext: Uint8Array;
  private readonly kinds = new Map<number, number>();
  private readonly scopes = new Map<number, boolean>();
  private readonly internal: number;

  constructor(private readonly graph: HeapGraph) {
    this.maybeContext = new Uint8Array(graph.classNames.length);
    graph.classNames.forEach((name, c) => {
      if (name === 'system / Context' || name === '(system)') this.maybeContext[c] = 1;
    });
    this.internal = graph.snapshot.header.meta.edgeTypes.indexOf('internal');
  }

  private kind(stringIndex: number): number {
    let kind = this.kinds.get(stringIndex);
    if (kind === undefined) {
      const name = this.graph.snapshot.strings.get(stringIndex);
      kind =
        name === 'system / Context' ? CONTEXT
        : name === 'system / NativeContext' ? NATIVE_CONTEXT
        : name === 'previous' ? PREVIOUS
        : name === 'global_object' ? GLOBAL_OBJECT
        : PLAIN;
      this.kinds.set(stringIndex, kind);
    }
    return kind;
  }

  /** True for a Context holding a script's or module's top-level variables. */
  isModuleScope(node: number): boolean {
    const { graph } = this;
    if (this.maybeContext[graph.classOf[node]!] === 0) return false;
    let scope = this.scopes.get(node);
    if (scope === undefined) {
      scope = false;
      const { firstEdge, edges, nodes } = graph.snapshot;
      if (this.kind(nodes.name[node]!) === CONTEXT) {
        for (let e = firstEdge[node]!, end = firstEdge[node + 1]!; e < end && !scope; e++) {
          scope = edges.type[e] === this.internal && this.kind(edges.nameOrIndex[e]!) === PREVIOUS && this.kind(nodes.name[edges.toNode[e]!]!) === NATIVE_CONTEXT;
        }
      }
      this.scopes.set(node, scope);
    }
    return scope;
  }

  /**
   * True for a global object reached through its NativeContext (`(internal global_object)`):
   * Chromium snapshots may have no root shortcuts to the globals at all.
   */
  isGlobalObject(node: number): boolean {
    const edge = this.graph.parentEdge[node]!;
    if (edge === NONE) return false;
    const { edges } = this.graph.snapshot;
    return edges.type[edge] === this.internal && this.kind(edges.nameOrIndex[edge]!) === GLOBAL_OBJECT;
  }

  /** Where a path stops walking up unless `allRoots`: a module scope or a global object. */
  isUserRoot(node: number): boolean {
    return this.isModuleScope(node) || this.isGlobalObject(node);
  }
}

const detectors = new WeakMap<HeapGraph, ScopeDetector>();

/** The graph's memoized ScopeDetector. */
export function scopeDetector(graph: HeapGraph): ScopeDetector {
  let d = detectors.get(graph);
  if (!d) detectors.set(graph, (d = new ScopeDetector(graph)));
  return d;
}

/** True for a Context holding a script's or module's top-level variables. */
export function isModuleScope(graph: HeapGraph, node: number): boolean {
  return scopeDetector(graph).isModuleScope(node);
}

/**
 * The shortest retaining path to `ordinal`, root side first. The first step's `edge` is the
 * edge into the start node ('' for the synthetic root). Empty when the node is unreachable.
 */
export function retainingPath(graph: HeapGraph, ordinal: number, options: RetainingPathOptions = {}): PathStep[] {
  const { parentEdge, classOf, classNames, snapshot } = graph;
  if (ordinal === 0) return [{ edge: '', ordinal: 0, nodeId: snapshot.nodes.id[0]!, className: classNames[classOf[0]!]! }];
  if (parentEdge[ordinal] === NONE) return [];
  const scopes = scopeDetector(graph);
  const steps: PathStep[] = [];
  let node = ordinal;
  for (;;) {
    const edge = parentEdge[node]!;
    steps.push({
      edge: edge === NONE ? '' : edgeLabel(snapshot, edge),
      ordinal: node,
      nodeId: snapshot.nodes.id[node]!,
      className: classNames[classOf[node]!]!,
    });
    if (edge === NONE) break;
    const source = edgeSource(graph, edge);
    if (source === 0) break;
    if (!options.allRoots && scopes.isUserRoot(node)) break;
    node = source;
  }
  return steps.reverse();
}

function foldedLabel(graph: HeapGraph, step: PathStep): string {
  return edgeLabel(graph.snapshot, graph.parentEdge[step.ordinal]!, true);
}

/** Text of the start node: the scope or global that holds the rest of the path. */
function startText(graph: HeapGraph, step: PathStep): string {
  const scopes = scopeDetector(graph);
  if (scopes.isModuleScope(step.ordinal)) return '(module scope)';
  const { snapshot, parentEdge } = graph;
  const parent = parentEdge[step.ordinal]!;
  const fromRoot = parent !== NONE && edgeSource(graph, parent) === 0;
  if ((fromRoot && snapshot.header.meta.edgeTypes[snapshot.edges.type[parent]!] === 'shortcut') || scopes.isGlobalObject(step.ordinal)) {
    // A global object: `global`; `Window [JSGlobalObject] / https://…` cut to `Window`.
    return step.className.split(' / ')[0]!.split(' [')[0]!;
  }
  // Synthetic roots are told apart by name: `(GC roots)`, `(Stack roots)`, …
  if (step.className === '(synthetic)') return snapshot.strings.get(snapshot.nodes.name[step.ordinal]!) || '(root)';
  return step.className;
}

/**
 * One line from the holder to the object, with array indices folded:
 * `(module scope) agent.history[] → ChatMessage`, `global.store.items[] → {id, name}`,
 * `(module scope) listeners[] → onData()::big → Array`, `(module scope) cache → Map (entries) → Entry`.
 * Property and element steps chain
 * directly; before any other edge the node it leaves is named (`→ Class`); a closure's
 * `(internal context)` edge is left out so its variables read as `closure()::name`, and a
 * Map's or Set's `(internal table)` + `(internal [])` hop reads `(entries)`.
 */
export function pathText(graph: HeapGraph, steps: readonly PathStep[]): string {
  if (steps.length === 0) return '(unreachable)';
  let text = startText(graph, steps[0]!);
  const startIsScope = text === '(module scope)';
  let named = true; // whether the node we stand on is already named in the text
  for (let i = 1; i < steps.length; i++) {
    const step = steps[i]!;
    const label = foldedLabel(graph, step);
    if (label.startsWith('.') || label.startsWith('[')) {
      text += label;
    } else if (label.startsWith('::') && i === 1 && startIsScope) {
      text += ` ${label.slice(2)}`;
    } else if (label.startsWith('::')) {
      if (!named) text += ` → ${steps[i - 1]!.className}`;
      text += label;
    } else if (label === '(internal table)' && i + 1 < steps.length && step.className === '(array)' && foldedLabel(graph, steps[i + 1]!) === '(internal [])') {
      // Map/Set backing store: `table` then a numbered slot reads as the collection's entries.
      if (!named) text += ` → ${steps[i - 1]!.className}`;
      text += ' (entries)';
      i++;
    } else {
      if (!named) text += ` → ${steps[i - 1]!.className}`;
      if (label !== '(internal context)') text += ` ${label}`;
      named = label === '(internal context)';
      continue;
    }
    named = false;
  }
  if (!named) text += ` → ${steps[steps.length - 1]!.className}`;
  return text;
}
