// The two-thread parse with its real worker, which runs only from the built package
// (packages/parser/dist/split/tail-worker.js): same snapshot and same errors as one
// thread. Every meeting point and kind of damage is tried in-thread by
// packages/parser/test/edge-split.test.ts; this checks the thread plumbing.

import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as Parser from '@heaptrail/parser';
import { ROOT } from './helpers/cli.js';

const DIST = join(ROOT, 'packages/parser/dist');
const dir = mkdtempSync(join(tmpdir(), 'heaptrail-split-worker-'));

interface Builder {
  root: BuilderNode;
  node(name: string, size: number): BuilderNode;
  toJSON(): string;
}
interface BuilderNode {
  edge(to: BuilderNode, type: string, name: string | number): BuilderNode;
}

/** 200,000 nodes and 600,000 edges (about 13 MB): a few ms for a thread to start is little of its parse. */
let built: Promise<string> | undefined;
function bigText(): Promise<string> {
  return (built ??= buildText());
}

async function buildText(): Promise<string> {
  const { SnapshotBuilder } = (await import(join(DIST, 'builder/index.js'))) as { SnapshotBuilder: new () => Builder };
  const b = new SnapshotBuilder();
  const nodes = Array.from({ length: 200_000 }, (_, i) => b.node(`N${i % 500}`, 16 + (i % 1000)));
  b.root.edge(nodes[0]!, 'shortcut', 'g');
  nodes.forEach((n, i) => {
    n.edge(nodes[(i + 1) % nodes.length]!, 'property', 'next');
    n.edge(nodes[(i * 7919) % nodes.length]!, 'element', 4_000_000_000 - i);
    n.edge(nodes[(i * 31) % nodes.length]!, 'weak', 'back');
  });
  return b.toJSON();
}

async function outcome(p: Promise<Parser.HeapSnapshot>): Promise<Parser.HeapSnapshot | string> {
  try {
    return await p;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Holds the main thread at its first progress report, so the worker surely gets a share. */
function holdOnce(): (done: number) => void {
  let held = false;
  return () => {
    if (!held) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    held = true;
  };
}

describe.skipIf(!existsSync(join(DIST, 'split/tail-worker.js')))('the two-thread parse on its worker thread', () => {
  it('gives the columns of the one-thread parse, the worker taking a share of the edges', async () => {
    const { readSnapshot } = (await import(join(DIST, 'index.js'))) as typeof Parser;
    const path = join(dir, 'big.heapsnapshot');
    writeFileSync(path, await bigText());
    const one = await readSnapshot(path, { edgeSplit: false });
    const two = await readSnapshot(path, { chunkSize: 65536, onProgress: holdOnce(), edgeSplit: { minBytes: 0, blockSize: 65536 } });
    expect(two.edgesBySecondThread).toBeGreaterThan(0);
    expect(one.edgesBySecondThread).toBeUndefined();
    for (const k of ['type', 'nameOrIndex', 'toNode'] as const) expect(Buffer.compare(Buffer.from(two.edges[k].buffer, two.edges[k].byteOffset, two.edges[k].byteLength), Buffer.from(one.edges[k].buffer, one.edges[k].byteOffset, one.edges[k].byteLength))).toBe(0);
    expect(Array.from(two.firstEdge)).toEqual(Array.from(one.firstEdge));
  });

  it('reports damage near the end of the edges (where the worker starts) with the one-thread message and offset', async () => {
    const { readSnapshot } = (await import(join(DIST, 'index.js'))) as typeof Parser;
    const text = await bigText();
    const at = text.lastIndexOf('\n,', text.indexOf('],\n"trace_function_infos"') - 5000);
    const path = join(dir, 'damaged.heapsnapshot');
    writeFileSync(path, text.slice(0, at + 2) + '07' + text.slice(at + 3));
    const one = await outcome(readSnapshot(path, { edgeSplit: false }));
    const two = await outcome(readSnapshot(path, { chunkSize: 65536, onProgress: holdOnce(), edgeSplit: { minBytes: 0 } }));
    expect(one).toMatch(/damaged\.heapsnapshot: .* at byte \d+$/);
    expect(two).toBe(one);
  });
});
