// End-to-end: `heaptrail record` attached to a server this test started itself,
// by inspector address and by process id. The server is not heaptrail's: it
// must still be running afterwards.

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiffResult } from '@heaptrail/diff';
import { CHROMIUM } from './helpers/browser.js';
import { SERVER, cleanUpEachTest, freePort, heaptrail, isAlive, readPortFile, requestLoop, startProcess, tempDir } from '../packages/record/test/fixtures/harness.js';

cleanUpEachTest();

/** A leaking server started here, with the given node flags. */
async function server(flags: readonly string[]) {
  const portFile = join(tempDir('heaptrail-attach-'), 'port');
  const proc = startProcess(process.execPath, [...flags, SERVER], { LEAK: '1', PORT_FILE: portFile });
  const { port, pid } = await readPortFile(portFile);
  return { proc, port, pid };
}

async function recordWhileLoading(args: readonly string[], port: number): Promise<DiffResult> {
  const run = heaptrail(['record', '--count', '3', '--interval', '0.7', '--warmup', '0.3', '--format', 'json', ...args]);
  await requestLoop(port, run.exited);
  const { code } = await run.exited;
  expect(code, run.stderr()).toBe(0);
  return JSON.parse(run.stdout()) as DiffResult;
}

describe('heaptrail record attached to a running process', () => {
  it('--inspect ws://…: the URL the process printed', async () => {
    const { proc, port, pid } = await server(['--inspect=127.0.0.1:0']);
    const [, url] = await proc.waitForStderr(/Debugger listening on (ws:\/\/\S+)/);
    const result = await recordWhileLoading(['--inspect', url!], port);
    expect(result.growing[0]!.className).toBe('RequestRecord');
    expect(isAlive(pid)).toBe(true);
  });

  it('--inspect host:port: the target is found at /json/list', async () => {
    const inspectPort = await freePort();
    const { port, pid } = await server([`--inspect=127.0.0.1:${inspectPort}`]);
    const result = await recordWhileLoading(['--inspect', `127.0.0.1:${inspectPort}`], port);
    expect(result.growing[0]!.className).toBe('RequestRecord');
    expect(isAlive(pid)).toBe(true);
  });

  it('--pid: opens the inspector of a process started without one (SIGUSR1)', async () => {
    // Its own inspector port, so the test never meets another process on 9229.
    const inspectPort = await freePort();
    const { proc, port, pid } = await server([`--inspect-port=127.0.0.1:${inspectPort}`]);
    expect(proc.stderr()).not.toMatch(/Debugger listening/);
    const result = await recordWhileLoading(['--pid', String(pid), '--inspect', `127.0.0.1:${inspectPort}`], port);
    expect(result.growing[0]!.className).toBe('RequestRecord');
    expect(proc.stderr()).toMatch(/Debugger listening on ws:\/\/127\.0\.0\.1:/);
    expect(isAlive(pid)).toBe(true);
  });
});

describe('heaptrail record attached to Chromium', () => {
  it('--inspect host:port of --remote-debugging-port: the page target, its leaking class first', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} missing: run scripts/install-chromium.sh`).toBe(true);
    const dir = tempDir('heaptrail-chromium-');
    const page = join(dir, 'leak.html');
    writeFileSync(
      page,
      `<!doctype html><title>leak</title><script>
        class Widget { constructor(i) { this.i = i; this.label = 'widget ' + i; } }
        window.widgets = [];
        setInterval(() => { for (let k = 0; k < 20; k++) window.widgets.push(new Widget(k)); }, 50);
      </script>`,
    );
    const browser = startProcess(CHROMIUM, [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0',
      `--user-data-dir=${join(dir, 'profile')}`, `file://${page}`,
    ]);
    const [, port] = await browser.waitForStderr(/DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//, 60_000);
    const run = heaptrail(['record', '--count', '3', '--interval', '0.7', '--warmup', '0.5', '--format', 'json', '--inspect', `127.0.0.1:${port}`]);
    const { code } = await run.exited;
    expect(code, run.stderr()).toBe(0);
    const result = JSON.parse(run.stdout()) as DiffResult;
    expect(result.growing[0]!.className).toBe('Widget');
    expect(result.growing[0]!.paths[0]!.text).toMatch(/widgets\[\] → Widget$/);
  });
});
