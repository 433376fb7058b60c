import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { canReadInWorker, readSnapshot, SnapshotFormatError, type HeapSnapshot } from '@heaptrail/parser';
import { packSnapshot, unpackSnapshot } from '../src/worker/transfer.js';
import { FIXTURES } from './helpers/fixtures.js';
import { expectSameSnapshot } from './helpers/compare.js';

const fromText = (text: string) => readSnapshot(Readable.from([Buffer.from(text)]), { sourceName: 'fixture' });
const isLazy = (s: HeapSnapshot, key: string) => Object.getOwnPropertyDescriptor(s.nodes, key)?.get !== undefined;

/** Posts the packed snapshot through a real structured clone with its transfer list, as the worker does. */
function moveAcross(snapshot: HeapSnapshot): HeapSnapshot {
  const { message, transfer } = packSnapshot(snapshot);
  return unpackSnapshot(structuredClone(message, { transfer }));
}

describe('packSnapshot / unpackSnapshot', () => {
  for (const [name, build] of Object.entries(FIXTURES)) {
    it(`gives back the same snapshot after a transferring clone: ${name}`, async () => {
      const text = build().toJSON();
      const moved = moveAcross(await fromText(text));
      const expected = await fromText(text);
      expectSameSnapshot(moved, expected);
      expect(Object.keys(moved)).toEqual(Object.keys(expected));
      expect(Object.keys(moved.nodes)).toEqual(Object.keys(expected.nodes));
      expect(moved.source).toBe(expected.source);
      expect(moved.byteLength).toBe(expected.byteLength);
      expect(moved.skippedSections).toEqual(expected.skippedSections);
    });
  }

  it('moves the columns and string bytes instead of copying them (the sender is left with detached arrays)', async () => {
    const snapshot = await fromText(FIXTURES['current V8 layout (6 node fields, detachedness, no trace_node_id)']!().toJSON());
    const { nodes, edges, firstEdge } = snapshot;
    const { message, transfer } = packSnapshot(snapshot);
    expect(new Set(transfer).size).toBe(transfer.length);
    const received = unpackSnapshot(structuredClone(message, { transfer }));
    for (const column of [nodes.type, nodes.name, nodes.id, nodes.selfSize, edges.type, edges.nameOrIndex, edges.toNode, firstEdge]) {
      expect(column.byteLength).toBe(0);
    }
    expect(received.strings.get(received.nodes.name[1]!)).toBe('App');
  });

  it('keeps the columns the parser builds on first access lazy, and builds them the same way', async () => {
    const text = FIXTURES['allocation-tracking layout (7 node fields)']!().toJSON();
    const original = await fromText(text);
    const moved = moveAcross(await fromText(text));
    expect(isLazy(original, 'edgeCount')).toBe(true);
    expect(isLazy(moved, 'edgeCount')).toBe(true);
    expect([...moved.nodes.edgeCount]).toEqual([...original.nodes.edgeCount]);
    expect([...moved.nodes.traceNodeId!]).toEqual([...original.nodes.traceNodeId!]);
  });

  it('copies a column that is a view into a larger buffer rather than detaching memory it does not own', async () => {
    const s = await fromText(FIXTURES['current V8 layout (6 node fields, detachedness, no trace_node_id)']!().toJSON());
    const backing = new Uint32Array(s.nodes.id.length + 8);
    backing.set(s.nodes.id, 4);
    const view = backing.subarray(4, 4 + s.nodes.id.length);
    const withView: HeapSnapshot = { ...s, nodes: { ...s.nodes, id: view } };
    const { message, transfer } = packSnapshot(withView);
    expect(transfer).not.toContain(backing.buffer);
    const moved = unpackSnapshot(structuredClone(message, { transfer }));
    expect(backing.byteLength).toBeGreaterThan(0);
    expect([...moved.nodes.id]).toEqual([...backing.subarray(4, 4 + s.nodes.id.length)]);
  });
});

// The worker runs the built dist/worker/worker-entry.js: a TS worker cannot start under vitest.
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
type Parser = typeof import('@heaptrail/parser');

