// The Summary view: per class, instance count, shallow size and retained size.
//
// Retained size follows DevTools (`calculateClassesRetainedSize`): walk the dominator tree
// from the root with an explicit stack and add a node's retained size to its class only if
// no ancestor on the current dominator path already counted for the same class. A linked
// list of 1,000 `Item`s, each dominating the next, is then the head's retained size, not
// the sum of 1,000 overlapping ones.
//
// As in DevTools, nodes that do not count as instances (instances.ts: a zero self size) are
// left out of counts and sizes; sizes are `graph.selfSize`, i.e. after the shallow-size
// re-attribution, so they add up to `graph.totalSize` without extra native bytes.
//
// The rows are kept per graph (a pass over the dominator tree costs about a second on a
// 1 GB snapshot, and the diff, the cache and the command may each ask); a cache file
// stores them and hands them back with its graph.

import { countsAsInstance } from './instances.js';
import type { ClassSummaryRow, SizedGraph } from './types.js';

const known = new WeakMap<SizedGraph, readonly ClassSummaryRow[]>();

/** One row per class with at least one counted node, sorted by retained size desc, then name. */
export function classSummary(graph: SizedGraph): ClassSummaryRow[] {
  let rows = known.get(graph);
  if (rows === undefined) known.set(graph, (rows = computeClassSummary(graph)));
  return rows.slice();
}

/** Rows `classSummary(graph)` is to give without computing them: those it gave for the same graph before. */
export function rememberClassSummary(graph: SizedGraph, rows: readonly ClassSummaryRow[]): void {
  known.set(graph, rows);
}

function computeClassSummary(graph: SizedGraph): ClassSummaryRow[] {
  const { classOf, classNames, selfSize, retainedSize, firstDominatorChild, dominatorChildren } = graph;
  const n = graph.nodeCount;
  const classCount = classNames.length;
  const count = new Float64Array(classCount);
  const shallow = new Float64Array(classCount);
  const retained = new Float64Array(classCount);
  if (n === 0) return [];

  // Explicit DFS: per stack entry the node and its next-child cursor.
  const onPath = new Uint8Array(classCount);
  const counted = new Uint8Array(n);
  const stack = new Uint32Array(n);
  const cursor = new Uint32Array(n);
  let top = 0;
  const enter = (v: number): void => {
    const c = classOf[v]!;
    if (countsAsInstance(selfSize, v)) {
      count[c]!++;
      shallow[c]! += selfSize[v]!;
      if (onPath[c] === 0) {
        retained[c]! += retainedSize[v]!;
        onPath[c] = 1;
        counted[v] = 1;
      }
    }
    stack[top] = v;
    cursor[top] = firstDominatorChild[v]!;
    top++;
  };
  enter(0);
  while (top > 0) {
    const v = stack[top - 1]!;
    const next = cursor[top - 1]!;
    if (next < firstDominatorChild[v + 1]!) {
      cursor[top - 1] = next + 1;
      enter(dominatorChildren[next]!);
    } else {
      top--;
      if (counted[v] === 1) onPath[classOf[v]!] = 0;
    }
  }

  const rows: ClassSummaryRow[] = [];
  for (let c = 0; c < classCount; c++) {
    if (count[c]! > 0) rows.push({ className: classNames[c]!, count: count[c]!, shallowSize: shallow[c]!, retainedSize: retained[c]! });
  }
  rows.sort((a, b) => b.retainedSize - a.retainedSize || (a.className < b.className ? -1 : a.className > b.className ? 1 : 0));
  return rows;
}
