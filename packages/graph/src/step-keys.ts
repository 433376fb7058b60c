// Interned (folded label, display class) pairs: the alphabet of path shapes. One instance
// per graph, shared by pathText() and groupRetainingPaths() so both fold alike.
// The display class is the class name, or the node's own name where the class says too
// little: synthetic roots (`(Stack roots)`) and suspended generators (`handleRequest() (suspended)`).

import { FoldedLabels } from './edge-labels.js';
import { scopeDetector } from './module-scopes.js';
import { scriptIndex } from './scripts.js';
import { displayName } from './step-details.js';
import { graphMemo } from './graph-memo.js';
import type { HeapGraph } from './types.js';
import { NONE } from './types.js';
import { edgeSource } from './edge-source.js';

/** Classes whose nodes may be shown by their own name (see displayName()). */
const NAMED_CLASSES = new Set(['(synthetic)', 'Generator', 'native_bind()', '(anonymous)()']);

export class StepKeys {
  readonly labels: FoldedLabels;
  /** Per pair: folded label text ('' for a start) and display class. */
  readonly pairLabel: string[] = [];
  readonly pairClass: string[] = [];
  private readonly pairs = new Map<number, number>();
  private readonly starts = new Map<string, number>();
  /** Display names beyond the class names get ids from classNames.length on. */
  private readonly displayIds = new Map<string, number>();
  private readonly displayText: string[];
  private readonly named: Uint8Array;

  constructor(private readonly graph: HeapGraph) {
    this.labels = new FoldedLabels(graph.snapshot);
    this.displayText = [...graph.classNames];
    this.named = new Uint8Array(graph.classNames.length);
    graph.classNames.forEach((name, c) => {
      if (NAMED_CLASSES.has(name)) this.named[c] = 1;
      // A display name equal to a class name is that class.
      if (!this.displayIds.has(name)) this.displayIds.set(name, c);
    });
  }

  /** Id of the class a path shows for `node` (its class id unless it has a display name). */
  private displayId(node: number): number {
    const c = this.graph.classOf[node]!;
    if (this.named[c] === 0) return c;
    const name = displayName(this.graph, node);
    if (name === undefined) return c;
    let id = this.displayIds.get(name);
    if (id === undefined) {
      id = this.displayText.length;
      this.displayText.push(name);
      this.displayIds.set(name, id);
    }
    return id;
  }

  /** The class a path shows for `node`. */
  display(node: number): string {
    return this.displayText[this.displayId(node)]!;
  }

  private intern(key: number, label: string, cls: string): number {
    let p = this.pairs.get(key);
    if (p === undefined) {
      p = this.pairLabel.length;
      this.pairs.set(key, p);
      this.pairLabel.push(label);
      this.pairClass.push(cls);
    }
    return p;
  }

  /** Pair of the step entering `node` by `edge`. */
  step(edge: number, node: number): number {
    const label = this.labels.id(edge);
    const display = this.displayId(node);
    return this.intern(label * 2 ** 24 + display, this.labels.labels[label]!, this.displayText[display]!);
  }

  /** Pair of a path's start node (its label is empty, its class the start text). */
  start(node: number, edge: number): number {
    const text = startText(this.graph, node, edge);
    let p = this.starts.get(text);
    if (p === undefined) {
      p = this.pairLabel.length;
      this.starts.set(text, p);
      this.pairLabel.push('');
      this.pairClass.push(text);
    }
    return p;
  }
}

const keys = graphMemo((graph) => new StepKeys(graph));

export function stepKeys(graph: HeapGraph): StepKeys {
  return keys(graph);
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
