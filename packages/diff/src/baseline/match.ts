// Which findings a baseline already knows of. A finding (a reported class) matches
// an entry when the class names are equal and
//   - the finding's top path group (the one holding most instances) has a signature
//     the entry lists, or
//   - either side has no traced path (nothing to tell two leaks of the class apart).
// Only the top group counts, not any group: generic groups such as
// `(GC roots) []→(Stack roots) (internal [])→(string)` show up under many leaks of
// the same class, and would make a different leak look known. The entry keeps every
// group's signature, so a re-run whose top group changes place with the second still
// matches.

import type { GrowingClass } from '../types.js';
import type { BaselineEntry } from './types.js';

export interface BaselineMatch {
  /** Findings no entry matches, in their order: these gate. */
  readonly fresh: GrowingClass[];
  /** Findings an entry matches, in their order. */
  readonly known: GrowingClass[];
  /** Entries that match no finding (the leak is gone, or no longer grows), in file order. */
  readonly fixed: BaselineEntry[];
}

export function matchesEntry(finding: GrowingClass, entry: BaselineEntry): boolean {
  if (finding.className !== entry.className) return false;
  const top = finding.paths[0];
  if (top === undefined || entry.paths.length === 0) return true;
  return entry.paths.includes(top.signature);
}

export function matchBaseline(findings: readonly GrowingClass[], entries: readonly BaselineEntry[]): BaselineMatch {
  const byClass = new Map<string, BaselineEntry[]>();
  for (const e of entries) {
    const list = byClass.get(e.className);
    if (list) list.push(e);
    else byClass.set(e.className, [e]);
  }
  const used = new Set<BaselineEntry>();
  const fresh: GrowingClass[] = [];
  const known: GrowingClass[] = [];
  for (const f of findings) {
    const hits = (byClass.get(f.className) ?? []).filter((e) => matchesEntry(f, e));
    for (const e of hits) used.add(e);
    (hits.length > 0 ? known : fresh).push(f);
  }
  return { fresh, known, fixed: entries.filter((e) => !used.has(e)) };
}
