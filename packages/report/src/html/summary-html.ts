// `heaptrail summary --html`: one snapshot's dominator treemap and sortable class table.

import { formatBytes, formatCount } from '../format.js';
import { truncateEnd } from '../terminal-safe.js';
import type { SummaryData } from '../summary-data.js';
import { suspectSentence } from '../summary.js';
import { renderClassTable } from './class-table.js';
import { escapeHtml, htmlName } from './escape.js';
import { renderPage } from './page.js';
import { renderTreemap, treemapCaption } from './treemap.js';

export interface SummaryHtmlOptions {
  readonly maxTreeNodes?: number;
  readonly maxRows?: number;
}

export function renderSummaryHtml(data: SummaryData, options: SummaryHtmlOptions = {}): string {
  const body = [
    '<header>',
    '<h1>heaptrail summary</h1>',
    `<p class="files"><span class="file">${htmlName(data.file)}</span> · ${formatCount(data.nodeCount)} objects · ${formatBytes(data.totalSize)}</p>`,
    '</header>',
    ...(data.suspect ? [`<p class="lead">Suspect: <code>${htmlName(suspectSentence(data.suspect, data.totalSize), 600)}</code></p>`] : []),
    '<h2 id="treemap">What holds memory</h2>',
    `<p class="muted">${escapeHtml(treemapCaption(data.dominatorTree))}</p>`,
    renderTreemap(data.dominatorTree, { maxNodes: options.maxTreeNodes ?? 300 }),
    '<h2 id="classes">Classes</h2>',
    renderClassTable(data.classes, { totalSize: data.totalSize, maxRows: options.maxRows ?? 200 }),
  ];
  return renderPage({ title: `heaptrail summary — ${truncateEnd(data.file, 120)}`, body: body.join('\n') });
}
