// GitHub Actions workflow commands for a diff: one annotation per growing class,
// `::error` when the class fails a budget that was set, `::warning` otherwise (a
// known leak, or no budget set), and a `::notice` per baseline entry now fixed.
// Class names and paths come from the inspected program: control characters are
// shown as escapes (the log renders ANSI codes), then GitHub's rules apply (data:
// `%`, CR, LF; properties also `:` and `,`), so no name can end the command early or
// start another one.

import type { DiffResult } from '@heaptrail/diff';
import { findingsOf, FIXED_HINT, fixedEntryText } from './baseline.js';
import { formatCount, formatSignedBytes } from './format.js';
import { terminalSafe, truncateMiddle } from './terminal-safe.js';
import { formatSeries, formatSignedCount } from './verdict.js';

// Annotations are for a glance; the step summary and the report hold the rest.
const MAX_TITLE = 200;
const MAX_MESSAGE = 1000;

export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: 'error' | 'warning' | 'notice', title: string, message: string): string {
  const safe = (text: string, max: number) => truncateMiddle(terminalSafe(text), max);
  return `::${name} title=${escapeCommandProperty(safe(title, MAX_TITLE))}::${escapeCommandData(safe(message, MAX_MESSAGE))}\n`;
}

/** The workflow commands for `result`, one per line; empty when nothing grows and nothing was fixed. */
export function renderAnnotations(result: DiffResult): string {
  const failing = new Set(result.verdict.failedBudgets.flatMap((b) => b.classes));
  const out: string[] = [];
  for (const { cls, known } of findingsOf(result)) {
    const level = failing.has(cls.className) ? 'error' : 'warning';
    const top = cls.paths[0];
    const survivors = cls.newSurvivors === null ? '' : `, ${formatCount(cls.newSurvivors)} new survivors`;
    const path = top === undefined ? '' : `; top path (${formatCount(top.count)}×): ${top.text}`;
    const message =
      `${cls.className}: ${formatSeries(cls.counts)} (${formatSignedCount(cls.growth.count)}, ${formatSignedBytes(cls.growth.retainedSize)} retained${survivors})` + path;
    out.push(command(level, `heaptrail: ${known ? 'known' : 'growing'} ${cls.className}`, message));
  }
  for (const entry of result.baseline?.fixed ?? []) {
    out.push(command('notice', `heaptrail: fixed ${entry.className}`, `${fixedEntryText(entry)} ${FIXED_HINT} ${result.baseline!.file}`));
  }
  return out.join('');
}
