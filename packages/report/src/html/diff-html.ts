// `heaptrail diff --html`: one self-contained page. Top: the verdict (how many classes
// grow, bytes per interval, budgets). Then per growing class a chart of counts and
// retained size across the snapshots and its retaining paths as a collapsible tree.
// Last: the final snapshot's dominator treemap and its sortable class table.

import type { DiffResult, GrowingClass } from '@heaptrail/diff';
import { formatBytes, formatCount, formatSignedBytes } from '../format.js';
import { truncateEnd } from '../terminal-safe.js';
import { describeRule, formatSeries, formatSignedCount, summarizeVerdict } from '../verdict.js';
import { describeBudget } from '../budgets.js';
import { findingsOf, FIXED_HINT, fixedEntryText } from '../baseline.js';
import { pointHolds, pointPlace, type PlaceMarkup } from '../lead.js';
import { weakReasons } from '../text-diff.js';
import { renderSeriesChart } from './chart.js';
import { renderClassTable } from './class-table.js';
import { escapeHtml, htmlName } from './escape.js';
import { renderPage } from './page.js';
import { renderPathTree } from './path-tree.js';
import { renderTreemap, treemapCaption } from './treemap.js';

export interface DiffHtmlOptions {
  /** Growing classes given a section (default 50). */
  readonly maxClasses?: number;
  /** Path groups per class (default 10). */
  readonly maxPaths?: number;
  /** Nodes drawn in the treemap (default 300). */
  readonly maxTreeNodes?: number;
  /** Rows of the class table (default 200). */
  readonly maxRows?: number;
}

export function renderDiffHtml(result: DiffResult, options: DiffHtmlOptions = {}): string {
  const files = result.snapshots.map((s) => s.file);
  const labels = files.map((f, i) => `#${i + 1} ${f}`);
  const findings = findingsOf(result);
  const growingNames = new Set(findings.map((f) => f.cls.className));
  const shown = findings.slice(0, options.maxClasses ?? 50);
  const lastFile = files[files.length - 1] ?? '';

  const body: string[] = [
    '<header>',
    '<h1>heaptrail diff</h1>',
    `<p class="files">${files.map((f, i) => `<span class="file">#${i + 1} ${htmlName(f)}</span>`).join(' → ')}</p>`,
    '</header>',
    renderVerdict(result),
  ];

  body.push(
    `<h2 id="growing">Growing classes</h2>`,
    `<p class="muted">${escapeHtml(describeRule(result.rule, Math.max(1, files.length - 1)))} ` +
      'New survivors are objects created after the first snapshot and still alive in the last.</p>',
  );
  if (shown.length === 0) body.push('<p class="muted">Nothing grows: no class met the growth rule across the series.</p>');
  for (const { cls, known } of shown) body.push(renderGrowingClass(cls, labels, options.maxPaths ?? 10, known));
  if (findings.length > shown.length) {
    body.push(`<p class="muted">${formatCount(findings.length - shown.length)} more growing classes are in the JSON output.</p>`);
  }

  const tree = result.last.dominatorTree;
  body.push(
    `<h2 id="treemap">What holds memory in the last snapshot</h2>`,
    `<p class="muted">${escapeHtml(treemapCaption(tree))} Growing classes are outlined in red.</p>`,
    renderTreemap(tree, { highlight: growingNames, maxNodes: options.maxTreeNodes ?? 300 }),
    `<h2 id="classes">Classes in the last snapshot</h2>`,
    renderClassTable(result.last.classes, {
      highlight: growingNames,
      totalSize: result.snapshots[result.snapshots.length - 1]?.totalSize ?? tree.retainedSize,
      maxRows: options.maxRows ?? 200,
    }),
  );
  return renderPage({ title: `heaptrail diff — ${truncateEnd(lastFile, 120)}`, body: body.join('\n') });
}

