import { describe, expect, it } from 'vitest';
import { renderDiffMarkdown } from '../src/markdown.js';
import { codeSpan } from '../src/markdown-escape.js';
import { crossProcessResult, healthyResult, HOSTILE, leakyResult } from './fixtures.js';

describe('renderDiffMarkdown', () => {
  it('opens with the verdict and the failed budgets', () => {
    const md = renderDiffMarkdown(leakyResult());
    const lines = md.split('\n');
    expect(lines[0]).toBe('### ❌ heaptrail: 4 classes grow (3 user, 1 internal) across 4 snapshots');
    expect(lines[2]).toMatch(/^\+\S+ MB retained \(.+ per interval\)\. 2 budgets exceeded\.$/);
    expect(md).toContain('- ❌ `--max-growth-bytes 1000000: retained size of growing classes grew by 2900000 bytes`');
  });

  it('tabulates class, counts, growth and bytes', () => {
    const md = renderDiffMarkdown(leakyResult());
    expect(md).toContain('| class | counts | growth | retained |\n| --- | --- | ---: | ---: |');
    expect(md).toContain('| `RequestContext` | 12 → 1,012 → 2,012 → 4,012 | +4,000 | +1.65 MB |');
  });

  it('gives the top path of each class in backticks', () => {
    expect(renderDiffMarkdown(leakyResult())).toContain('- `RequestContext`: 3,400 × 1.40 MB via `(module scope) cache → Map (entries) → RequestContext`');
  });

  it('names the class that holds a class growing only because of it', () => {
    expect(renderDiffMarkdown(leakyResult())).toContain('| `Buffer` (held by `RequestContext`) | 40 → 1,040 → 2,040 → 4,020 |');
  });

  it('says so when nothing grows, with no table', () => {
    const md = renderDiffMarkdown(healthyResult());
    expect(md).toBe('### ✅ heaptrail: No class grows across 4 snapshots\n\nNo budget exceeded.\n');
  });

  it('notes a cross-process series', () => {
    expect(renderDiffMarkdown(crossProcessResult())).toContain('different processes');
  });

  it('keeps a hostile class name inside one code span and one table cell', () => {
    const md = renderDiffMarkdown(leakyResult({ leak: HOSTILE.leak }));
    const row = md.split('\n').find((l) => l.includes('window.__pwned=1'))!;
    // Unescaped pipes split cells: a row of four cells has exactly five.
    expect(row.replace(/\\\|/g, '').match(/\|/g)).toHaveLength(5);
    // The name holds one backtick, so the span is fenced with two.
    expect(row).toMatch(/^\| `` <\/script>.*`\\\|\*\*bold\*\*\\\| `` \| 12 → /);
  });

  it('caps the number of classes so a comment stays under GitHub\'s size limit', () => {
    const r = leakyResult();
    const many = { ...r, growing: Array.from({ length: 500 }, (_, i) => ({ ...r.growing[0]!, className: `Leak${i}` })) };
    const md = renderDiffMarkdown(many);
    expect(md).toContain('…and 485 more growing classes.');
    expect(md.length).toBeLessThan(65_536);
  });
});

describe('codeSpan', () => {
  it('fences with more backticks than the longest run inside', () => {
    expect(codeSpan('a`b', false)).toBe('`` a`b ``');
    expect(codeSpan('a``b`', false)).toBe('``` a``b` ```');
    expect(codeSpan('plain', false)).toBe('`plain`');
  });

  it('escapes pipes only in tables', () => {
    expect(codeSpan('a|b', true)).toBe('`a\\|b`');
    expect(codeSpan('a|b', false)).toBe('`a|b`');
  });

  it('folds line breaks so a name cannot end the span or start a new block', () => {
    expect(codeSpan('a\n\n# b', false)).toBe('`a # b`');
  });

  it('shortens very long names', () => {
    expect(codeSpan('x'.repeat(500), false)).toHaveLength(202);
  });
});
