// Are two snapshots from the same process, so that object ids are comparable?
//
// Within one process an object keeps its id and new objects get ids above
// every id handed out before (v8-format §1.4). So every odd id of the later
// snapshot that is not above the earlier snapshot's max odd id must name an
// object the earlier snapshot already had, of the same class. Snapshots of
// different processes break this: ids restart near the bottom, so most
// low ids name other objects (or none). Deterministic startup can make the
// first ids coincide across processes (the samples' cross-process series of
// one script matches 79–90% of ids), which is why we ask for 98% rather than
// a majority. Same-process series match 99.99–100%: a plain object that
// changed inferred shape (`{a}` → `{a, b}`) legitimately changes class.

import type { IdTable } from './id-table.js';
import type { IdCheck } from './types.js';

export type IdentityCheck = IdCheck;

/** Share of `checked` ids that must match for the pair to count as one process. */
export const SAME_PROCESS_MIN_MATCH = 0.98;

export function checkIdentity(earlier: IdTable, later: IdTable): IdentityCheck {
  const a = earlier.ids;
  const ac = earlier.classes;
  const b = later.ids;
  const bc = later.classes;
  const limit = earlier.maxOddId;
  let checked = 0;
  let matched = 0;
  let newIds = 0;
  let j = 0;
  for (let i = 0; i < b.length; i++) {
    const id = b[i]!;
    if ((id & 1) === 0) continue;
    if (id > limit) {
      newIds++;
      continue;
    }
    checked++;
    while (j < a.length && a[j]! < id) j++;
    if (j < a.length && a[j] === id && ac[j] === bc[i]) matched++;
  }
  return { checked, matched, newIds };
}

/** One process when the later snapshot keeps the earlier one's objects under their ids. */
export function looksSameProcess(check: IdentityCheck, minMatch = SAME_PROCESS_MIN_MATCH): boolean {
  return check.checked > 0 && check.matched >= minMatch * check.checked;
}
