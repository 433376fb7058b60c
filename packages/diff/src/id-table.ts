// A snapshot reduced to what identity checks need once its graph is dropped:
// its node ids sorted, with the (series-global) class of each, and its
// largest odd id. 8 bytes per node instead of the whole graph.
//
// V8 ids: odd for heap objects, handed out monotonically and
// kept by an object for the life of the process; even for embedder objects.
// So within one process an object's id never changes and any odd id above the
// previous snapshot's maximum belongs to an object born since.

import { sortNodeIds, type NodeIdOrder } from '@heaptrail/graph';

export interface IdTable {
  /** Node ids, ascending. */
  readonly ids: Uint32Array;
  /** Global class id of the node with ids[i]. */
  readonly classes: Uint32Array;
  /** Largest odd id (0 when none). */
  readonly maxOddId: number;
}

/** Sorts the snapshot's ids (graph's sortNodeIds) with each node's global class alongside. */
export function buildIdTable(ids: Uint32Array, classOf: Uint32Array, globalClass: Uint32Array): IdTable {
  return idTableFromOrder(sortNodeIds(ids), classOf, globalClass, true);
}

/**
 * The table of a snapshot whose nodes are sorted by id already (an analysis' `idOrder`).
 * `takeOver`: the order's ordinals array is this caller's to overwrite with the classes.
 */
export function idTableFromOrder(order: NodeIdOrder, classOf: Uint32Array, globalClass: Uint32Array, takeOver = false): IdTable {
  const { ids, ordinals } = order;
  const n = ids.length;
  const classes = takeOver ? ordinals : new Uint32Array(n);
  for (let i = 0; i < n; i++) classes[i] = globalClass[classOf[ordinals[i]!]!]!;
  let last = n - 1;
  while (last >= 0 && (ids[last]! & 1) === 0) last--;
  return { ids, classes, maxOddId: last >= 0 ? ids[last]! : 0 };
}

/** Class ids 0 … count-1 as themselves: buildIdTable with a snapshot's own class ids. */
export function localClasses(count: number): Uint32Array {
  const out = new Uint32Array(count);
  for (let c = 0; c < count; c++) out[c] = c;
  return out;
}

/** A table built with local class ids (localClasses) turned global, in place. */
export function globalizeClasses(table: IdTable, globalClass: Uint32Array): IdTable {
  const { classes } = table;
  for (let i = 0; i < classes.length; i++) classes[i] = globalClass[classes[i]!]!;
  return table;
}

/** Position of `id` in the sorted `ids`, or -1. */
export function findId(ids: Uint32Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid]!;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The even (embedder) ids of a table, ascending: kept for every snapshot to date native survivors. */
export function evenIds(table: IdTable): Uint32Array {
  const { ids } = table;
  let count = 0;
  for (let i = 0; i < ids.length; i++) if ((ids[i]! & 1) === 0) count++;
  const out = new Uint32Array(count);
  let k = 0;
  for (let i = 0; i < ids.length; i++) if ((ids[i]! & 1) === 0) out[k++] = ids[i]!;
  return out;
}
