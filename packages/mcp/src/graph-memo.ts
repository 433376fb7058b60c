// Answers worth keeping beside a cached graph: a class table, a class's path groups or
// a cut of the dominator tree costs a pass over every node or a long child list (up to
// seconds on a 1 GB snapshot) and is small, so it is computed once per graph and question. Memos live as long as their graph: once
// the cache drops a graph, its memos go with it.

import { classSummary, type ClassSummaryRow, type HeapGraph } from '@heaptrail/graph';

/** Questions remembered per graph; the oldest is forgotten first. */
const MAX_PER_GRAPH = 64;

const memos = new WeakMap<HeapGraph, Map<string, unknown>>();

/** `compute()` once per graph and key. */
export function memo<T>(graph: HeapGraph, key: string, compute: () => T): T {
  let map = memos.get(graph);
  if (!map) memos.set(graph, (map = new Map()));
  if (map.has(key)) return map.get(key) as T;
  const value = compute();
  if (map.size >= MAX_PER_GRAPH) map.delete(map.keys().next().value!);
  map.set(key, value);
  return value;
}

/** The class table of `graph`, all classes, largest retained size first. */
export function memoClassSummary(graph: HeapGraph): readonly ClassSummaryRow[] {
  return memo(graph, 'classSummary', () => classSummary(graph));
}
