// Which nodes count as instances of their class, in one place for every view that counts
// them (summary, paths, diff): a node with a self size. Size-0 nodes are synthetic roots
// or internal cells whose size the shallow-size re-attribution moved to their owner;
// counting them would make one JS object look like several.

import type { HeapGraph } from './types.js';

/** Whether node `ordinal` counts as an instance: its self size (after re-attribution) is above 0. */
export function countsAsInstance(selfSize: ArrayLike<number>, ordinal: number): boolean {
  return selfSize[ordinal]! > 0;
}

/**
 * Ordinals of the counted instances of class `classIndex`, ascending. A class made only
 * of size-0 nodes keeps them all, so asking for it (a path of `(synthetic)`, say) still
 * finds its objects.
 */
export function classInstances(graph: HeapGraph, classIndex: number): Uint32Array {
  const { classOf, selfSize } = graph;
  const n = graph.nodeCount;
  let all = 0;
  let counted = 0;
  for (let v = 0; v < n; v++) {
    if (classOf[v] !== classIndex) continue;
    all++;
    if (countsAsInstance(selfSize, v)) counted++;
  }
  const everyNode = counted === 0;
  const out = new Uint32Array(everyNode ? all : counted);
  for (let v = 0, k = 0; k < out.length; v++) {
    if (classOf[v] === classIndex && (everyNode || countsAsInstance(selfSize, v))) out[k++] = v;
  }
  return out;
}
