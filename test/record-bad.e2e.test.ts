// End-to-end: what `heaptrail record` does when things go wrong. Each case is
// one `heaptrail:` line on stderr and exit 2, and leaves nothing behind: no
// partial snapshot in --out, no program of ours still running.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, SERVER, cleanUpEachTest, freePort, heaptrail, isAlive, readPortFile, startProcess, tempDir as newTempDir, type Proc } from '../packages/record/test/fixtures/harness.js';
import { startFakeInspector, type FakeInspector } from '../packages/record/test/fixtures/fake-inspector.js';

const SAMPLES = [1, 2, 3, 4].map((i) => gunzipSync(readFileSync(join(ROOT, `samples/control/s${i}.heapsnapshot.gz`))));
let fake: FakeInspector | undefined;
cleanUpEachTest();
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const tempDir = () => newTempDir('heaptrail-bad-');

/** Exit 2 and exactly one line from heaptrail itself, matching `re`. */
async function failsWith(run: Proc, re: RegExp): Promise<void> {
  const { code } = await run.exited;
  const ours = run.stderr().split('\n').filter((l) => l.startsWith('heaptrail: ') && !/^heaptrail: (attached to |snapshot \d+\/\d+: )/.test(l));
  expect(ours, run.stderr()).toHaveLength(1);
  expect(ours[0]).toMatch(re);
  expect(code).toBe(2);
  expect(run.stderr()).not.toMatch(/\n\s+at /);
  expect(run.stdout()).toBe('');
}

describe('heaptrail record: bad cases', () => {
  it('a command that cannot be found', async () => {
    await failsWith(heaptrail(['record', '--', 'no-such-program-heaptrail']), /^heaptrail: cannot start "no-such-program-heaptrail": command not found$/);
  });

  it('a program that exits before the first snapshot: its exit code and last stderr lines', async () => {
    const script = "console.error('config: loading'); console.error('config: DATABASE_URL is not set'); process.exit(3)";
    await failsWith(
      heaptrail(['record', '--', 'node', '-e', script]),
      /^heaptrail: the program exited with code 3 before the first snapshot; its last stderr lines: config: loading \| config: DATABASE_URL is not set$/,
    );
  });

  it('a program that ends on its own before the series is complete', async () => {
    const run = heaptrail(['record', '--warmup', '0', '--interval', '30', '--', 'node', '-e', "setTimeout(() => console.error('done'), 1500)"]);
    await failsWith(run, /^heaptrail: the program exited with code 0 after snapshot 1 of 4; its last stderr lines: done$/);
  });

  it('an inspector that cannot be reached', async () => {
    const port = await freePort();
    await failsWith(heaptrail(['record', '--inspect', `127.0.0.1:${port}`]), new RegExp(`^heaptrail: cannot reach the inspector at 127\\.0\\.0\\.1:${port}: ECONNREFUSED$`));
  });

  it('an inspector that refuses', async () => {
    fake = await startFakeInspector({ snapshots: SAMPLES, refuse: true });
    await failsWith(heaptrail(['record', '--inspect', `127.0.0.1:${fake.port}`]), /^heaptrail: the inspector refused HeapProfiler\.enable: not allowed here$/);
  });

  it('a snapshot that does not arrive within --timeout: the complete ones are kept, the partial one is not', async () => {
    fake = await startFakeInspector({ snapshots: SAMPLES, stallAt: 1 });
    const out = join(tempDir(), 'snaps');
    const run = heaptrail(['record', '--inspect', fake.url, '--warmup', '0', '--interval', '0.1', '--timeout', '1', '--out', out]);
    await failsWith(run, /^heaptrail: snapshot 2 did not arrive within 1 s \(--timeout\)$/);
    expect(readdirSync(out)).toEqual(['snapshot-1.heapsnapshot.gz']);
  });

  it('Ctrl-C while a snapshot streams: complete files kept, the partial one removed', async () => {
    fake = await startFakeInspector({ snapshots: SAMPLES, stallAt: 2 });
    const out = join(tempDir(), 'snaps');
    const run = heaptrail(['record', '--inspect', fake.url, '--warmup', '0', '--interval', '0.1', '--out', out]);
    await run.waitForStderr(/snapshot 2\/4: /);
    // Wait until the third snapshot's temporary file is there, then interrupt.
    for (let i = 0; i < 200 && !readdirSync(out).some((f) => f.endsWith('.tmp')); i++) await new Promise((r) => setTimeout(r, 25));
    expect(readdirSync(out).some((f) => f.startsWith('.snapshot-3.heapsnapshot.gz.'))).toBe(true);
    run.child.kill('SIGINT');
    await failsWith(run, new RegExp(`^heaptrail: interrupted before the series was complete; kept 2 complete snapshots in ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect(readdirSync(out).sort()).toEqual(['snapshot-1.heapsnapshot.gz', 'snapshot-2.heapsnapshot.gz']);
  });

  it('Ctrl-C while recording a started program ends the program', async () => {
    const portFile = join(tempDir(), 'port');
    const run = heaptrail(['record', '--warmup', '0', '--interval', '30', '--', 'node', SERVER], { PORT_FILE: portFile });
    const { pid } = await readPortFile(portFile);
    await run.waitForStderr(/snapshot 1\/4: /);
    run.child.kill('SIGINT');
    await failsWith(run, /^heaptrail: interrupted before the series was complete$/);
    expect(isAlive(pid)).toBe(false);
  });

  it('a program that crashes mid-snapshot: how it died, and no partial file', async () => {
    const d = tempDir();
    const out = join(d, 'snaps');
    const run = heaptrail(['record', '--warmup', '0.5', '--out', out, '--', 'node', SERVER], { CRASH_IN_SNAPSHOT: '1', PORT_FILE: join(d, 'port') });
    const { pid } = await readPortFile(join(d, 'port'));
    await failsWith(run, /^heaptrail: the program was killed by SIGSEGV during snapshot 1 of 4; its last stderr lines: server: listening$/);
    expect(readdirSync(out)).toEqual([]);
    expect(isAlive(pid)).toBe(false);
  });

  it('--pid whose inspector address belongs to another process', async () => {
    const d = tempDir();
    const [taken, own] = [await freePort(), await freePort()];
    startProcess(process.execPath, [`--inspect=127.0.0.1:${taken}`, SERVER], { PORT_FILE: join(d, 'a') });
    const other = await readPortFile(join(d, 'a'));
    startProcess(process.execPath, [`--inspect-port=127.0.0.1:${own}`, SERVER], { PORT_FILE: join(d, 'b') });
    const { pid } = await readPortFile(join(d, 'b'));
    await failsWith(
      heaptrail(['record', '--pid', String(pid), '--inspect', `127.0.0.1:${taken}`]),
      new RegExp(`^heaptrail: the inspector at ws://127\\.0\\.0\\.1:${taken}/\\S+ belongs to process ${other.pid}, not process ${pid} \\(give --inspect host:port where ${pid} listens\\)$`),
    );
  });

  it('usage: no target, or two', async () => {
    await failsWith(heaptrail(['record']), /^heaptrail: give the program to record after --, or --inspect ADDRESS, or --pid PID$/);
    await failsWith(heaptrail(['record', '--inspect', '127.0.0.1:9229', '--', 'node', 'x.js']), /^heaptrail: give a command or --inspect, not both$/);
    await failsWith(heaptrail(['record', '--count', '1', '--', 'node', 'x.js']), /^heaptrail: --count must be a whole number ≥ 2, got 1$/);
  });
});
