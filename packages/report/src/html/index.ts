export { renderDiffHtml, type DiffHtmlOptions } from './diff-html.js';
export { renderSummaryHtml, type SummaryHtmlOptions } from './summary-html.js';
export { escapeHtml } from './escape.js';
export { CONTENT_SECURITY_POLICY } from './page.js';
