// Which Contexts are module scopes, and which nodes are global objects: the places a
// shortest path stops walking up (paths.ts), and the starts of preferred paths.
// A module scope is a `system / Context` whose `previous` is the `system / NativeContext`,
// except an await context (its `extension` is the suspended generator, an object) and the
// context of promise resolving functions (no variables, a hidden edge to a Promise).

import type { HeapGraph } from './types.js';
import { NONE } from './types.js';

const PLAIN = 0;
const CONTEXT = 1;
const NATIVE_CONTEXT = 2;
const PREVIOUS = 3;
const GLOBAL_OBJECT = 4;
const EXTENSION = 5;
const PROMISE = 6;

/**
 * Recognises module scopes. Only nodes whose class can be a Context (`system / Context`,
 * or `(system)` for V8 versions that typed contexts as hidden) are examined, each once;
 * each name is decoded once.
 */
export class ScopeDetector {
  private readonly maybeContext: Uint8Array;
  /** Per string index: its kind + 1 (0: not decoded yet). */
  private readonly kinds: Uint8Array;
  /** Per node: 0 not examined, 1 not a module scope, 2 a module scope (typed arrays: every Context is asked about). */
  private readonly scopes: Uint8Array;
  private readonly internal: number;
  private readonly context: number;
  private readonly hidden: number;
  private readonly objectType: number;

  constructor(private readonly graph: HeapGraph) {
    this.maybeContext = new Uint8Array(graph.classNames.length);
    graph.classNames.forEach((name, c) => {
      if (name === 'system / Context' || name === '(system)') this.maybeContext[c] = 1;
    });
    this.kinds = new Uint8Array(graph.snapshot.strings.length);
    this.scopes = new Uint8Array(graph.nodeCount);
    const { edgeTypes, nodeTypes } = graph.snapshot.header.meta;
    this.internal = edgeTypes.indexOf('internal');
    this.context = edgeTypes.indexOf('context');
    this.hidden = edgeTypes.indexOf('hidden');
    this.objectType = nodeTypes.indexOf('object');
  }

  private kind(stringIndex: number): number {
    let kind = this.kinds[stringIndex]! - 1;
    if (kind < 0) {
      const name = this.graph.snapshot.strings.get(stringIndex);
      kind =
        name === 'system / Context' ? CONTEXT
        : name === 'system / NativeContext' ? NATIVE_CONTEXT
        : name === 'previous' ? PREVIOUS
        : name === 'global_object' ? GLOBAL_OBJECT
        : name === 'extension' ? EXTENSION
        : name === 'Promise' ? PROMISE
        : PLAIN;
      this.kinds[stringIndex] = kind + 1;
    }
    return kind;
  }

  /** True for a Context holding a script's or module's top-level variables. */
  isModuleScope(node: number): boolean {
    const { graph } = this;
    if (this.maybeContext[graph.classOf[node]!] === 0) return false;
    const known = this.scopes[node]!;
    if (known !== 0) return known === 2;
    let scope = false;
    const { firstEdge, edges, nodes } = graph.snapshot;
    if (this.kind(nodes.name[node]!) === CONTEXT) {
      let variables = false;
      let promise = false;
      let awaiting = false;
      for (let e = firstEdge[node]!, end = firstEdge[node + 1]!; e < end; e++) {
        const type = edges.type[e]!;
        const to = edges.toNode[e]!;
        if (type === this.context) variables = true;
        else if (type === this.hidden && this.kind(nodes.name[to]!) === PROMISE) promise = true;
        else if (type === this.internal) {
          const k = this.kind(edges.nameOrIndex[e]!);
          if (k === PREVIOUS && this.kind(nodes.name[to]!) === NATIVE_CONTEXT) scope = true;
          // An await context's extension is the suspended generator, an object; a module's is not.
          else if (k === EXTENSION && nodes.type[to] === this.objectType) awaiting = true;
        }
      }
      if (awaiting || (promise && !variables)) scope = false;
    }
    this.scopes[node] = scope ? 2 : 1;
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

