// A class named by the caller, found in a snapshot; an unknown name is answered
// with the closest names, as `heaptrail paths --class` does.

import type { HeapGraph } from '@heaptrail/graph';
import { ToolError } from './tool-error.js';

/**
 * Class id of `className` in `graph`, or a ToolError naming up to 5 close names. A name
 * as an answer cut it (ending in `…`) stands for the one class it is the start of.
 */
export function findClass(graph: HeapGraph, className: string): number {
  const c = graph.classNames.indexOf(className);
  if (c >= 0) return c;
  if (className.endsWith('…')) {
    const start = className.slice(0, -1);
    const matches = graph.classNames.flatMap((name, i) => (name.startsWith(start) ? [i] : []));
    if (matches.length === 1) return matches[0]!;
  }
  const near = closestNames(className, graph.classNames, 5);
  throw new ToolError(`unknown class "${className}"${near.length > 0 ? `; closest: ${near.join(', ')}` : ''}`);
}

/** Ordinals of the instances of class `c`, counted as the summary counts them (nodes with a self size, unless none has one). */
export function instancesOf(graph: HeapGraph, c: number): number[] {
  const targets: number[] = [];
  const { classOf, selfSize } = graph;
  for (let i = 0; i < graph.nodeCount; i++) if (classOf[i] === c && selfSize[i]! > 0) targets.push(i);
  if (targets.length === 0) for (let i = 0; i < graph.nodeCount; i++) if (classOf[i] === c) targets.push(i);
  return targets;
}

/** Up to `k` names close to `wanted`: those containing it (case-insensitive) first, then by edit distance, ties by name. */
export function closestNames(wanted: string, names: readonly string[], k: number): string[] {
  const w = wanted.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of names) {
    const n = name.toLowerCase();
    const score = n.includes(w) || w.includes(n) ? Math.abs(n.length - w.length) / 1000 : editDistance(w, n.slice(0, 200));
    if (score <= Math.max(2, w.length / 2)) scored.push({ name, score });
  }
  scored.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, k).map((s) => s.name);
}

/** Levenshtein distance with one reused row. */
function editDistance(a: string, b: string): number {
  const row = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}
