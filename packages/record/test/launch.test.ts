import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverTarget, launchChild, type LaunchedChild } from '../src/index.js';

const children: LaunchedChild[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) await c.stop(0);
});

async function launch(script: string, output: string[] = []): Promise<LaunchedChild> {
  const child = await launchChild({ command: process.execPath, args: ['-e', script], cwd: process.cwd(), env: process.env, output: { write: (t: string) => output.push(t) } });
  children.push(child);
  return child;
}

describe('launchChild', () => {
  it('learns the inspector URL from stderr and passes the other lines through', async () => {
    const output: string[] = [];
    const child = await launch("console.error('hello'); setInterval(() => {}, 1000)", output);
    expect(child.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]+$/);
    await new Promise((r) => setTimeout(r, 300));
    expect(output.join('')).toBe('hello\n');
    expect(child.lastLines()).toEqual(['hello']);
  });

  it('ends a child with SIGTERM, and with SIGKILL after the grace period when it ignores SIGTERM', async () => {
    const polite = await launch('setInterval(() => {}, 1000)');
    expect(await polite.stop(5000)).toEqual({ code: null, signal: 'SIGTERM' });
    const said: string[] = [];
    const stubborn = await launch("process.on('SIGTERM', () => {}); console.error('armed'); setInterval(() => {}, 1000)", said);
    // The URL comes before the program runs: wait until it ignores SIGTERM.
    while (!said.includes('armed\n')) await new Promise((r) => setTimeout(r, 20));
    const t0 = Date.now();
    expect(await stubborn.stop(300)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
  });

  it('keeps only the last lines of stderr', async () => {
    const child = await launch("for (let i = 1; i <= 8; i++) console.error('line ' + i); setInterval(() => {}, 1000)");
    await new Promise((r) => setTimeout(r, 300));
    expect(child.lastLines()).toEqual(['line 4', 'line 5', 'line 6', 'line 7', 'line 8']);
  });
});

describe('discoverTarget', () => {
  async function listing(targets: object[] | string): Promise<{ port: number; close: () => void }> {
    const server = createServer((_, res) => res.end(typeof targets === 'string' ? targets : JSON.stringify(targets)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { port: (server.address() as AddressInfo).port, close: () => server.close() };
  }

  it('takes the Node target, else the first page, skipping entries without a socket URL', async () => {
    const a = await listing([
      { type: 'page', webSocketDebuggerUrl: 'ws://x/page' },
      { type: 'node', webSocketDebuggerUrl: 'ws://x/node' },
    ]);
    expect(await discoverTarget('127.0.0.1', a.port)).toBe('ws://x/node');
    a.close();
    const b = await listing([{ type: 'service_worker', webSocketDebuggerUrl: 'ws://x/sw' }, { type: 'page' }, { type: 'page', webSocketDebuggerUrl: 'ws://x/p2' }]);
    expect(await discoverTarget('127.0.0.1', b.port)).toBe('ws://x/p2');
    b.close();
  });

  it('says so in one line when there is nothing to attach to', async () => {
    const a = await listing([{ type: 'page' }]);
    await expect(discoverTarget('127.0.0.1', a.port)).rejects.toThrow(/lists no Node or page target that can be attached/);
    a.close();
    const b = await listing('<html>');
    await expect(discoverTarget('127.0.0.1', b.port)).rejects.toThrow(/answered \/json\/list with something that is not JSON$/);
    b.close();
  });
});
