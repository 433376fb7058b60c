// The HTML reports opened in a real headless Chromium from file:// URLs, as a user
// would open them from disk: they must render with no console errors and no CSP
// violations, show the expected classes, expand path groups and sort tables, and run
// no script smuggled in through hostile class, edge or file names. Screenshots land in
// test-artifacts/ for a human look. Chromium is required: CI runs
// scripts/install-chromium.sh first, and a missing browser fails these tests loudly.

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDiffHtml, renderSummaryHtml } from '@heaptrail/report';
import { launchChromium, openFile, type OpenedPage } from './helpers/browser.js';
import { crossProcessResult, healthyResult, HOSTILE, leakyResult, summaryData } from '../packages/report/test/fixtures.js';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));

let browser: Browser;

async function open(name: string, html: string): Promise<OpenedPage> {
  const file = join(ARTIFACTS, `${name}.html`);
  writeFileSync(file, html);
  return openFile(browser, file);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('diff HTML report in Chromium', () => {
  it('renders from disk with no console errors, no CSP violations and no network requests', async () => {
    const { page, problems, requests } = await open('report-diff', renderDiffHtml(leakyResult()));
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await expect(page.locator('#verdict h2').textContent()).resolves.toBe('4 classes grow (3 user, 1 internal) across 4 snapshots');
    await expect(page.locator('#verdict .budgets li').allTextContents()).resolves.toEqual([
      '--max-growth-bytes 1000000: retained size of growing classes grew by 2900000 bytes',
      '--max-growing-classes 1: 4 classes grew',
    ]);
    await screenshot(page, 'report-diff');
    await page.close();
  });

  it('draws a chart per growing class and the growing classes in the treemap', async () => {
    const { page } = await open('report-diff-charts', renderDiffHtml(leakyResult()));
    const sections = page.locator('section.growing-class');
    await expect(sections.evaluateAll((els) => els.map((e) => e.getAttribute('data-class')))).resolves.toEqual([
      'RequestContext',
      'onRequestDone()',
      'Buffer',
      '(compiled code)',
    ]);
    // One chart per class, each with a dot per snapshot in both panels.
    await expect(page.locator('section.growing-class svg.chart').count()).resolves.toBe(4);
    await expect(sections.first().locator('svg.chart circle').count()).resolves.toBe(8);
    const treemapClasses = await page.locator('svg.treemap g.node').evaluateAll((els) => els.map((e) => e.getAttribute('data-class')));
    expect(treemapClasses).toContain('RequestContext');
    expect(treemapClasses).toContain('Map');
    expect(treemapClasses).toContain('Buffer');
    // The treemap is actually laid out: the leak's boxes have area on screen.
    const box = await page.locator('svg.treemap g.grows[data-class="RequestContext"] rect').first().boundingBox();
    expect(box!.width * box!.height).toBeGreaterThan(100);
    await expect(page.locator('svg.treemap g[data-class="Map"] title').first().textContent()).resolves.toMatch(/^Map\nretained 1\.\d+ MB/);
    await page.close();
  });

  it('expands a retaining-path group when its summary is clicked', async () => {
    const { page } = await open('report-diff-paths', renderDiffHtml(leakyResult()));
    const section = page.locator('section.growing-class[data-class="RequestContext"]');
    const group = section.locator('details.pgroup:has(> summary:has-text(".server → Server"))');
    const inner = group.locator('li.leaf', { hasText: 'context ctx → RequestContext' });
    await expect(group.getAttribute('open')).resolves.toBeNull();
    await expect(inner.isVisible()).resolves.toBe(false);
    await group.locator('summary').first().click();
    await expect(inner.isVisible()).resolves.toBe(true);
    await expect(inner.textContent()).resolves.toMatch(/^580× 238 kB/);
    await page.close();
  });

  it('sorts the class table by count, shallow and retained size, toggling direction', async () => {
    const { page, problems } = await open('report-diff-sort', renderDiffHtml(leakyResult()));
    const column = (key: string) => page.locator('table.classes tbody tr').evaluateAll((rows, k) => rows.map((r) => Number(r.getAttribute(`data-${k}`))), key);
    const names = () => page.locator('table.classes tbody th').allTextContents();
    const desc = (xs: number[]) => [...xs].sort((a, b) => b - a);
    expect(await column('retained')).toEqual(desc(await column('retained')));
    await page.getByRole('button', { name: 'Count' }).click();
    expect(await column('count')).toEqual(desc(await column('count')));
    expect((await names())[0]).toBe('(string)');
    await page.getByRole('button', { name: 'Count' }).click();
    expect(await column('count')).toEqual(desc(await column('count')).reverse());
    expect((await names())[0]).toBe('Socket');
    await page.getByRole('button', { name: 'Shallow size' }).click();
    expect(await column('shallow')).toEqual(desc(await column('shallow')));
    await expect(page.locator('th[aria-sort]').textContent()).resolves.toBe('Shallow size');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a calm verdict and no sections for a healthy program', async () => {
    const { page, problems } = await open('report-diff-healthy', renderDiffHtml(healthyResult()));
    expect(problems).toEqual([]);
    await expect(page.locator('#verdict').getAttribute('class')).resolves.toBe('verdict healthy');
    await expect(page.locator('section.growing-class').count()).resolves.toBe(0);
    await page.close();
  });

  it('says new survivors are unknown for snapshots from different processes', async () => {
    const { page, problems } = await open('report-diff-cross', renderDiffHtml(crossProcessResult()));
    expect(problems).toEqual([]);
    await expect(page.locator('section.growing-class').first().textContent()).resolves.toContain('new survivors unknown');
    await page.close();
  });
});

describe('hostile names in Chromium', () => {
  const hostileDiff = () => renderDiffHtml(leakyResult({ leak: HOSTILE.leak, edge: HOSTILE.edge, files: ['a.heapsnapshot', 'b.heapsnapshot', 'c.heapsnapshot', HOSTILE.file] }));
  const hostileSummary = () => renderSummaryHtml(summaryData({ leak: HOSTILE.leak, text: HOSTILE.text, file: HOSTILE.file }));

  for (const [name, html] of [['diff', hostileDiff], ['summary', hostileSummary]] as const) {
    it(`runs no injected script and adds no injected element in the ${name} report`, async () => {
      const { page, problems, requests } = await open(`report-hostile-${name}`, html());
      // Escaping, not only the CSP, must stop them: no injected element reaches the DOM at all.
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      await expect(page.locator('img').count()).resolves.toBe(0);
      await expect(page.locator('script').count()).resolves.toBe(1);
      await expect(page.locator('svg[onload], iframe').count()).resolves.toBe(0);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      // The names are shown as text.
      await expect(page.locator('table.classes tbody th', { hasText: 'window.__pwned=1' }).first().textContent()).resolves.toBe(HOSTILE.leak);
      await expect(page.locator('header .files').textContent()).resolves.toContain(HOSTILE.file);
      if (name === 'diff') {
        await expect(page.locator('section.growing-class h3').first().textContent()).resolves.toBe(HOSTILE.leak);
        await expect(page.locator('section.growing-class').first().locator('.top-path code').textContent()).resolves.toContain(HOSTILE.edge);
        await screenshot(page, 'report-hostile');
      } else {
        // A string's contents appear in its treemap box's hover title, as text.
        await expect(page.locator('svg.treemap g[data-class="(string)"] title').first().textContent()).resolves.toContain(HOSTILE.text);
      }
      await page.close();
    });
  }
});

describe('scripts/install-chromium.sh', () => {
  it('succeeds silently when Chromium is already installed', () => {
    const script = fileURLToPath(new URL('../scripts/install-chromium.sh', import.meta.url));
    const run = spawnSync('bash', [script], { encoding: 'utf8' });
    expect([run.status, run.stdout, run.stderr]).toEqual([0, '', '']);
  });
});

describe('summary HTML report in Chromium', () => {
  it('renders the treemap and a sortable class table with no console errors', async () => {
    const { page, problems, requests } = await open('report-summary', renderSummaryHtml(summaryData()));
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await expect(page.locator('svg.treemap g[data-class="RequestContext"]').count()).resolves.toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Count' }).click();
    await expect(page.locator('table.classes tbody th').first().textContent()).resolves.toBe('(string)');
    await screenshot(page, 'report-summary');
    await page.close();
  });
});
