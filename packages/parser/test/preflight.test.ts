// The memory preflight: a header whose counts need more than `maxMemoryBytes` is refused
// right after it is read, before any section (and so any column) is opened.

import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { availableMemoryBytes, estimateSnapshotBytes, estimateSnapshotFile, isPreflightError, PreflightError, readSnapshot, SnapshotFormatError } from '@heaptrail/parser';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { errorFromData, errorToData } from '../src/worker/messages.js';
import { tinyHeader, tinySnapshot } from './helpers/tiny-snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'heaptrail-preflight-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A web stream that hands out `chunks` one read at a time (nothing read ahead) and counts the reads. */
function countedStream(chunks: string[]): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let next = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (next < chunks.length) controller.enqueue(Buffer.from(chunks[next++]!));
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => next };
}

async function refusal(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the read to fail');
}

describe('readSnapshot({ maxMemoryBytes })', () => {
  it('refuses a header claiming more than the limit before reading past it', async () => {
    // 50 M nodes and 200 M edges: some GB whatever the strings.
    const header = tinyHeader({ node_count: 50_000_000, edge_count: 200_000_000 });
    const text = tinySnapshot({ header });
    const cut = text.indexOf('"nodes"');
    const { stream, pulled } = countedStream([text.slice(0, cut), text.slice(cut)]);
    const e = await refusal(readSnapshot(stream, { maxMemoryBytes: 1e9 }));
    expect(e).toBeInstanceOf(PreflightError);
    const p = e as PreflightError;
    expect(isPreflightError(p)).toBe(true);
    expect(p.available).toBe(1e9);
    expect(p.needed).toBeGreaterThan(50_000_000 * 22 + 200_000_000 * 9);
    expect(p.message).toMatch(/^<stream>: needs about \d+\.\d GB of memory, 1\.0 GB available$/);
    // The nodes section, where the first columns are allocated, was never read.
    expect(pulled()).toBe(1);
    // Without the limit the same stream is read on, to the truncation it really is.
    const again = countedStream([text.slice(0, cut), text.slice(cut)]);
    await expect(readSnapshot(again.stream)).rejects.toBeInstanceOf(SnapshotFormatError);
    expect(again.pulled()).toBe(2);
  });

  it('checks a plain file against the estimate for its size: refused one byte below, read at it', async () => {
    const path = join(dir, 'tiny.heapsnapshot');
    writeFileSync(path, tinySnapshot());
    const s = await readSnapshot(path);
    const work = { perNode: 1000, perEdge: 500 };
    const needed = estimateSnapshotBytes(s.header, statSync(path).size, work);
    expect(needed).toBe(estimateSnapshotBytes(s.header, statSync(path).size) + 3 * 1000 + 2 * 500);
    await expect(readSnapshot(path, { maxMemoryBytes: needed, workBytes: work })).resolves.toMatchObject({ header: { nodeCount: 3 } });
    const e = await refusal(readSnapshot(path, { maxMemoryBytes: needed - 1, workBytes: work, sourceName: 'tiny' }));
    expect(e).toMatchObject({ name: 'PreflightError', source: 'tiny', needed, available: needed - 1 });
  });

  it('a bad header is still a format error, whatever the limit', async () => {
    const path = join(dir, 'bad.heapsnapshot');
    writeFileSync(path, tinySnapshot({ header: tinyHeader({ node_count: -1 }) }));
    await expect(readSnapshot(path, { maxMemoryBytes: 1 })).rejects.toMatchObject({ reason: 'invalid node_count' });
  });

  it('crosses from the reading thread as itself', () => {
    const back = errorFromData(errorToData(new PreflightError('big.heapsnapshot', 9.5e9, 4e9)));
    expect(back).toBeInstanceOf(PreflightError);
    expect(back).toMatchObject({ source: 'big.heapsnapshot', needed: 9.5e9, available: 4e9, message: 'big.heapsnapshot: needs about 9.5 GB of memory, 4.0 GB available' });
  });
});

describe('estimateSnapshotBytes()', () => {
  const header = (n: number, e: number, fields = ['type', 'name', 'id', 'self_size', 'edge_count', 'detachedness']) => ({
    meta: { nodeFields: fields, nodeTypes: ['hidden'], edgeFields: ['type', 'name_or_index', 'to_node'], edgeTypes: ['weak'], traceFunctionInfoFields: [], traceNodeFields: [], sampleFields: [], locationFields: [] },
    nodeCount: n,
    edgeCount: e,
    traceFunctionCount: 0,
  });

  it('counts the columns of the fields the header declares', () => {
    const base = estimateSnapshotBytes(header(1e6, 0), 0);
    expect(estimateSnapshotBytes(header(2e6, 0), 0) - base).toBe(1e6 * 21);
    expect(estimateSnapshotBytes(header(1e6, 1e6), 0) - base).toBe(1e6 * 9);
    // An unknown field is kept as a Float64 column; no detachedness, one byte less.
    expect(estimateSnapshotBytes(header(1e6, 0, ['type', 'name', 'id', 'self_size', 'edge_count', 'x']), 0) - base).toBe(1e6 * 7);
  });

  it('gives the strings what the number sections leave of a plain file, twice over (bytes and index)', () => {
    const h = header(1e6, 4e6);
    const noStrings = estimateSnapshotBytes(h, 0);
    // About 87 MB of number text is expected for 1 M nodes and 4 M edges: a file no larger holds no strings.
    expect(estimateSnapshotBytes(h, 80e6)).toBe(noStrings);
    expect(estimateSnapshotBytes(h, 100e6)).toBeGreaterThan(noStrings);
    expect(estimateSnapshotBytes(h, 1100e6) - estimateSnapshotBytes(h, 600e6)).toBe(2 * 500e6);
    // Size unknown (gzip, streams): 14 B of strings a node.
    expect(estimateSnapshotBytes(h) - noStrings).toBe(2 * 14 * 1e6);
  });
});

