// The terminal report of `heaptrail diff`: a verdict, then one row per growing class
// with its top retaining-path groups underneath. Every name is made terminal-safe
// (names come from the inspected program), and colour is applied after padding so
// escape codes never skew the columns.

import type { DiffResult, GrowingClass } from '@heaptrail/diff';
import { createStyle, type Style } from './color.js';
import { describeBudget } from './budgets.js';
import { findingsOf, FIXED_HINT, fixedEntryText, type Finding } from './baseline.js';
import { pointHolds, pointPlace } from './lead.js';
import { formatBytes, formatCount, formatSignedBytes } from './format.js';
import { terminalSafe, truncateEnd, truncateMiddle } from './terminal-safe.js';
import { wrapWords } from './wrap.js';
import { formatSeries, formatSignedCount, summarizeVerdict, type VerdictSummary } from './verdict.js';

export interface TextRenderOptions {
  readonly color: boolean;
  /**
   * Terminal width: the lead, the verdict, each class's accumulation point and its paths wrap at
   * spaces to it (a path of more than four lines loses its middle), long class names are
   * shortened to fit. No limit when absent.
   */
  readonly width?: number;
  /** Growing classes listed (default 25); the rest are counted. */
  readonly maxClasses?: number;
  /** Path groups shown under each class (default 3). */
  readonly maxPaths?: number;
  /** Leave out hints (hidden internals and the option that shows them), as `--quiet` asks. */
  readonly quiet?: boolean;
}

const HEADER = ['class', 'counts', 'growth', 'retained', 'new survivors'] as const;
const RIGHT = [false, false, true, true, true] as const;
const GAP = '  ';
const MIN_CLASS_WIDTH = 16;
const PATH_INDENT = '    ';
/** Lines a path may take on a terminal before its middle is cut. */
const MAX_PATH_LINES = 4;
/** Continuation lines of a wrapped sentence (wrap.ts): under the lead and verdict, and under an indented note. */
const LEAD_INDENT = '  ';
const NOTE_INDENT = '    ';

export function renderDiffText(result: DiffResult, options: TextRenderOptions): string {
  const style = createStyle(options.color);
  const maxClasses = options.maxClasses ?? 25;
  const maxPaths = options.maxPaths ?? 3;
  const summary = summarizeVerdict(result);
  const lead = summary.lead === null ? null : `heaptrail: leak: ${terminalSafe(summary.lead)}`;
  const wrap = (text: string, indent: string) => (options.width === undefined ? text : wrapWords(text, options.width, indent));
  const out: string[] = lead === null ? [] : [style.bold(style.red(wrap(lead, LEAD_INDENT)))];
  out.push(verdictLine(summary, style, (text) => wrap(text, LEAD_INDENT)));
  // Wrapped as plain text, then the mark coloured: colour codes would count as width.
  for (const failed of result.verdict.failedBudgets) out.push(wrap(`  ✗ ${terminalSafe(describeBudget(failed))}`, NOTE_INDENT).replace('✗', style.red('✗')));
  for (const note of [...(options.quiet ? [] : summary.hints), ...summary.notes]) out.push(style.dim(wrap(`  ${note}`, NOTE_INDENT)));
  for (const entry of result.baseline?.fixed ?? []) {
    out.push(style.green(wrap(`  fixed: ${terminalSafe(fixedEntryText(entry))} (${FIXED_HINT})`, NOTE_INDENT)));
  }
  const findings = findingsOf(result);
  if (findings.length === 0) return out.join('\n') + '\n';

  const shown = findings.slice(0, maxClasses);
  const cells = shown.map(rowCells);
  const widths = HEADER.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c]!.length)));
  if (options.width !== undefined) {
    // Give the class column whatever the other columns leave, but never less than a readable minimum.
    const others = widths.slice(1).reduce((s, w) => s + w, 0) + GAP.length * (widths.length - 1);
    widths[0] = Math.max(Math.min(widths[0]!, options.width - others), Math.min(widths[0]!, MIN_CLASS_WIDTH));
  }
  const pad = (cell: string, c: number) => {
    const text = c === 0 ? truncateEnd(cell, widths[0]!) : cell;
    return RIGHT[c] ? text.padStart(widths[c]!) : text.padEnd(widths[c]!);
  };

  out.push('');
  out.push(style.bold(HEADER.map(pad).join(GAP).trimEnd()));
  out.push(style.dim(widths.map((w) => '-'.repeat(w)).join(GAP)));
  shown.forEach(({ cls, known }, i) => {
    const row = cells[i]!;
    const grow = cls.category === 'internal' || known ? style.yellow : style.red;
    const line = [style.bold(pad(row[0]!, 0)), pad(row[1]!, 1), grow(pad(row[2]!, 2)), grow(pad(row[3]!, 3)), pad(row[4]!, 4)];
    out.push(line.join(GAP).trimEnd());
    const point = cls.accumulationPoint;
    if (point !== null) {
      const where = `${PATH_INDENT}in ${terminalSafe(pointPlace(point))}: ${terminalSafe(pointHolds(point, cls))}`;
      out.push(wrap(where, PATH_INDENT + LEAD_INDENT));
    }
    const weak = weakReasons(cls);
    if (weak !== '') out.push(style.dim(`${PATH_INDENT}weak evidence: ${weak}`));
    if (cls.heldBy !== null) {
      const held = `${PATH_INDENT}held by ${terminalSafe(cls.heldBy)}`;
      out.push(style.dim(options.width === undefined ? held : truncateEnd(held, options.width)));
    }
    out.push(...pathLines(cls, maxPaths, options.width, style));
  });
  if (findings.length > shown.length) {
    out.push(style.dim(`… ${formatCount(findings.length - shown.length)} more growing classes (--format json lists them all)`));
  }
  return out.join('\n') + '\n';
}

