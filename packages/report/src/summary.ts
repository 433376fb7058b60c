// `heaptrail summary`: the class table (DevTools' Summary view): instance count,
// shallow size, retained size and its share of the heap, largest first.

import type { Suspect } from '@heaptrail/diff';
import type { ClassSummaryRow } from '@heaptrail/graph';
import { formatBytes, formatCount, formatShare, formatTable } from './format.js';
import { pointPlace } from './lead.js';
import { terminalSafe, truncateEnd } from './terminal-safe.js';
import { wrapWords } from './wrap.js';

export const SUMMARY_SCHEMA = 'heaptrail.summary/1';

/** Interface names like `{a, b, …}` can reach 120 characters; the table cuts them (JSON keeps them whole). */
const MAX_NAME = 60;

export interface ClassTable {
  /** The snapshot as the user named it. */
  readonly file: string;
  readonly nodeCount: number;
  /** Sum of self sizes (bytes). */
  readonly totalSize: number;
  /** Every class that matched (all of them without a filter), largest retained size first. */
  readonly classes: readonly ClassSummaryRow[];
  /** How many of `classes` to show (0: all). */
  readonly top: number;
  /** True when `classes` was filtered by name. */
  readonly filtered: boolean;
  /** The program's class that retains the most, when it is a large share (findSuspect); null for none, undefined when not looked for. */
  readonly suspect?: Suspect | null;
}

/**
 * The first line of a single snapshot's report: "4,167 LeakedBlob retain 17.6 MB (84.4% of
 * the heap), 4,165 of them in (module scope of app.mjs) retained (Array, 4,167 elements)"; a class
 * piling up in Node's timer list is "in pending 60000 ms timers (Node's timerListMap[60000])", as
 * a diff's lead says it.
 */
export function suspectSentence(s: Suspect, totalSize: number): string {
  const p = s.accumulationPoint;
  const where = p === null ? '' : `, ${formatCount(p.holds)} of them in ${pointPlace(p)}`;
  return `${formatCount(s.count)} ${s.className} retain ${formatBytes(s.retainedSize)} (${formatShare(s.retainedSize, totalSize)} of the heap)${where}`;
}

function shownRows(t: ClassTable): readonly ClassSummaryRow[] {
  return t.top === 0 ? t.classes : t.classes.slice(0, t.top);
}

/**
 * The `--json` object, keys in a fixed order so outputs diff cleanly: `schema`, `file`,
 * `nodeCount`, `totalSize`, `classCount` (classes that matched), then the shown `classes`
 * with `retainedShare` (0–1 of the heap), then, when it was looked for, `suspect` (null for none).
 */
export function summaryJson(t: ClassTable) {
  return {
    schema: SUMMARY_SCHEMA,
    file: t.file,
    nodeCount: t.nodeCount,
    totalSize: t.totalSize,
    classCount: t.classes.length,
    classes: shownRows(t).map((r) => ({
      className: r.className,
      count: r.count,
      shallowSize: r.shallowSize,
      retainedSize: r.retainedSize,
      retainedShare: t.totalSize > 0 ? r.retainedSize / t.totalSize : 0,
    })),
    ...(t.suspect !== undefined ? { suspect: t.suspect } : {}),
  };
}

/** `width`: a terminal's, to which the suspect's sentence wraps at spaces (wrap.ts). */
export function renderSummaryText(t: ClassTable, width?: number): string {
  const shown = shownRows(t);
  const table = formatTable(
    ['Class', 'Count', 'Shallow', 'Retained', '%'],
    shown.map((r) => [terminalSafe(truncateEnd(r.className, MAX_NAME)), formatCount(r.count), formatBytes(r.shallowSize), formatBytes(r.retainedSize), formatShare(r.retainedSize, t.totalSize)]),
    ['left', 'right', 'right', 'right', 'right'],
  );
  const sentence = t.suspect ? `heaptrail: suspect: ${terminalSafe(suspectSentence(t.suspect, t.totalSize))}` : '';
  const lead = sentence === '' ? '' : `${width === undefined ? sentence : wrapWords(sentence, width, '  ')}\n`;
  const head = `${lead}${terminalSafe(t.file)}: ${formatCount(t.nodeCount)} nodes, ${formatBytes(t.totalSize)} total, ${formatCount(t.classes.length)} classes${t.filtered ? ' matching' : ''}\n\n`;
  const more = shown.length < t.classes.length ? `… ${formatCount(t.classes.length - shown.length)} more classes (--top 0 shows all)\n` : '';
  return head + table + more;
}
