// `heaptrail diff --format markdown`: a compact summary for a pull-request comment. GitHub caps
// comments at 65,536 characters, so classes, paths and name lengths are capped.

import type { DiffResult } from '@heaptrail/diff';
import { formatBytes, formatCount, formatSignedBytes } from './format.js';
import { codeSpan } from './markdown-escape.js';
import { describeBudget } from './budgets.js';
import { findingsOf, FIXED_HINT, fixedEntryText } from './baseline.js';
import { pointPlace, type PlaceMarkup } from './lead.js';
import { formatSeries, formatSignedCount, summarizeVerdict } from './verdict.js';

const MARKDOWN_PLACE: PlaceMarkup = { name: (s) => codeSpan(s, true, 120), shape: (s) => s, code: (s) => codeSpan(s, true) };

export interface MarkdownRenderOptions {
  /** Growing classes listed (default 15). */
  readonly maxClasses?: number;
}

const ICON = { healthy: '✅', growing: '⚠️', 'budget-failed': '❌' } as const;

export function renderDiffMarkdown(result: DiffResult, options: MarkdownRenderOptions = {}): string {
  const maxClasses = options.maxClasses ?? 15;
  const v = summarizeVerdict(result);
  const out: string[] = [`### ${ICON[v.status]} heaptrail: ${v.lead === null ? v.headline : `leak: ${codeSpan(v.lead, false, 300)}`}`, ''];
  if (v.lead !== null) out.push(`${v.headline}.`, '');
  out.push([v.bytes, v.baseline, v.budget].filter((s) => s !== '').map((s) => s[0]!.toUpperCase() + s.slice(1)).join('. ') + '.');
  for (const failed of result.verdict.failedBudgets) out.push(`- ❌ ${codeSpan(describeBudget(failed), false)}`);
  for (const note of [...v.hints, ...v.notes]) out.push(`- ${note}`);
  for (const entry of result.baseline?.fixed ?? []) out.push(`- ✅ fixed: ${codeSpan(fixedEntryText(entry), false, 400)} (${FIXED_HINT})`);
  const findings = findingsOf(result);
  if (findings.length === 0) return out.join('\n') + '\n';

  const shown = findings.slice(0, maxClasses);
  out.push('', '| class | counts | growth | retained | piles up in |', '| --- | --- | ---: | ---: | --- |');
  for (const { cls, known } of shown) {
    const tag =
      (cls.category === 'internal' ? ' (internal)' : '') + (known ? ' (known)' : '') + (cls.heldBy !== null ? ` (held by ${codeSpan(cls.heldBy, true)})` : '');
    const point = cls.accumulationPoint;
    const where = point === null ? '' : pointPlace(point, MARKDOWN_PLACE);
    out.push(`| ${codeSpan(cls.className, true)}${tag} | ${formatSeries(cls.counts)} | ${formatSignedCount(cls.growth.count)} | ${formatSignedBytes(cls.growth.retainedSize)} | ${where} |`);
  }
  if (findings.length > shown.length) out.push('', `…and ${formatCount(findings.length - shown.length)} more growing classes.`);

  const withPaths = shown.map((f) => f.cls).filter((c) => c.paths.length > 0);
  if (withPaths.length > 0) {
    out.push('', '<details><summary>Top retaining path per class</summary>', '');
    for (const cls of withPaths) {
      const top = cls.paths[0]!;
      out.push(`- ${codeSpan(cls.className, false)}: ${formatCount(top.count)} × ${formatBytes(top.retainedSize)} via ${codeSpan(top.text, false, 400)}`);
    }
    out.push('', '</details>');
  }
  return out.join('\n') + '\n';
}
