// `heaptrail diff --format markdown`: a compact summary for a pull-request comment. GitHub caps
// comments at 65,536 characters, so classes, paths and name lengths are capped.

import type { DiffResult } from '@heaptrail/diff';
import { formatBytes, formatCount, formatSignedBytes } from './format.js';
import { codeSpan } from './markdown-escape.js';
import { describeBudget } from './budgets.js';
import { formatSeries, formatSignedCount, summarizeVerdict } from './verdict.js';

export interface MarkdownRenderOptions {
  /** Growing classes listed (default 15). */
  readonly maxClasses?: number;
}

const ICON = { healthy: '✅', growing: '⚠️', 'budget-failed': '❌' } as const;

export function renderDiffMarkdown(result: DiffResult, options: MarkdownRenderOptions = {}): string {
  const maxClasses = options.maxClasses ?? 15;
  const v = summarizeVerdict(result);
  const out: string[] = [`### ${ICON[v.status]} heaptrail: ${v.headline}`, ''];
  out.push([v.bytes, v.budget].filter((s) => s !== '').map((s) => s[0]!.toUpperCase() + s.slice(1)).join('. ') + '.');
  for (const failed of result.verdict.failedBudgets) out.push(`- ❌ ${codeSpan(describeBudget(failed), false)}`);
  for (const note of [...v.hints, ...v.notes]) out.push(`- ${note}`);
  if (result.growing.length === 0) return out.join('\n') + '\n';

  const shown = result.growing.slice(0, maxClasses);
  out.push('', '| class | counts | growth | retained |', '| --- | --- | ---: | ---: |');
  for (const cls of shown) {
    const tag = (cls.category === 'internal' ? ' (internal)' : '') + (cls.heldBy !== null ? ` (held by ${codeSpan(cls.heldBy, true)})` : '');
    out.push(`| ${codeSpan(cls.className, true)}${tag} | ${formatSeries(cls.counts)} | ${formatSignedCount(cls.growth.count)} | ${formatSignedBytes(cls.growth.retainedSize)} |`);
  }
  if (result.growing.length > shown.length) out.push('', `…and ${formatCount(result.growing.length - shown.length)} more growing classes.`);

  const withPaths = shown.filter((c) => c.paths.length > 0);
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
