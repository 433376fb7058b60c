export { formatBytes, formatCount, formatSignedBytes, formatTable, type Align } from './format.js';
export { shouldUseColor, createStyle, type ColorEnvironment, type Style } from './color.js';
export { terminalSafe, truncateMiddle, truncateEnd } from './terminal-safe.js';
export { summarizeVerdict, formatSeries, formatSignedCount, type VerdictSummary, type VerdictStatus } from './verdict.js';
export { renderDiffText, type TextRenderOptions } from './text-diff.js';
export { renderJson, orderDiffResult } from './json.js';
export { renderDiffMarkdown, type MarkdownRenderOptions } from './markdown.js';
export { codeSpan } from './markdown-escape.js';
export type { SummaryData } from './summary-data.js';
