import type { DiffResult } from '@heaptrail/diff';
import { describe, expect, it } from 'vitest';
import { escapeCommandData, escapeCommandProperty, renderAnnotations } from '../src/github.js';
import { renderDiffHtml } from '../src/html/index.js';
import { renderJson } from '../src/json.js';
import { renderDiffMarkdown } from '../src/markdown.js';
import { renderDiffText } from '../src/text-diff.js';
import { leakyResult } from './fixtures.js';

/**
 * The leaky fixture compared with a baseline that knows its first class, and lists a
 * class that no longer grows; the budgets then fail on the other classes only.
 */
function withBaseline(opts: { leak?: string } = {}): DiffResult {
  const r = leakyResult(opts);
  const [known, ...fresh] = r.growing;
  const names = fresh.map((c) => c.className);
  return {
    ...r,
    growing: fresh,
    verdict: {
      ...r.verdict,
      growingClasses: fresh.length,
      growingUserClasses: fresh.filter((c) => c.category === 'user').length,
      failedBudgets: [{ budget: 'failOnGrowth', limit: null, actual: fresh.length, classes: names }],
    },
    baseline: {
      file: 'known-leaks.json',
      entries: 2,
      failOnKnown: false,
      known: [known!],
      fixed: [{ className: 'OldLeak', paths: ['(module scope) ::old→Array []→OldLeak'] }],
    },
  };
}

describe('reports with a baseline', () => {
  it('text lists the known class last, marked known, and the fixed entry', () => {
    const text = renderDiffText(withBaseline(), { color: false });
    const rows = text.split('\n').filter((l) => /^\S/.test(l) && !l.startsWith('heaptrail') && !l.startsWith('class') && !l.startsWith('-'));
    expect(rows.at(-1)).toMatch(/^RequestContext \(known\) /);
    expect(rows.slice(0, -1).every((l) => !l.includes('(known)'))).toBe(true);
    expect(text).toContain('baseline known-leaks.json: 1 known leak (not gated), 1 entry fixed');
    expect(text).toContain('fixed: OldLeak via (module scope) ::old→Array []→OldLeak');
    expect(text).toMatch(/^heaptrail: 3 new classes grow \(2 user, 1 internal\)/m);
  });

  it('Markdown and HTML mark the known class and list the fixed entry', () => {
    const md = renderDiffMarkdown(withBaseline());
    expect(md).toContain('| `RequestContext` (known) |');
    expect(md).toContain('- ✅ fixed: `OldLeak via (module scope) ::old→Array []→OldLeak`');
    const html = renderDiffHtml(withBaseline());
    expect(html).toMatch(/data-class="RequestContext"[\s\S]*?<span class="badge known"/);
    expect(html).toContain('Fixed: <code>OldLeak via');
  });

  it('JSON keeps the baseline section after the verdict, known classes in their own list', () => {
    const parsed = JSON.parse(renderJson(withBaseline())) as DiffResult;
    expect(Object.keys(parsed).slice(-2)).toEqual(['baseline', 'last']);
    expect(Object.keys(parsed.baseline!)).toEqual(['file', 'entries', 'failOnKnown', 'known', 'fixed']);
    expect(parsed.baseline!.known.map((c) => c.className)).toEqual(['RequestContext']);
    expect(parsed.growing.map((c) => c.className)).not.toContain('RequestContext');
    expect(JSON.parse(renderJson(leakyResult())).baseline).toBeNull();
  });
});

describe('renderAnnotations()', () => {
  it('writes ::error for a class that fails a budget, ::warning for a known one, ::notice for a fixed entry', () => {
    const lines = renderAnnotations(withBaseline()).trimEnd().split('\n');
    const r = withBaseline();
    expect(lines).toHaveLength(r.growing.length + 2);
    expect(lines.slice(0, r.growing.length).every((l) => l.startsWith('::error title=heaptrail%3A growing '))).toBe(true);
    expect(lines[r.growing.length]).toMatch(/^::warning title=heaptrail%3A known RequestContext::RequestContext: 12 → 1,012 → 2,012 → 4,012 \(\+4,000, /);
    expect(lines[r.growing.length]).toContain('top path (3,400×): (module scope) cache → Map (entries) → RequestContext');
    expect(lines.at(-1)).toMatch(/^::notice title=heaptrail%3A fixed OldLeak::OldLeak via .* known-leaks\.json$/);
  });

  it('writes warnings only when no budget failed', () => {
    const r = leakyResult();
    const lines = renderAnnotations({ ...r, verdict: { ...r.verdict, failedBudgets: [] } }).trimEnd().split('\n');
    expect(lines).toHaveLength(r.growing.length);
    expect(lines.every((l) => l.startsWith('::warning '))).toBe(true);
  });

  it('escapes hostile class names so they cannot end the command or start another', () => {
    const hostile = 'Evil,x:y%\n::error::pwned\r';
    const out = renderAnnotations(withBaseline({ leak: hostile }));
    const lines = out.trimEnd().split('\n');
    expect(lines.every((l) => /^::(error|warning|notice) title=/.test(l))).toBe(true);
    expect(out).toContain('title=heaptrail%3A known Evil%2Cx%3Ay%25\\u000a%3A%3Aerror%3A%3Apwned\\u000d::Evil,x:y%25\\u000a::error::pwned\\u000d: ');
  });

  it('follows GitHub\'s escaping rules for data and properties', () => {
    expect(escapeCommandData('a%b\r\nc:d,e')).toBe('a%25b%0D%0Ac:d,e');
    expect(escapeCommandProperty('a%b\r\nc:d,e')).toBe('a%25b%0D%0Ac%3Ad%2Ce');
  });
});
