// The HTML reports the real CLI writes for real snapshots, opened in headless
// Chromium: the committed agent-history series (diff --html) and one of its
// snapshots (summary --html), and a series built with hostile class and property
// names, to prove that names coming from a snapshot cannot run script in the report.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { launchChromium, openFile } from './helpers/browser.js';
import { BIN, ROOT, runCliSync, SAMPLES } from './helpers/cli.js';

const ARTIFACTS = join(ROOT, 'test-artifacts');
const SERIES = join(SAMPLES, 'agent-history');

let browser: Browser;
const work = mkdtempSync(join(tmpdir(), 'heaptrail-real-html-'));

function cli(...args: string[]) {
  const r = runCliSync(args);
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

const open = (file: string) => openFile(browser, file);

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error('build the CLI first (npm test builds it)');
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('heaptrail diff --html on the agent-history sample', () => {
  it('shows ChatMessage first with its chart and top path, and path groups fold and unfold', async () => {
    const html = join(work, 'agent-history.html');
    const r = cli('diff', SERIES, '--html', html, '--format', 'json', '-o', join(work, 'agent-history.json'), '--quiet');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const { page, problems } = await open(html);
    const classes = await page.locator('section.growing-class').evaluateAll((els) => els.map((e) => e.getAttribute('data-class')));
    expect(classes[0]).toBe('ChatMessage');
    const section = page.locator('section.growing-class[data-class="ChatMessage"]');
    await expect(section.locator('svg.chart').count()).resolves.toBeGreaterThan(0);
    // One dot per snapshot in the chart of counts.
    await expect(section.locator('svg.chart').first().locator('circle').count()).resolves.toBeGreaterThanOrEqual(4);
    const treemap = await page.locator('svg.treemap g.node').evaluateAll((els) => els.map((e) => e.getAttribute('data-class')));
    expect(treemap.length).toBeGreaterThan(5);
    // The top path names the module variable and property that hold the growth.
    await expect(section.locator('.top-path code').textContent()).resolves.toBe('(module scope of scenarios/agent-history.mjs) agent.session.history[] → ChatMessage');
    // A class with several path groups shows them as collapsible trees; the first starts open.
    const group = page.locator('details.pgroup').first();
    const leaf = group.locator('details.pgroup > summary').first();
    await expect(leaf.isVisible()).resolves.toBe(true);
    await group.locator('summary').first().click();
    await expect(leaf.isVisible()).resolves.toBe(false);
    await group.locator('summary').first().click();
    await expect(leaf.isVisible()).resolves.toBe(true);
    await expect(page.locator('body').textContent()).resolves.toContain('ChatMessage');
    await page.screenshot({ path: join(ARTIFACTS, 'real-agent-history-diff.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('heaptrail summary --html on a real snapshot', () => {
  it('renders the treemap and a class table that sorts by count', async () => {
    const html = join(work, 'summary.html');
    const r = cli('summary', join(SERIES, 's4.heapsnapshot.gz'), '--html', html, '--quiet', '--top', '3');
    expect(r.status).toBe(0);
    const { page, problems } = await open(html);
    await expect(page.locator('svg.treemap g.node').count()).resolves.toBeGreaterThan(5);
    await expect(page.locator('table.classes tbody tr', { hasText: 'ChatMessage' }).count()).resolves.toBeGreaterThan(0);
    const counts = () => page.locator('table.classes tbody tr').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-count'))));
    await page.locator('table.classes th', { hasText: 'Count' }).first().click();
    const once = await counts();
    const sorted = [...once].sort((a, b) => a - b);
    expect(once[0] === sorted[0] || once[0] === sorted[sorted.length - 1]).toBe(true);
    expect(once).toSatisfy((xs: number[]) => xs.every((x, i) => i === 0 || (once[0] === sorted[0] ? xs[i - 1]! <= x : xs[i - 1]! >= x)));
    await page.screenshot({ path: join(ARTIFACTS, 'real-summary.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('a snapshot series with hostile names', () => {
  // Not starting with "<", so the DevTools tag rule (cut at the first space) leaves it whole.
  const HOSTILE_CLASS = 'Evil</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
  const HOSTILE_PROP = '"><svg onload="window.__pwned=3">';

  function snapshotWith(instances: number, firstId: number): string {
    const b = new SnapshotBuilder();
    const global = b.node('global', 100, { id: 3 });
    b.root.edge(global, 'shortcut', '1');
    const list = b.node('Array', 32, { id: 5 });
    global.edge(list, 'property', HOSTILE_PROP);
    for (let k = 0; k < instances; k++) {
      const leak = b.node(HOSTILE_CLASS, 40, { id: firstId + 2 * k });
      list.edge(leak, 'element', k);
    }
    return b.toJSON();
  }

  it('runs no injected script and shows the names as text', async () => {
    const files = [20, 40, 60].map((count, i) => {
      const f = join(work, `hostile-s${i + 1}.heapsnapshot`);
      // Ids of survivors stay; new instances get larger ids, as in one V8 process.
      writeFileSync(f, snapshotWith(count, 101));
      return f;
    });
    const html = join(work, 'hostile.html');
    const r = cli('diff', ...files, '--html', html, '--quiet', '--format', 'json', '-o', join(work, 'hostile.json'));
    expect([0, 1]).toContain(r.status);
    const result = JSON.parse(readFileSync(join(work, 'hostile.json'), 'utf8'));
    // The hostile class really is reported, so the report really contains the names.
    expect(result.growing.map((g: { className: string }) => g.className)).toContain(HOSTILE_CLASS);
    const { page, problems } = await open(html);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await expect(page.locator('img[src="x"], svg[onload]').count()).resolves.toBe(0);
    await expect(page.locator('body').textContent()).resolves.toContain(HOSTILE_CLASS);
    await page.screenshot({ path: join(ARTIFACTS, 'real-hostile.png'), fullPage: true });
    expect(problems.filter((p) => !p.startsWith('CSP violation'))).toEqual([]);
    await page.close();
  });
});
