// End-to-end: `heaptrail record -- node server.mjs` against real servers while
// this test sends them requests. Spawns the built CLI (npm run build first).

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiffResult } from '@heaptrail/diff';
import { SERVER, cleanUpEachTest, heaptrail, isAlive, readPortFile, requestLoop, tempDir } from '../packages/record/test/fixtures/harness.js';

cleanUpEachTest();

const QUICK = ['--count', '4', '--interval', '0.7', '--warmup', '0.5'];

describe('heaptrail record -- node server.mjs', () => {
  it('reports the leaking class first, with its path; --out keeps a series that heaptrail diff reads the same', async () => {
    const d = tempDir();
    const portFile = join(d, 'port');
    const out = join(d, 'snaps');
    const run = heaptrail(['record', ...QUICK, '--format', 'json', '--out', out, '--', 'node', SERVER], { LEAK: '1', PORT_FILE: portFile });
    const { port, pid } = await readPortFile(portFile);
    const sent = await requestLoop(port, run.exited);
    const { code } = await run.exited;
    expect(run.stderr()).toMatch(/heaptrail: snapshot 4\/4: [\d.]+ [kM]B in [\d.]+ s → .*snapshot-4\.heapsnapshot\.gz/);
    expect(code, run.stderr()).toBe(0);
    expect(sent).toBeGreaterThan(20);
    const result = JSON.parse(run.stdout()) as DiffResult;
    expect(result.schema).toBe('heaptrail.diff/2');
    expect(result.growing[0]!.className).toBe('RequestRecord');
    expect(result.growing[0]!.paths[0]!.text).toBe('(module scope of server.mjs) seen[] → RequestRecord');
    expect(result.sameProcess).toBe(true);
    // The program was ended, and the kept series reads back to the same report.
    expect(isAlive(pid)).toBe(false);
    expect(readdirSync(out).sort()).toEqual([1, 2, 3, 4].map((i) => `snapshot-${i}.heapsnapshot.gz`));
    const diff = heaptrail(['diff', out, '--format', 'json']);
    expect((await diff.exited).code).toBe(0);
    const again = JSON.parse(diff.stdout()) as DiffResult;
    expect(again.growing.map((g) => [g.className, g.counts])).toEqual(result.growing.map((g) => [g.className, g.counts]));
  });

  it('reports nothing for a server that drops what it allocates', async () => {
    const d = tempDir();
    const portFile = join(d, 'port');
    const run = heaptrail(['record', ...QUICK, '--', 'node', SERVER], { LEAK: '0', PORT_FILE: portFile });
    const { port, pid } = await readPortFile(portFile);
    await requestLoop(port, run.exited);
    const { code } = await run.exited;
    expect(code, run.stderr()).toBe(0);
    expect(run.stdout()).toMatch(/^heaptrail: No class grows across 4 snapshots; no budget exceeded/);
    expect(isAlive(pid)).toBe(false);
  });

  it('exits 1 on a budget, as diff does', async () => {
    const d = tempDir();
    const portFile = join(d, 'port');
    const run = heaptrail(['record', ...QUICK, '--fail-on-growth', '--quiet', '--', 'node', SERVER], { LEAK: '1', PORT_FILE: portFile });
    const { port } = await readPortFile(portFile);
    await requestLoop(port, run.exited);
    expect((await run.exited).code).toBe(1);
    expect(run.stdout()).toMatch(/^RequestRecord /m);
    expect(run.stderr()).toMatch(/^heaptrail: budget exceeded: /m);
    expect(run.stderr()).not.toMatch(/snapshot 1\/4/);
  });

  it('--keep-alive leaves the program running', async () => {
    const d = tempDir();
    const portFile = join(d, 'port');
    const run = heaptrail(['record', '--count', '2', '--interval', '0.3', '--warmup', '0.2', '--keep-alive', '--quiet', '--', 'node', SERVER], { PORT_FILE: portFile });
    const { pid } = await readPortFile(portFile);
    // 'exit', not 'close': the program still holds heaptrail's stderr, where its stdout goes.
    const code = run.child.exitCode ?? (await new Promise((r) => run.child.once('exit', r)));
    expect(code, run.stderr()).toBe(0);
    expect(isAlive(pid)).toBe(true);
  });

  it('--on-line: each line on stdin takes the next snapshot', async () => {
    const d = tempDir();
    const portFile = join(d, 'port');
    const run = heaptrail(['record', '--count', '3', '--on-line', '--format', 'json', '--', 'node', SERVER], { LEAK: '1', PORT_FILE: portFile });
    const { port } = await readPortFile(portFile);
    for (let k = 1; k <= 3; k++) {
      await requestLoop(port, new Promise(() => undefined), 40, 0);
      run.child.stdin!.write('next\n');
      await run.waitForStderr(new RegExp(`snapshot ${k}/3: `));
    }
    const { code } = await run.exited;
    expect(code, run.stderr()).toBe(0);
    const record = (JSON.parse(run.stdout()) as DiffResult).growing.find((g) => g.className === 'RequestRecord')!;
    // 40 requests before each line: exact, since nothing else runs between them.
    expect(record.counts[1]! - record.counts[0]!).toBe(40);
    expect(record.counts[2]! - record.counts[1]!).toBe(40);
  });
});
