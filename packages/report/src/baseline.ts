// What a baseline of known leaks did to a diff, in words every renderer shares:
// the findings in display order (new ones, then known ones), the summary
// sentence, and the entries that match nothing any more (fixed: prune them).

import type { BaselineEntry, DiffResult, GrowingClass } from '@heaptrail/diff';
import { formatCount } from './format.js';

export interface Finding {
  readonly cls: GrowingClass;
  /** Listed in the baseline: shown last, not gated (unless --fail-on-known). */
  readonly known: boolean;
}

/** The new findings, then the known ones, each in report order. */
export function findingsOf(result: DiffResult): Finding[] {
  return [...result.growing.map((cls) => ({ cls, known: false })), ...(result.baseline?.known ?? []).map((cls) => ({ cls, known: true }))];
}

/**
 * "baseline known-leaks.json: 2 known leaks (not gated), 1 entry fixed"; empty without
 * a baseline.
 */
export function baselineSentence(result: DiffResult): string {
  const b = result.baseline;
  if (b === null) return '';
  const known = b.known.length;
  const parts = [`${formatCount(known)} known ${known === 1 ? 'leak' : 'leaks'}${known > 0 ? (b.failOnKnown ? ' (gated: --fail-on-known)' : ' (not gated)') : ''}`];
  if (b.fixed.length > 0) parts.push(`${formatCount(b.fixed.length)} ${b.fixed.length === 1 ? 'entry' : 'entries'} fixed`);
  return `baseline ${b.file}: ${parts.join(', ')}`;
}

/** A fixed entry in words: its class, and the path it was known by (or how many). */
export function fixedEntryText(entry: BaselineEntry): string {
  const n = entry.paths.length;
  return n === 0 ? entry.className : n === 1 ? `${entry.className} via ${entry.paths[0]}` : `${entry.className} (${formatCount(n)} path signatures)`;
}

export const FIXED_HINT = 'no longer grows: delete its entry from the baseline';
