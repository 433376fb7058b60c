// Results computed on first use and kept per graph (and per option set): the path machinery
// runs only when paths are asked for, once per graph however many classes ask.

import type { HeapGraph } from './types.js';

export class GraphMemo<T> {
  private readonly byGraph = new WeakMap<HeapGraph, Map<string, T>>();

  constructor(private readonly build: (graph: HeapGraph, key: string) => T) {}

  get(graph: HeapGraph, key = ''): T {
    let byKey = this.byGraph.get(graph);
    if (!byKey) this.byGraph.set(graph, (byKey = new Map()));
    let value = byKey.get(key);
    if (value === undefined) byKey.set(key, (value = this.build(graph, key)));
    return value;
  }
}

/** The memo key of an avoid list (order does not matter). */
export function avoidKey(avoid: readonly string[] = []): string {
  return JSON.stringify([...avoid].sort());
}
