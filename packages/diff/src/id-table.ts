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

// id × 2^21 + class stays below 2^53, exact in a double, so one native
// Float64Array sort orders by id with the class riding along.
const CLASS_LIMIT = 2 ** 21;

export function buildIdTable(ids: Uint32Array, classOf: Uint32Array, globalClass: Uint32Array): IdTable {
  const n = ids.length;
  let maxOddId = 0;
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    if (id & 1 && id > maxOddId) maxOddId = id;
  }
  const outIds = new Uint32Array(n);
  const outClasses = new Uint32Array(n);
  if (globalClass.length < CLASS_LIMIT) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = ids[i]! * CLASS_LIMIT + globalClass[classOf[i]!]!;
    packed.sort();
    for (let i = 0; i < n; i++) {
      const v = packed[i]!;
      const id = Math.floor(v / CLASS_LIMIT);
      outIds[i] = id;
      outClasses[i] = v - id * CLASS_LIMIT;
    }
  } else {
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => ids[a]! - ids[b]!);
    for (let i = 0; i < n; i++) {
      outIds[i] = ids[order[i]!]!;
      outClasses[i] = globalClass[classOf[order[i]!]!]!;
    }
  }
  return { ids: outIds, classes: outClasses, maxOddId };
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
