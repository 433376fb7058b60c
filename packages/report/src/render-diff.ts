// The diff report in the format asked for: one place that maps a format name to
// its renderer, for `diff`, `record` and the test helpers alike.

import type { DiffResult } from '@heaptrail/diff';
import { renderJson } from './json.js';
import { renderDiffMarkdown } from './markdown.js';
import { renderDiffText, type TextRenderOptions } from './text-diff.js';

export const DIFF_FORMATS = ['text', 'json', 'markdown'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export function renderDiff(result: DiffResult, format: DiffFormat, text: TextRenderOptions = { color: false }): string {
  switch (format) {
    case 'json':
      return renderJson(result);
    case 'markdown':
      return renderDiffMarkdown(result);
    case 'text':
      return renderDiffText(result, text);
  }
}