function renderVerdict(result: DiffResult): string {
  const v = summarizeVerdict(result);
  const out = [`<section class="verdict ${v.status}" id="verdict">`];
  if (v.lead !== null) out.push(`<p class="lead">Leak: <code>${htmlName(v.lead, 600)}</code></p>`);
  out.push(`<h2>${escapeHtml(v.headline)}</h2>`);
  if (v.bytes !== '') out.push(`<p>${escapeHtml(v.bytes)}</p>`);
  const perInterval = result.verdict.bytesGrownPerInterval;
  if (result.growing.length > 0 && perInterval.length > 0) {
    out.push(
      '<table class="intervals"><tr><th>interval</th>',
      ...perInterval.map((_, i) => `<td>#${i + 1} → #${i + 2}</td>`),
      '</tr><tr><th>bytes grown</th>',
      ...perInterval.map((b) => `<td>${escapeHtml(formatSignedBytes(b))}</td>`),
      '</tr></table>',
    );
  }
  const failed = result.verdict.failedBudgets;
  out.push(`<p class="${failed.length > 0 ? 'failed' : ''}">Budgets: ${escapeHtml(v.budget)}</p>`);
  if (failed.length > 0) out.push('<ul class="budgets">', ...failed.map((f) => `<li>${htmlName(describeBudget(f))}</li>`), '</ul>');
  if (v.baseline !== '') out.push(`<p>${htmlName(v.baseline, 600)}</p>`);
  const fixed = result.baseline?.fixed ?? [];
  if (fixed.length > 0) {
    out.push('<ul class="fixed">', ...fixed.map((e) => `<li>Fixed: <code>${htmlName(fixedEntryText(e), 600)}</code> (${escapeHtml(FIXED_HINT)})</li>`), '</ul>');
  }
  for (const note of [...v.hints, ...v.notes]) out.push(`<p class="muted">${escapeHtml(note)}</p>`);
  out.push('</section>');
  return out.join('\n');
}

function renderGrowingClass(cls: GrowingClass, labels: readonly string[], maxPaths: number, known: boolean): string {
  const survivors = cls.newSurvivors === null ? 'new survivors unknown (different processes)' : `<b>${formatCount(cls.newSurvivors)}</b> new survivors`;
  const top = cls.paths[0];
  return [
    `<section class="card growing-class" data-class="${htmlName(cls.className)}">`,
    '<div class="class-head">',
    `<h3>${htmlName(cls.className)}</h3>`,
    `<span class="badge ${cls.category}">${cls.category}</span>`,
    known ? '<span class="badge known" title="listed in the baseline: not gated">known</span>' : '',
    cls.heldBy === null ? '' : `<span class="held-by">held by <code>${htmlName(cls.heldBy)}</code></span>`,
    `<span class="stats">count <b>${formatSeries(cls.counts)}</b> (<span class="grow-num">${formatSignedCount(cls.growth.count)}</span>)` +
      ` · retained <span class="grow-num">${formatSignedBytes(cls.growth.retainedSize)}</span>` +
      ` · grew in ${cls.growth.intervalsGrown} of ${cls.growth.intervals} intervals · ${survivors}</span>`,
    '</div>',
    '<div class="class-body">',
    renderSeriesChart({ counts: cls.counts, retainedSizes: cls.retainedSizes, labels }),
    '<div class="paths">',
    cls.accumulationPoint === null
      ? ''
      : `<p class="point">Piles up in ${pointPlace(cls.accumulationPoint, HTML_PLACE)}: ${htmlName(pointHolds(cls.accumulationPoint, cls), 300)}</p>`,
    cls.evidence.strength === 'weak' ? `<p class="muted">Weak evidence: ${escapeHtml(weakReasons(cls))}</p>` : '',
    top === undefined
      ? ''
      : `<p class="top-path muted">Top path (${formatCount(top.count)} objects, ${formatBytes(top.retainedSize)}): <code>${htmlName(top.text, 600)}</code></p>`,
    renderPathTree(cls.paths, { maxGroups: maxPaths }),
    '</div>',
    '</div>',
    '</section>',
  ].join('\n');
}

/** Where a class piles up: its path in code and its shape, or for Node's timer list the timers (as the lead says). */
const HTML_PLACE: PlaceMarkup = { name: (s) => `<code>${htmlName(s, 300)}</code>`, shape: escapeHtml, code: (s) => `<code>${escapeHtml(s)}</code>` };