describe('availableMemoryBytes()', () => {
  const fake = (files: Record<string, string>): string => {
    const root = mkdtempSync(join(dir, 'cg-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(root, name, '..'), { recursive: true });
      writeFileSync(join(root, name), text);
    }
    return root;
  };
  const self = (root: string, text: string) => {
    writeFileSync(join(root, 'self'), text);
    return join(root, 'self');
  };

  it('is the machine memory without cgroup limits', () => {
    const root = fake({ 'memory.max': 'max\n' });
    expect(availableMemoryBytes({ cgroupRoot: root, selfCgroup: join(root, 'none'), totalBytes: 8e9 })).toBe(8e9);
  });

  it('takes the cgroup v2 limit of this process’s own group, else the root’s', () => {
    const root = fake({ 'memory.max': '6000000000\n', 'app.slice/run.scope/memory.max': '2000000000\n' });
    expect(availableMemoryBytes({ cgroupRoot: root, selfCgroup: self(root, '0::/app.slice/run.scope\n'), totalBytes: 8e9 })).toBe(2e9);
    expect(availableMemoryBytes({ cgroupRoot: root, selfCgroup: self(root, '0::/\n'), totalBytes: 8e9 })).toBe(6e9);
    expect(availableMemoryBytes({ cgroupRoot: root, selfCgroup: self(root, '0::/elsewhere\n'), totalBytes: 8e9 })).toBe(6e9);
    expect(availableMemoryBytes({ cgroupRoot: root, selfCgroup: self(root, '0::/\n'), totalBytes: 4e9 })).toBe(4e9);
  });

  it('takes the cgroup v1 limit, and reads v1’s huge "no limit" value as none', () => {
    const limited = fake({ 'memory/memory.limit_in_bytes': '3000000000\n' });
    expect(availableMemoryBytes({ cgroupRoot: limited, selfCgroup: join(limited, 'none'), totalBytes: 8e9 })).toBe(3e9);
    const unlimited = fake({ 'memory/memory.limit_in_bytes': '9223372036854771712\n' });
    expect(availableMemoryBytes({ cgroupRoot: unlimited, selfCgroup: join(unlimited, 'none'), totalBytes: 8e9 })).toBe(8e9);
  });

  it('reads this machine without failing', () => {
    const bytes = availableMemoryBytes();
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(totalmem());
  });
});

describe('estimateSnapshotFile()', () => {
  it("gives the read's own preflight figure, plain and gzipped, from the header alone", async () => {
    const b = new SnapshotBuilder();
    const nodes = Array.from({ length: 3000 }, (_, i) => b.node(`N${i % 7}`, 16));
    nodes.forEach((n, i) => n.edge(nodes[(i + 1) % nodes.length]!, 'property', 'next'));
    const plain = join(dir, 'estimate.heapsnapshot');
    writeFileSync(plain, b.toJSON());
    const gz = join(dir, 'estimate.heapsnapshot.gz');
    writeFileSync(gz, gzipSync(b.toJSON()));
    const work = { perNode: 40, perEdge: 4 };
    const header = (await readSnapshot(plain)).header;
    expect(await estimateSnapshotFile(plain, work)).toBe(estimateSnapshotBytes(header, statSync(plain).size, work));
    // gzip: the size on disk says nothing of the strings, as in the read's preflight.
    expect(await estimateSnapshotFile(gz, work)).toBe(estimateSnapshotBytes(header, undefined, work));
    const limit = (await estimateSnapshotFile(plain, work)) - 1;
    const e = await refusal(readSnapshot(plain, { maxMemoryBytes: limit, workBytes: work }));
    expect((e as PreflightError).needed).toBe(limit + 1);
  });

  it('rejects a file that is not a snapshot as a read would, naming it as asked', async () => {
    const bad = join(dir, 'not-a-snapshot.heapsnapshot');
    writeFileSync(bad, '{"hello": 1}');
    const e = await refusal(estimateSnapshotFile(bad, { perNode: 0, perEdge: 0 }, 'bad.heapsnapshot'));
    expect(e).toBeInstanceOf(SnapshotFormatError);
    expect((e as SnapshotFormatError).source).toBe('bad.heapsnapshot');
  });
});
