// New survivors: instances alive in the last snapshot that were born after the
// first one, dated to the interval they were born in. This is DevTools'
// "objects allocated between snapshot k and k+1" filter viewed in the last
// snapshot (the three-snapshot technique), generalised to N snapshots.
//
// An odd (V8) id is dated by the max odd ids: born in interval k when
// maxOddId[k] < id ≤ maxOddId[k+1]. Even (embedder) ids are not handed out in
// order, so they are dated by the first earlier snapshot that contains them.

import { countsAsInstance } from '@heaptrail/graph';
import { findId } from './id-table.js';

/** What is kept of each snapshot before the last for dating. */
export interface BirthBoundaries {
  /** Per snapshot before the last: its largest odd id. */
  readonly maxOddIds: readonly number[];
  /** Per snapshot before the last: its even ids, ascending. */
  readonly evenIds: readonly Uint32Array[];
}

export const BORN_BEFORE_FIRST = -1;

/** Interval (0 = between snapshots 0 and 1) in which the object with `id` was born, or BORN_BEFORE_FIRST. */
export function bornInterval(id: number, b: BirthBoundaries): number {
  const earlier = b.maxOddIds.length;
  if (id & 1) {
    for (let k = 0; k < earlier; k++) if (id <= b.maxOddIds[k]!) return k - 1;
    return earlier - 1;
  }
  for (let k = 0; k < earlier; k++) if (findId(b.evenIds[k]!, id) >= 0) return k - 1;
  return earlier - 1;
}

export interface ClassSurvivors {
  /** Per interval: instances born then, alive in the last snapshot. */
  readonly perInterval: Float64Array;
  /** Ordinals (in the last snapshot) of all new survivors, ascending. */
  readonly ordinals: Uint32Array;
}

/**
 * New survivors of the classes flagged in `wanted` (by global class id).
 * `ids` and `classOf` are the last snapshot's columns, `globalClass` maps its
 * local class ids to global ones. With `selfSize`, nodes of size 0 are left out,
 * as the class summary leaves them out of counts (their size moved to an owner).
 */
export function countSurvivors(
  ids: Uint32Array,
  classOf: Uint32Array,
  globalClass: Uint32Array,
  wanted: ReadonlySet<number>,
  b: BirthBoundaries,
  selfSize?: Uint32Array | Float64Array,
): Map<number, ClassSurvivors> {
  const intervals = b.maxOddIds.length;
  const n = ids.length;
  // Two passes (count, then fill) so each class gets one exact-size ordinal array.
  const perInterval = new Map<number, Float64Array>();
  for (const c of wanted) perInterval.set(c, new Float64Array(intervals));
  const born = new Int32Array(n).fill(BORN_BEFORE_FIRST - 1);
  let maxClass = 0;
  for (let c = 0; c < globalClass.length; c++) if (globalClass[c]! > maxClass) maxClass = globalClass[c]!;
  const wantedFlag = new Uint8Array(maxClass + 1);
  for (const c of wanted) if (c <= maxClass) wantedFlag[c] = 1;
  for (let i = 0; i < n; i++) {
    const c = globalClass[classOf[i]!]!;
    if (!wantedFlag[c] || (selfSize && !countsAsInstance(selfSize, i))) continue;
    const k = bornInterval(ids[i]!, b);
    born[i] = k;
    if (k >= 0) perInterval.get(c)![k] += 1;
  }
  const out = new Map<number, ClassSurvivors>();
  const fill = new Map<number, { ordinals: Uint32Array; next: number }>();
  for (const [c, counts] of perInterval) {
    let total = 0;
    for (let k = 0; k < intervals; k++) total += counts[k]!;
    const ordinals = new Uint32Array(total);
    fill.set(c, { ordinals, next: 0 });
    out.set(c, { perInterval: counts, ordinals });
  }
  for (let i = 0; i < n; i++) {
    if (born[i]! < 0) continue;
    const f = fill.get(globalClass[classOf[i]!]!)!;
    f.ordinals[f.next++] = i;
  }
  return out;
}
