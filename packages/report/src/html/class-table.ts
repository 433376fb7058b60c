// The class table of one snapshot, sortable by count, shallow and retained size. Values
// sit in data-* attributes as plain numbers; the page script reorders rows by them.

import type { ClassSummaryRow } from '@heaptrail/graph';
import { formatBytes, formatCount } from '../format.js';
import { htmlName } from './escape.js';

export interface ClassTableOptions {
  /** Rows shown, largest retained first (default 200). */
  readonly maxRows?: number;
  /** Class names marked as growing. */
  readonly highlight?: ReadonlySet<string>;
  /** Total heap size, for the share column. */
  readonly totalSize: number;
}

const SORT_KEYS = [
  ['count', 'Count'],
  ['shallow', 'Shallow size'],
  ['retained', 'Retained size'],
] as const;

export function renderClassTable(rows: readonly ClassSummaryRow[], options: ClassTableOptions): string {
  const maxRows = options.maxRows ?? 200;
  const highlight = options.highlight ?? new Set<string>();
  const sorted = [...rows].sort((a, b) => b.retainedSize - a.retainedSize || (a.className < b.className ? -1 : a.className > b.className ? 1 : 0));
  const shown = sorted.slice(0, maxRows);
  const total = options.totalSize > 0 ? options.totalSize : 1;
  const out: string[] = [
    // A scrolling box with a sticky header keeps long tables from burying the page.
    '<div class="table-wrap">',
    '<table class="classes sortable">',
    '<thead><tr><th scope="col">Class</th>',
    ...SORT_KEYS.map(([key, label]) => {
      const sort = key === 'retained' ? ' aria-sort="descending"' : '';
      return `<th scope="col" class="num"${sort}><button type="button" data-sort="${key}">${label}</button></th>`;
    }),
    '<th scope="col" class="num">Share</th></tr></thead><tbody>',
  ];
  for (const r of shown) {
    const share = Math.min(100, (r.retainedSize / total) * 100);
    const grows = highlight.has(r.className) ? ' class="grows"' : '';
    out.push(
      `<tr${grows} data-count="${r.count}" data-shallow="${r.shallowSize}" data-retained="${r.retainedSize}">` +
        `<th scope="row">${htmlName(r.className)}</th>` +
        `<td class="num">${formatCount(r.count)}</td>` +
        `<td class="num">${formatBytes(r.shallowSize)}</td>` +
        `<td class="num">${formatBytes(r.retainedSize)}</td>` +
        `<td class="num"><meter min="0" max="100" value="${share.toFixed(1)}"></meter> ${share.toFixed(1)}%</td>` +
        '</tr>',
    );
  }
  out.push('</tbody></table>', '</div>');
  if (sorted.length > shown.length) out.push(`<p class="muted">${formatCount(sorted.length - shown.length)} smaller classes not shown.</p>`);
  return out.join('\n');
}