describe('readSnapshotInWorker (built package)', () => {
  let parser: Parser;
  const dir = mkdtempSync(join(tmpdir(), 'heaptrail-worker-'));
  const real = join(dir, 'real.heapsnapshot');
  beforeAll(async () => {
    // `npm test` builds first; by hand: npx tsc -b packages/parser.
    if (!existsSync(dist)) throw new Error(`${dist} is missing: build the parser first (npx tsc -b packages/parser)`);
    parser = (await import(dist)) as Parser;
    execFileSync(process.execPath, [
      '-e',
      `globalThis.keep = Array.from({ length: 2000 }, (_, i) => ({ i, s: 'ü' + i })); require('v8').writeHeapSnapshot(${JSON.stringify(real)});`,
    ]);
  });

  it('canReadInWorker() is true in the built package and false from the TypeScript sources', () => {
    expect(parser.canReadInWorker()).toBe(true);
    expect(canReadInWorker()).toBe(false);
  });

  it('reads a real snapshot to the same result as readSnapshot, reporting progress up to the file size', async () => {
    const seen: [number, number | undefined][] = [];
    const moved = await parser.readSnapshotInWorker(real, { sourceName: 'real', chunkSize: 64 * 1024, onProgress: (d, t) => seen.push([d, t]) });
    const expected = await readSnapshot(real, { sourceName: 'real' });
    expectSameSnapshot(moved as HeapSnapshot, expected);
    expect(moved.source).toBe('real');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toEqual([expected.byteLength, expected.byteLength]);
  });

  it('reads gzip input and records its compressed size', async () => {
    const gz = join(dir, 'real.heapsnapshot.gz');
    writeFileSync(gz, gzipSync(Buffer.from(FIXTURES['allocation-tracking layout (7 node fields)']!().toJSON())));
    const moved = await parser.readSnapshotInWorker(gz);
    const expected = await readSnapshot(gz);
    expectSameSnapshot(moved as HeapSnapshot, expected);
    expect(moved.compressedByteLength).toBe(expected.compressedByteLength);
  });

  it('rejects bad input with a real SnapshotFormatError carrying the same source, offset and reason', async () => {
    const bad = join(dir, 'bad.heapsnapshot');
    writeFileSync(bad, '{"snapshot":{"meta":{},"node_count":1,"edge_count":0}, "nodes":[1,2');
    const inThread = (await readSnapshot(bad, { sourceName: 'bad' }).catch((e: unknown) => e)) as SnapshotFormatError;
    const inWorker = await parser.readSnapshotInWorker(bad, { sourceName: 'bad' }).catch((e: unknown) => e as Error);
    expect(inThread).toBeInstanceOf(SnapshotFormatError);
    expect(parser.isSnapshotFormatError(inWorker)).toBe(true);
    const e = inWorker as SnapshotFormatError;
    expect([e.source, e.offset, e.reason, e.message]).toEqual([inThread.source, inThread.offset, inThread.reason, inThread.message]);
  });

  it('passes the memory limit to the worker, and its PreflightError back as one', async () => {
    const work = { perNode: 40, perEdge: 5 };
    const header = (await readSnapshot(real)).header;
    const limit = parser.estimateSnapshotBytes(header, statSync(real).size, work) - 1;
    const e = (await parser.readSnapshotInWorker(real, { sourceName: 'real', maxMemoryBytes: limit, workBytes: work }).catch((x: unknown) => x)) as Error;
    expect(parser.isPreflightError(e)).toBe(true);
    expect(e).toMatchObject({ source: 'real', available: limit, needed: limit + 1 });
    await expect(parser.readSnapshotInWorker(real, { maxMemoryBytes: limit + 1, workBytes: work })).resolves.toMatchObject({ header: { nodeCount: header.nodeCount } });
  });

  it('keeps code, syscall and path on a file-system error', async () => {
    const missing = join(dir, 'missing.heapsnapshot');
    const e = (await parser.readSnapshotInWorker(missing).catch((x: unknown) => x)) as NodeJS.ErrnoException;
    expect(e).toBeInstanceOf(Error);
    expect([e.code, e.syscall, e.path]).toEqual(['ENOENT', 'stat', missing]);
  });

  it('rejects at once with the abort reason when the signal is already aborted', async () => {
    const reason = new Error('aborted before the start');
    await expect(parser.readSnapshotInWorker(real, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('rejects with the abort reason when aborted while reading', async () => {
    const controller = new AbortController();
    const reading = parser.readSnapshotInWorker(real, { signal: controller.signal });
    const reason = new Error('not needed any more');
    controller.abort(reason);
    await expect(reading).rejects.toBe(reason);
  });

  it('turns an exception thrown by the progress callback into a rejection', async () => {
    const reading = parser.readSnapshotInWorker(real, {
      chunkSize: 4096,
      onProgress: () => {
        throw new Error('progress sink broke');
      },
    });
    await expect(reading).rejects.toThrow(/progress sink broke/);
  });
});