/** Why a class's evidence is weak, in words; empty when it is strong. */
export function weakReasons(cls: GrowingClass): string {
  const e = cls.evidence;
  if (e.strength === 'strong') return '';
  const reasons = [
    e.grewLastInterval ? '' : 'flat in the last interval',
    e.survivesEveryInterval === false ? 'no new survivors from some interval' : '',
    e.carriedBySurvivors === false ? 'growth not carried by new survivors' : '',
  ];
  return reasons.filter((r) => r !== '').join(', ');
}

function verdictLine(v: VerdictSummary, style: Style, wrap: (text: string) => string): string {
  const parts = [v.headline, v.bytes, v.baseline, v.budget].filter((p) => p !== '').join('; ');
  const colour = v.status === 'budget-failed' ? style.red : v.status === 'growing' ? style.yellow : style.green;
  return colour(style.bold(wrap(`heaptrail: ${parts}`)));
}

function rowCells({ cls, known }: Finding): string[] {
  const tags = (cls.category === 'internal' ? ' (internal)' : '') + (known ? ' (known)' : '');
  return [
    terminalSafe(cls.className) + tags,
    formatSeries(cls.counts),
    formatSignedCount(cls.growth.count),
    formatSignedBytes(cls.growth.retainedSize),
    cls.newSurvivors === null ? 'n/a' : formatCount(cls.newSurvivors),
  ];
}

function pathLines(cls: GrowingClass, maxPaths: number, width: number | undefined, style: Style): string[] {
  const groups = cls.paths.slice(0, maxPaths);
  if (groups.length === 0) return [];
  const counts = groups.map((g) => `${formatCount(g.count)}×`);
  const sizes = groups.map((g) => formatBytes(g.retainedSize));
  const cw = Math.max(...counts.map((s) => s.length));
  const sw = Math.max(...sizes.map((s) => s.length));
  const lines = groups.map((g, i) => {
    const prefix = `${PATH_INDENT}${counts[i]!.padStart(cw)}  ${sizes[i]!.padStart(sw)}  `;
    const text = terminalSafe(g.text);
    if (width === undefined) return style.dim(prefix) + text;
    // Wrapped at spaces under the path's start, so the variable at its head and the class at
    // its end both stay; only a path longer than MAX_PATH_LINES lines loses its middle.
    const room = Math.max(20, width - prefix.length);
    const wrapped = wrapWords(truncateMiddle(text, room * MAX_PATH_LINES), room, '').split('\n');
    return style.dim(prefix) + wrapped.join('\n' + ' '.repeat(prefix.length));
  });
  const more = cls.paths.length - groups.length;
  if (more > 0) lines.push(style.dim(`${PATH_INDENT}… ${formatCount(more)} more path ${more === 1 ? 'group' : 'groups'}`));
  return lines;
}
