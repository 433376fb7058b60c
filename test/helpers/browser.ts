// Headless Chromium for the report tests: Debian's package driven by playwright-core.
// Missing Chromium fails loudly (CI installs it with scripts/install-chromium.sh).

import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: run scripts/install-chromium.sh (the browser tests do not skip)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface OpenedPage {
  readonly page: Page;
  /** Console errors and warnings, uncaught exceptions, dialogs and CSP violations, in order. */
  readonly problems: string[];
  /** URLs the page requested besides its own file. */
  readonly requests: string[];
}

/** Opens a report from disk, as a user would, recording anything that went wrong. */
export async function openFile(browser: Browser, file: string): Promise<OpenedPage> {
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  // Injected by the DevTools protocol, so the page's CSP does not apply to it.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems, requests };
}
