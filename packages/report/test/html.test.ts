import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DiffResult, GrowingClass, PathGroupJson } from '@heaptrail/diff';
import type { DominatorTreeNode } from '@heaptrail/graph';
import { renderDiffHtml } from '../src/html/diff-html.js';
import { escapeHtml } from '../src/html/escape.js';
import { CONTENT_SECURITY_POLICY } from '../src/html/page.js';
import { renderPathTree, stepLabels } from '../src/html/path-tree.js';
import { pruneForDisplay, type DisplayNode } from '../src/html/prune-tree.js';
import { renderSeriesChart } from '../src/html/chart.js';
import { renderSummaryHtml } from '../src/html/summary-html.js';
import { formatBytes } from '../src/format.js';
import { renderTreemap } from '../src/html/treemap.js';
import { healthyResult, HOSTILE, leakyDominatorTree, leakyResult, summaryData } from './fixtures.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

function treeNode(id: number, retainedSize: number, children: DominatorTreeNode[] = [], otherSize = 0, otherCount = 0): DominatorTreeNode {
  return { ordinal: id, id, className: `C${id}`, name: '', selfSize: retainedSize - children.reduce((s, c) => s + c.retainedSize, 0) - otherSize, retainedSize, children, otherSize, otherCount };
}

function walk(root: DisplayNode): DisplayNode[] {
  const out: DisplayNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(n);
    stack.push(...n.children);
  }
  return out;
}

describe('escapeHtml', () => {
  it('escapes the five characters that matter in HTML text and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('the HTML page', () => {
  const html = renderDiffHtml(leakyResult());

  it('allows exactly its own inline style and script through CSP hashes, and nothing else', () => {
    const style = html.match(/<style>([\s\S]*?)<\/style>/)![1]!;
    const script = html.match(/<script>([\s\S]*?)<\/script>/)![1]!;
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain(`style-src 'sha256-${sha256(style)}'`);
    expect(CONTENT_SECURITY_POLICY).toContain(`script-src 'sha256-${sha256(script)}'`);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<style/g)).toHaveLength(1);
  });

  it('loads nothing: no src, href or style attributes anywhere', () => {
    expect(html).not.toMatch(/\s(src|href|style)=/);
  });

  it('is deterministic', () => {
    expect(renderDiffHtml(leakyResult())).toBe(html);
  });

  it('escapes hostile class, edge and file names wherever they appear', () => {
    const hostile = renderDiffHtml(leakyResult({ leak: HOSTILE.leak, edge: HOSTILE.edge, files: ['a', 'b', 'c', HOSTILE.file] }));
    for (const raw of ['</script><script>', '<img', '<svg onload', '"><img']) expect(hostile).not.toContain(raw);
    expect(hostile).toContain(escapeHtml(HOSTILE.leak));
    expect(hostile).toContain(escapeHtml(HOSTILE.file));
    const summary = renderSummaryHtml(summaryData({ leak: HOSTILE.leak, text: HOSTILE.text, file: HOSTILE.file }));
    for (const raw of ['</script><script>', '<script>window', '<img', '<svg onload', '<iframe']) expect(summary).not.toContain(raw);
  });

  it('has a section per growing class and none for a healthy program', () => {
    expect(html.match(/<section class="card growing-class"/g)).toHaveLength(4);
    expect(renderDiffHtml(healthyResult())).not.toContain('growing-class"');
    expect(renderDiffHtml(healthyResult())).toContain('Nothing grows');
  });

  it('stays small however big the input: rows, classes, paths, tree nodes and names are capped', () => {
    const base = leakyResult();
    const longPath: PathGroupJson = {
      count: 1,
      retainedSize: 100,
      exampleId: 1,
      text: 'x → '.repeat(50_000),
      signature: 'x'.repeat(50_000),
      repeats: [],
      stringParts: 0,
      internalSteps: 0,
      steps: Array.from({ length: 50_000 }, (_, i) => ({ edge: `.next${i}`, className: 'Node', nodeId: i * 2 + 1 })),
    };
    const paths = Array.from({ length: 500 }, () => longPath);
    const growing: GrowingClass[] = Array.from({ length: 5_000 }, (_, i) => ({ ...base.growing[0]!, className: `Leak${i}${'y'.repeat(i === 0 ? 1_000_000 : 0)}`, paths }));
    const wide = treeNode(1, 1e9, Array.from({ length: 100_000 }, (_, i) => treeNode(i + 2, 10_000 - (i % 1000))), 0, 0);
    const huge: DiffResult = {
      ...base,
      growing,
      last: {
        classes: Array.from({ length: 100_000 }, (_, i) => ({ className: `Class${i}`, count: i, shallowSize: i * 10, retainedSize: i * 20 })),
        dominatorTree: { ...wide, retainedSize: 100_000 * 10_000 },
      },
    };
    const out = renderDiffHtml(huge);
    expect(out.length).toBeLessThan(500_000);
    expect(out.match(/<section class="card growing-class"/g)).toHaveLength(50);
    expect(out).toContain('4,950 more growing classes');
    expect(out).toContain('99,800 smaller classes not shown');
    expect(out).toContain('… 49,977 more steps …');
  });
});

