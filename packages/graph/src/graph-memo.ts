// Results computed on first use and kept per graph (and per option set): the path machinery
// runs only when paths are asked for, once per graph however many classes ask.

import type { HeapGraph } from './types.js';

// A function rather than a class: the memos are module constants, and a process that
// measures its own heap (a leak check in a test) should not find heaptrail's classes in it.

export type GraphMemo<T> = (graph: HeapGraph, key?: string) => T;

export function graphMemo<T>(build: (graph: HeapGraph, key: string) => T): GraphMemo<T> {
  let byGraph: WeakMap<HeapGraph, Map<string, T>> | undefined;
  return (graph, key = '') => {
    byGraph ??= new WeakMap();
    let byKey = byGraph.get(graph);
    if (!byKey) byGraph.set(graph, (byKey = new Map()));
    let value = byKey.get(key);
    if (value === undefined) byKey.set(key, (value = build(graph, key)));
    return value;
  };
}

/** The memo key of an avoid list (order does not matter). */
export function avoidKey(avoid: readonly string[] = []): string {
  return JSON.stringify([...avoid].sort());
}
