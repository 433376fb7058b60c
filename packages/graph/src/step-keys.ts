// Interned (folded label, display class) pairs: the alphabet of path shapes. One instance
// per graph, shared by pathText() and groupRetainingPaths() so both fold alike.
// The display class is the class name, or the node's own name where the class says too
// little: synthetic roots (`(Stack roots)`) and suspended generators (`handleRequest() (suspended)`).

import { FoldedLabels } from './edge-labels.js';
import { scopeDetector } from './module-scopes.js';
import { scriptIndex } from './scripts.js';
import { displayName } from './step-details.js';
import type { HeapGraph } from './types.js';
import { NONE } from './types.js';
import { edgeSource } from './edge-source.js';

export class StepKeys {
  readonly labels: FoldedLabels;
  /** Per pair: folded label text ('' for a start) and display class. */
  readonly pairLabel: string[] = [];
  readonly pairClass: string[] = [];
  private readonly pairs = new Map<string, number>();
  private readonly displayOf = new Map<number, string>();

  constructor(private readonly graph: HeapGraph) {
    this.labels = new FoldedLabels(graph.snapshot);
  }

  /** The class a path shows for `node`. */
  display(node: number): string {
    let d = this.displayOf.get(node);
    if (d === undefined) {
      d = displayName(this.graph, node) ?? this.graph.classNames[this.graph.classOf[node]!]!;
      // Only names that differ from the class need remembering.
      this.displayOf.set(node, d);
    }
    return d;
  }

  private intern(label: string, cls: string): number {
    const k = `${label}\u0000${cls}`;
    let p = this.pairs.get(k);
    if (p === undefined) {
      p = this.pairLabel.length;
      this.pairs.set(k, p);
      this.pairLabel.push(label);
      this.pairClass.push(cls);
    }
    return p;
  }

  /** Pair of the step entering `node` by `edge`. */
  step(edge: number, node: number): number {
    return this.intern(this.labels.labels[this.labels.id(edge)]!, this.display(node));
  }

  /** Pair of a path's start node (its label is empty, its class the start text). */
  start(node: number, edge: number): number {
    return this.intern('', startText(this.graph, node, edge));
  }
}

const keys = new WeakMap<HeapGraph, StepKeys>();

export function stepKeys(graph: HeapGraph): StepKeys {
  let k = keys.get(graph);
  if (!k) keys.set(graph, (k = new StepKeys(graph)));
  return k;
}

/**
 * Text of a path's start node: `(module scope of server.mjs)`, a global (`global`, `Window`),
 * a synthetic root by name (`(GC roots)`), else its class.
 */
export function startText(graph: HeapGraph, node: number, edge: number): string {
  const scopes = scopeDetector(graph);
  const { snapshot } = graph;
  if (node === 0) return '(root)';
  if (scopes.isModuleScope(node)) {
    const scripts = scriptIndex(graph);
    const script = scripts.contextScript(node);
    return script === undefined ? '(module scope)' : `(module scope of ${scripts.displayName(script)})`;
  }
  const className = graph.classNames[graph.classOf[node]!]!;
  const fromRoot = edge !== NONE && edgeSource(graph, edge) === 0;
  if ((fromRoot && snapshot.header.meta.edgeTypes[snapshot.edges.type[edge]!] === 'shortcut') || scopes.isGlobalObject(node)) {
    // A global object: `global`; `Window [JSGlobalObject] / https://…` cut to `Window`.
    return className.split(' / ')[0]!.split(' [')[0]!;
  }
  if (className === '(synthetic)') return snapshot.strings.get(snapshot.nodes.name[node]!) || '(root)';
  return displayName(graph, node) ?? className;
}