describe('pruneForDisplay', () => {
  it('keeps the largest nodes best-first and folds the rest into "other" leaves so sizes add up', () => {
    const root = treeNode(0, 1_000, [treeNode(1, 600, [treeNode(3, 300), treeNode(4, 200), treeNode(5, 50)]), treeNode(2, 350, [treeNode(6, 10)])], 20, 7);
    const pruned = pruneForDisplay(root, { maxNodes: 4, minShare: 0 });
    const kept = walk(pruned).filter((n) => n.id !== -1);
    expect(kept.map((n) => n.id).sort()).toEqual([0, 1, 2, 3]);
    for (const n of walk(pruned)) {
      expect(n.ownSize + n.children.reduce((s, c) => s + c.retainedSize, 0)).toBe(n.retainedSize);
    }
    const rootOther = pruned.children.find((c) => c.id === -1)!;
    expect([rootOther.retainedSize, rootOther.otherCount]).toEqual([20, 7]);
    const oneOther = pruned.children[0]!.children.find((c) => c.id === -1)!;
    expect([oneOther.retainedSize, oneOther.otherCount]).toEqual([250, 2]);
  });

  it('walks a chain 100,000 deep without recursion', () => {
    let chain = treeNode(100_000, 1);
    for (let i = 99_999; i >= 0; i--) chain = treeNode(i, 100_001 - i, [chain]);
    const pruned = pruneForDisplay(chain, { maxNodes: 300, minShare: 0 });
    expect(walk(pruned).filter((n) => n.id !== -1)).toHaveLength(300);
    expect(renderTreemap(chain)).toMatch(/^<svg class="treemap"/);
  });

  it('never gives a node a negative own area when the producer\'s sizes do not add up', () => {
    const bad = { ...treeNode(0, 10, [treeNode(1, 50)]), selfSize: 0 };
    expect(pruneForDisplay(bad).ownSize).toBe(0);
  });
});

describe('renderTreemap', () => {
  it('draws one box per kept node with the class name and sizes in its hover title', () => {
    const svg = renderTreemap(leakyDominatorTree(), { highlight: new Set(['RequestContext']) });
    expect(svg.match(/<g class="node[^"]*" data-class="RequestContext">/g)!.length).toBe(12);
    expect(svg.match(/<g class="node grows/g)!.length).toBe(12);
    expect(svg).toMatch(/<title>Map\nretained 1\.\d+ MB · self 48 B · @7<\/title>/);
    expect(svg).toContain('<title>3,988 smaller objects\nretained 1.40 MB</title>');
  });
});

describe('renderPathTree', () => {
  it('merges shared prefixes and counts objects at every branch', () => {
    const html = renderPathTree(leakyResult().growing[0]!.paths);
    // (module scope) holds all three groups; .server → Server holds two of them.
    expect(html).toMatch(/<summary><span class="count">4,000×<\/span> <span class="size">1.65 MB<\/span> <code>\(module scope\)<\/code><\/summary>/);
    expect(html).toMatch(/<summary><span class="count">600×<\/span> <span class="size">246 kB<\/span> <code>.server → Server<\/code><\/summary>/);
    expect(html).toContain('<code>.cache → Map <span class="sep">·</span> (entries) → Array <span class="sep">·</span> [] → RequestContext</code>');
  });

  it('cuts long paths to their first and last steps', () => {
    const steps = Array.from({ length: 1_000 }, (_, i) => ({ edge: i === 0 ? '' : `.n${i}`, className: 'Node', nodeId: i }));
    const labels = stepLabels(steps, 10);
    expect(labels).toHaveLength(10);
    expect(labels[0]).toBe('Node');
    expect(labels[6]).toBe('… 991 more steps …');
    expect(labels[9]).toBe('.n999 → Node');
  });
});

describe('renderSeriesChart', () => {
  it('plots a dot per snapshot in both panels, labelled for hover', () => {
    const svg = renderSeriesChart({ counts: [1, 5, 9], retainedSizes: [10, 50, 90], labels: ['a', 'b', 'c'] });
    expect(svg.match(/<circle /g)).toHaveLength(6);
    expect(svg).toContain('<title>c: 9 count</title>');
    expect(svg).toContain('<title>b: 50 B retained</title>');
  });

  it('copes with a single snapshot', () => {
    expect(renderSeriesChart({ counts: [3], retainedSizes: [30], labels: ['only'] }).match(/<circle /g)).toHaveLength(2);
  });
});

describe('renderSummaryHtml', () => {
  it('names the file, object count and heap size, then draws the treemap and class table', () => {
    const data = summaryData();
    const html = renderSummaryHtml(data);
    expect(formatBytes(data.totalSize)).toBe('3.44 MB');
    expect(html).toContain('<p class="files"><span class="file">heap-4.heapsnapshot</span> · 48,500 objects · 3.44 MB</p>');
    expect(html).toContain('<svg class="treemap"');
    expect(html.match(/<tr data-count=/g)).toHaveLength(7);
    expect(html).toContain('<title>heaptrail summary — heap-4.heapsnapshot</title>');
    expect(html).not.toContain('class="lead"');
  });

  it('leads with the suspect, escaped, when there is one', () => {
    const data = summaryData();
    const point = { path: '(module scope of app.mjs) <img src=x> → Array', className: 'Array', nodeId: 9, kind: 'Array' as const, sizes: [40], holds: 40, of: 40 };
    const suspect = { className: 'LeakedBlob', count: 40, retainedSize: 3_000_000, retainedShare: 0.87, accumulationPoint: point };
    const html = renderSummaryHtml({ ...data, suspect });
    expect(html).toContain(`<p class="lead">Suspect: <code>40 LeakedBlob retain 3.00 MB (${((100 * 3_000_000) / data.totalSize).toFixed(1)}% of the heap), 40 of them in (module scope of app.mjs) &lt;img src=x&gt; (Array, 40 elements)</code></p>`);
    expect(html).not.toContain('<img src=x>');
  });
});
