// DevTools' user roots: the root's children that are not synthetic (the globals), and
// the synthetic `(Document DOM trees)` that holds a page's DOM.

import type { HeapSnapshot } from '@heaptrail/parser';
import type { TypeIds } from './type-ids.js';

export function isDomTrees(snapshot: HeapSnapshot, t: TypeIds, node: number): boolean {
  return snapshot.nodes.type[node] === t.nodeSynthetic && snapshot.strings.get(snapshot.nodes.name[node]!) === '(Document DOM trees)';
}

/** Whether `node`, a child of the root, is a user root. */
export function isUserRoot(snapshot: HeapSnapshot, t: TypeIds, node: number): boolean {
  return snapshot.nodes.type[node] !== t.nodeSynthetic || isDomTrees(snapshot, t, node);
}
