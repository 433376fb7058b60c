// A snapshot reduced to what identity checks need once its graph is dropped:
// its node ids sorted, with the (series-global) class of each, and its
// largest odd id. 8 bytes per node instead of the whole graph.
//
// V8 ids (v8-format §1.4): odd for heap objects, handed out monotonically and
// kept by an object for the life of the process; even for embedder objects.
// So within one process an object's id never changes and any odd id above the
// previous snapshot's maximum belongs to an object born since.

export interface IdTable {
  /** Node ids, ascending. */
  readonly ids: Uint32Array;
  /** Global class id of the node with ids[i]. */
  readonly classes: Uint32Array;
  /** Largest odd id (0 when none). */
  readonly maxOddId: number;
}

/**
 * Sorts the snapshot's ids with each node's global class alongside. LSD radix
 * sort, two 16-bit passes: linear, ~10× faster than a comparison sort on 6M
 * ids, and stable, so equal ids (never in practice) keep node order.
 */
export function buildIdTable(ids: Uint32Array, classOf: Uint32Array, globalClass: Uint32Array): IdTable {
  const n = ids.length;
  let maxOddId = 0;
  const keys = new Uint32Array(n);
  const values = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    if (id & 1 && id > maxOddId) maxOddId = id;
    keys[i] = id;
    values[i] = globalClass[classOf[i]!]!;
  }
  const outIds = new Uint32Array(n);
  const outClasses = new Uint32Array(n);
  radixPass(keys, values, outIds, outClasses, 0);
  radixPass(outIds, outClasses, keys, values, 16);
  return { ids: keys, classes: values, maxOddId };
}

const RADIX = 1 << 16;

/** One stable counting-sort pass on bits [shift, shift+16) of the keys. */
function radixPass(keys: Uint32Array, values: Uint32Array, toKeys: Uint32Array, toValues: Uint32Array, shift: number): void {
  const counts = new Uint32Array(RADIX + 1);
  const n = keys.length;
  for (let i = 0; i < n; i++) counts[((keys[i]! >>> shift) & 0xffff) + 1]!++;
  for (let b = 1; b <= RADIX; b++) counts[b]! += counts[b - 1]!;
  for (let i = 0; i < n; i++) {
    const b = (keys[i]! >>> shift) & 0xffff;
    const at = counts[b]!++;
    toKeys[at] = keys[i]!;
    toValues[at] = values[i]!;
  }
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
