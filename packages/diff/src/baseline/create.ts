// The baseline of a diff's findings, and its file text: sorted and without
// anything that changes from run to run, so rewriting it on the same leaks
// gives the same bytes and a reviewable diff when they change.

import { BASELINE_SCHEMA, type BaselineEntry } from './types.js';

const ABOUT =
  'Known leaks for `heaptrail diff --baseline`: findings listed here are reported as known and do not fail the budgets ' +
  '(unless --fail-on-known). Entries that no longer match are reported as fixed: delete them. Written by --write-baseline; ' +
  'see docs/json-schema.md.';

/** One entry per finding: its class and the signatures of its path groups, sorted and deduplicated. */
export function baselineEntries(findings: readonly { readonly className: string; readonly paths: readonly { readonly signature: string }[] }[]): BaselineEntry[] {
  return findings
    .map((f) => ({ className: f.className, paths: [...new Set(f.paths.map((p) => p.signature))].sort(compareText) }))
    .sort(compareEntries);
}

export function baselineText(entries: readonly BaselineEntry[]): string {
  const file = { schema: BASELINE_SCHEMA, about: ABOUT, entries: [...entries].sort(compareEntries).map((e) => ({ className: e.className, paths: e.paths })) };
  return JSON.stringify(file, null, 2) + '\n';
}

export function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return compareText(a.className, b.className) || compareText(a.paths.join('\n'), b.paths.join('\n'));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
