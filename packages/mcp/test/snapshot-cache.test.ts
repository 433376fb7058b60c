import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HeapGraph } from '@heaptrail/graph';
import { SnapshotCache, type CacheEvent } from '../src/snapshot-cache.js';
import { InputError } from '@heaptrail/diff';

// The cache's loader and size are stand-ins: a "graph" records which file it came from,
// and its size is the number written in the file, so budgets are exact.
let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'heaptrail-cache-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: number): string {
  writeFileSync(join(dir, name), String(bytes));
  return name;
}

function cache(maxBytes: number) {
  const loads: string[] = [];
  const events: CacheEvent[] = [];
  const sizes = new Map<object, number>();
  let release: (() => void) | undefined;
  const gate = { hold: false };
  const c = new SnapshotCache({
    maxBytes,
    cwd: dir,
    load: async (name, cwd) => {
      loads.push(name);
      if (gate.hold) await new Promise<void>((resolve) => (release = resolve));
      const graph = { source: name } as unknown as HeapGraph;
      sizes.set(graph, Number(readFileSync(resolve(cwd, name), 'utf8')));
      return graph;
    },
    measure: (g) => sizes.get(g)!,
    onEvent: (e) => events.push(e),
  });
  return { c, loads, events, gate, release: () => release?.() };
}

describe('SnapshotCache', () => {
  it('loads a file once and answers later calls from memory', async () => {
    const { c, loads } = cache(100);
    const a = file('a.heapsnapshot', 10);
    const g1 = await c.get(a);
    const g2 = await c.get(join(dir, a)); // the same file by its absolute path
    expect(g2).toBe(g1);
    expect(loads).toEqual([a]);
    expect(c.usedBytes).toBe(10);
  });

  it('drops the least recently used entries to make room, and a hit counts as a use', async () => {
    const { c, loads, events } = cache(100);
    const [a, b, d] = [file('a', 40), file('b', 40), file('d', 40)];
    await c.get(a);
    await c.get(b);
    await c.get(a); // a is now the most recent
    await c.get(d); // 120 > 100: b goes
    expect(c.files).toEqual([a, d]);
    expect(events.filter((e) => e.kind === 'evicted')).toEqual([{ kind: 'evicted', file: b, bytes: 40, reason: 'budget' }]);
    expect(c.usedBytes).toBe(80);
    await c.get(b); // loaded again, a (least recent now) goes
    expect(loads).toEqual([a, b, d, b]);
    expect(c.files).toEqual([d, b]);
  });

  it('refuses a snapshot larger than the whole budget, naming the file and both sizes, and keeps the others', async () => {
    const { c } = cache(100);
    const a = file('a', 30);
    await c.get(a);
    const big = file('big.heapsnapshot', 250);
    const error = await c.get(big).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^big\.heapsnapshot: the analysed snapshot takes 250 B, more than the memory budget of 100 B \(--max-memory\)$/);
    expect(c.files).toEqual([a]);
  });

  it('shares one load among calls for the same file made while it loads', async () => {
    const { c, loads, gate, release } = cache(100);
    const a = file('a', 10);
    gate.hold = true;
    const calls = [c.get(a), c.get(a), c.get(join(dir, a))];
    await new Promise((r) => setTimeout(r, 20));
    release();
    const graphs = await Promise.all(calls);
    expect(loads).toEqual([a]);
    expect(new Set(graphs).size).toBe(1);
  });

  it('reads a file again when its size or mtime changed, dropping the old version', async () => {
    const { c, loads, events } = cache(100);
    const a = file('a', 10);
    const g1 = await c.get(a);
    writeFileSync(join(dir, a), '20');
    utimesSync(join(dir, a), new Date(), new Date(Date.now() + 5000));
    const g2 = await c.get(a);
    expect(g2).not.toBe(g1);
    expect(loads).toEqual([a, a]);
    expect(events.map((e) => (e.kind === 'evicted' ? e.reason : e.kind))).toEqual(['loaded', 'changed', 'loaded']);
    expect(c.usedBytes).toBe(20);
  });

  it('says "no such file or directory" for a missing file and names a directory as one', async () => {
    const { c, loads } = cache(100);
    await expect(c.get('missing.heapsnapshot')).rejects.toThrow(/^missing\.heapsnapshot: no such file or directory$/);
    mkdirSync(join(dir, 'snaps'));
    await expect(c.get('snaps')).rejects.toThrow(/^snaps: is a directory/);
    expect(loads).toEqual([]);
  });

  it('forgets a failed load so the next call tries again', async () => {
    let fail = true;
    const c = new SnapshotCache({
      maxBytes: 100,
      cwd: dir,
      load: async () => {
        if (fail) throw new Error('boom');
        return {} as HeapGraph;
      },
      measure: () => 1,
    });
    const a = file('a', 1);
    await expect(c.get(a)).rejects.toThrow('boom');
    fail = false;
    await expect(c.get(a)).resolves.toBeDefined();
    expect(c.files).toEqual([a]);
  });
});

describe('SnapshotCache lower bound', () => {
  it('refuses a file whose known lower bound is over the budget without loading it', async () => {
    const loads: string[] = [];
    const c = new SnapshotCache({
      maxBytes: 100,
      cwd: dir,
      load: async (name) => (loads.push(name), {} as HeapGraph),
      measure: () => 1,
      lowerBound: async (path) => (path.endsWith('big') ? 101 : 100),
    });
    await expect(c.get(file('big', 0))).rejects.toThrow(/^big: the analysed snapshot would take at least 101 B, more than the memory budget of 100 B \(--max-memory\)$/);
    await expect(c.get(file('fits', 0))).resolves.toBeDefined();
    expect(loads).toEqual(['fits']);
  });
});
