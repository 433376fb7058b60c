// The nodes in order of their object ids: what comparing two snapshots by identity needs
// (the ids of one process name the same object in both, so two sorted lists merge).
//
// LSD radix sort, two 16-bit passes: linear, about 10× faster than a comparison sort on
// 6 M ids, and stable, so equal ids (never in V8's output) keep node order. The ordinals
// ride along, the first pass writing them from its loop counter instead of reading them.

export interface NodeIdOrder {
  /** The snapshot's node ids, ascending. */
  readonly ids: Uint32Array;
  /** The ordinal of the node with ids[i]. */
  readonly ordinals: Uint32Array;
}

/** Where the sort may write (each N long; contents ignored); what is absent is allocated. */
export interface SortBuffers {
  /** The result's ids: may be the input array itself, which is then sorted in place. */
  readonly ids?: Uint32Array;
  readonly ordinals?: Uint32Array;
  /** Two arrays for the pass between. */
  readonly scratch?: readonly [Uint32Array, Uint32Array];
}

const RADIX = 1 << 16;

export function sortNodeIds(ids: Uint32Array, into: SortBuffers = {}): NodeIdOrder {
  const n = ids.length;
  const fits = (a: Uint32Array | undefined) => (a !== undefined && a.length >= n ? a.subarray(0, n) : new Uint32Array(n));
  const [midKeys, midOrdinals] = [fits(into.scratch?.[0]), fits(into.scratch?.[1])];
  // The input is read by the first pass only, so the second may write over it.
  const outIds = fits(into.ids);
  const outOrdinals = fits(into.ordinals);

  const counts = new Uint32Array(RADIX + 1);
  for (let i = 0; i < n; i++) counts[(ids[i]! & 0xffff) + 1]!++;
  prefixSums(counts);
  for (let i = 0; i < n; i++) {
    const key = ids[i]!;
    const at = counts[key & 0xffff]!++;
    midKeys[at] = key;
    midOrdinals[at] = i;
  }

  counts.fill(0);
  for (let i = 0; i < n; i++) counts[(midKeys[i]! >>> 16) + 1]!++;
  prefixSums(counts);
  for (let i = 0; i < n; i++) {
    const key = midKeys[i]!;
    const at = counts[key >>> 16]!++;
    outIds[at] = key;
    outOrdinals[at] = midOrdinals[i]!;
  }
  return { ids: outIds, ordinals: outOrdinals };
}

function prefixSums(counts: Uint32Array): void {
  for (let b = 1; b < counts.length; b++) counts[b]! += counts[b - 1]!;
}
