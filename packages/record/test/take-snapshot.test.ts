import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { readSnapshot } from '@heaptrail/parser';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorClient, takeSnapshot } from '../src/index.js';
import { startFakeInspector, type FakeInspector } from './fixtures/fake-inspector.js';

const SAMPLE = fileURLToPath(new URL('../../../samples/control/s1.heapsnapshot.gz', import.meta.url));
const bytes = gunzipSync(readFileSync(SAMPLE));
const open: { close(): unknown }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function session(fake: FakeInspector): Promise<InspectorClient> {
  open.push(fake);
  const client = await InspectorClient.connect(fake.url);
  open.push(client);
  return client;
}

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'heaptrail-take-'));
  dirs.push(d);
  return d;
}

describe('takeSnapshot', () => {
  it('parses the streamed chunks into the snapshot the file holds, after a GC, and keeps the exact bytes gzipped', async () => {
    const client = await session(await startFakeInspector({ snapshots: [bytes], chunkSize: 7919 }));
    const dir = tempDir();
    const seen: number[] = [];
    const snapshot = await takeSnapshot(client, { label: 'snapshot 1', timeoutMs: 10_000, outFile: join(dir, 's.heapsnapshot.gz'), onBytes: (b) => seen.push(b) });
    const fromFile = await readSnapshot(SAMPLE);
    expect(snapshot.nodes.id.length).toBeGreaterThan(1000);
    expect(Array.from(snapshot.nodes.id)).toEqual(Array.from(fromFile.nodes.id));
    expect(Array.from(snapshot.edges.toNode)).toEqual(Array.from(fromFile.edges.toNode));
    expect(gunzipSync(readFileSync(join(dir, 's.heapsnapshot.gz'))).equals(bytes)).toBe(true);
    expect(readdirSync(dir)).toEqual(['s.heapsnapshot.gz']);
    expect(seen.at(-1)).toBe(bytes.length);
  });

  it('asks for a full GC before each snapshot', async () => {
    const fake = await startFakeInspector({ snapshots: [bytes] });
    const client = await session(fake);
    await takeSnapshot(client, { label: 'snapshot 1', timeoutMs: 10_000 });
    expect(fake.calls).toEqual(['HeapProfiler.collectGarbage', 'HeapProfiler.takeHeapSnapshot']);
  });

  it('gives up after the timeout and removes the partial file', async () => {
    const client = await session(await startFakeInspector({ snapshots: [bytes], stallAt: 0 }));
    const dir = tempDir();
    await expect(takeSnapshot(client, { label: 'snapshot 3', timeoutMs: 300, outFile: join(dir, 's.heapsnapshot.gz') })).rejects.toThrow(
      /^snapshot 3 did not arrive within 0.3 s \(--timeout\)$/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails in one line when the target goes away mid-snapshot, leaving no file', async () => {
    const client = await session(await startFakeInspector({ snapshots: [bytes], hangUpAt: 0 }));
    const dir = tempDir();
    await expect(takeSnapshot(client, { label: 'snapshot 1', timeoutMs: 10_000, outFile: join(dir, 's.heapsnapshot.gz') })).rejects.toThrow(
      /^the inspector at ws:\/\/127\.0\.0\.1:\d+\/fake-target closed the connection$/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('stops on abort and removes the partial file', async () => {
    const client = await session(await startFakeInspector({ snapshots: [bytes], stallAt: 0 }));
    const dir = tempDir();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 200);
    await expect(takeSnapshot(client, { label: 's', timeoutMs: 10_000, outFile: join(dir, 's.heapsnapshot.gz'), signal: controller.signal })).rejects.toThrow(/^stop$/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('InspectorClient', () => {
  it('rejects a refused command with the protocol message', async () => {
    const client = await session(await startFakeInspector({ snapshots: [bytes], refuse: true }));
    await expect(client.send('HeapProfiler.enable')).rejects.toThrow(/^the inspector refused HeapProfiler.enable: not allowed here$/);
  });

  it('cannot reach a closed port: one line with the reason', async () => {
    const fake = await startFakeInspector({ snapshots: [bytes] });
    await fake.close();
    await expect(InspectorClient.connect(fake.url)).rejects.toThrow(/^cannot reach the inspector at ws:\/\/127\.0\.0\.1:\d+\/fake-target: ECONNREFUSED$/);
  });
});
