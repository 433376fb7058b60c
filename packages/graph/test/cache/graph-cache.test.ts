// The cache against real files: written by one lookup-parse-store, read back by the next,
// and every damaged, foreign or stale file taken for a miss and rebuilt.

import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { readSnapshot, type HeapSnapshot } from '@heaptrail/parser';
import { analyze } from '../../src/analyze.js';
import { GraphCache } from '../../src/cache/graph-cache.js';
import { CACHE_FORMAT_VERSION } from '../../src/cache/cache-layout.js';
import { CacheDamageError } from '../../src/cache/cache-damage.js';
import { snapshotKey } from '../../src/cache/snapshot-key.js';
import { writeCacheFile } from '../../src/cache/write-cache-file.js';
import { classSummary } from '../../src/class-summary.js';
import type { HeapGraph } from '../../src/types.js';
import { FIXTURES } from '../../../parser/test/helpers/fixtures.js';
import { expectSameSnapshot } from '../../../parser/test/helpers/compare.js';
import { damageArrays } from './cache-entries.js';

const scratch = mkdtempSync(join(tmpdir(), 'heaptrail-graph-cache-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const GRAPH_ARRAYS = ['classOf', 'distance', 'parentEdge', 'dominator', 'firstDominatorChild', 'dominatorChildren', 'selfSize', 'retainedSize'] as const;

let serial = 0;
/** A fixture written to its own file, with a fresh cache directory. */
function setUp(fixture = 'current V8 layout (6 node fields, detachedness, no trace_node_id)') {
  const dir = join(scratch, `case-${++serial}`);
  const file = join(scratch, `snap-${serial}.heapsnapshot`);
  writeFileSync(file, FIXTURES[fixture]!().toJSON());
  const notes: string[] = [];
  return { file, dir, notes, cache: new GraphCache({ dir, onNote: (m) => notes.push(m) }) };
}

/** What a command does with a cache: look up, else parse, analyse and store. */
async function load(cache: GraphCache, file: string): Promise<{ graph: HeapGraph; parsed: boolean; miss: string | undefined }> {
  const found = await cache.lookup(file, { source: file });
  if (found.graph) return { graph: found.graph, parsed: false, miss: found.miss };
  const snapshot = found.snapshot ?? (await readSnapshot(file));
  const graph = analyze(snapshot);
  await cache.store(file, found.key, snapshot, graph);
  return { graph, parsed: found.snapshot === undefined, miss: found.miss };
}

function expectSameGraph(actual: HeapGraph, expected: HeapGraph): void {
  expectSameSnapshot(actual.snapshot, expected.snapshot);
  for (const key of GRAPH_ARRAYS) expect([key, Array.from(actual[key])]).toEqual([key, Array.from(expected[key])]);
  expect(actual.classNames).toEqual(expected.classNames);
  expect(actual.totalSize).toBe(expected.totalSize);
  expect(classSummary(actual)).toEqual(classSummary(expected));
}

/** Flips one byte of `file` at `offset` (from the end when negative). */
function flipByte(file: string, offset: number): void {
  const bytes = readFileSync(file);
  const at = offset < 0 ? bytes.length + offset : offset;
  bytes[at] = bytes[at]! ^ 0x40;
  writeFileSync(file, bytes);
}

describe('GraphCache', () => {
  let c: ReturnType<typeof setUp>;
  beforeEach(() => {
    c = setUp();
  });

  for (const fixture of Object.keys(FIXTURES)) {
    it(`gives back the parsed snapshot and its analysis: ${fixture}`, async () => {
      const { file, cache } = setUp(fixture);
      const cold = await load(cache, file);
      expect(cold).toMatchObject({ parsed: true, miss: 'absent' });
      const warm = await load(cache, file);
      expect(warm).toMatchObject({ parsed: false, miss: undefined });
      expectSameGraph(warm.graph, analyze(await readSnapshot(file)));
      expect(Object.keys(warm.graph.snapshot)).toEqual(Object.keys(cold.graph.snapshot));
      expect(Object.keys(warm.graph.snapshot.nodes)).toEqual(Object.keys(cold.graph.snapshot.nodes));
      expect(warm.graph.snapshot.source).toBe(file);
    });
  }

  it('names the snapshot as the caller does, not as the writer did', async () => {
    await load(c.cache, c.file);
    const found = await c.cache.lookup(c.file, { source: 'app.heapsnapshot' });
    expect(found.snapshot?.source).toBe('app.heapsnapshot');
  });

  it('reads arrays only when they are used', async () => {
    await load(c.cache, c.file);
    const found = await c.cache.lookup(c.file, { source: c.file });
    const descriptor = Object.getOwnPropertyDescriptor(found.graph!, 'retainedSize');
    expect(descriptor?.get).toBeTypeOf('function');
    expect(found.graph!.retainedSize[0]).toBe(found.graph!.totalSize);
  });

  it('keeps a snapshot read without analysis, and adds the analysis later', async () => {
    const found = await c.cache.lookup(c.file, { source: c.file, withGraph: false });
    expect(found.miss).toBe('absent');
    const snapshot = await readSnapshot(c.file);
    await c.cache.store(c.file, found.key, snapshot);
    const again = await c.cache.lookup(c.file, { source: c.file, withGraph: false });
    expect(again.miss).toBeUndefined();
    expectSameSnapshot(again.snapshot!, snapshot);
    const wanting = await load(c.cache, c.file);
    expect(wanting).toMatchObject({ parsed: false, miss: 'unanalysed' });
    expect(await load(c.cache, c.file)).toMatchObject({ parsed: false, miss: undefined });
  });

  it('reads only the snapshot of a file that has the analysis too, when asked so', async () => {
    await load(c.cache, c.file);
    const found = await c.cache.lookup(c.file, { source: c.file, withGraph: false });
    expect(found.graph).toBeUndefined();
    expectSameSnapshot(found.snapshot!, await readSnapshot(c.file));
  });

  describe('a file it cannot trust is a miss, and the next store rebuilds it', () => {
    const damages: [string, string, (cacheFile: string, snapshot: string) => void][] = [
      ['a flipped byte in the string table (read as the file is opened)', 'corrupt', (f) => void damageArrays(f, (p) => p.startsWith('snapshot.strings.'))],
      ['a flipped byte in the table of contents', 'corrupt', (f) => flipByte(f, -10)],
      ['a flipped magic byte', 'corrupt', (f) => flipByte(f, 0)],
      ['a file cut short', 'truncated', (f) => truncateSync(f, statSync(f).size - 100)],
      ['a file cut inside its header', 'truncated', (f) => truncateSync(f, 10)],
      ['an empty file', 'truncated', (f) => truncateSync(f, 0)],
      ['another format version', 'version', (f) => {
        const bytes = readFileSync(f);
        bytes.writeUInt32LE(CACHE_FORMAT_VERSION + 1, 8);
        writeFileSync(f, bytes);
      }],
      ['a snapshot touched since (same size, new mtime)', 'stale', (_f, s) => {
        const t = statSync(s).mtime.getTime() / 1000 + 60;
        utimesSync(s, t, t);
      }],
      ['a snapshot rewritten with the same size and mtime, its last block changed', 'stale', (_f, s) => {
        const { atime, mtime } = statSync(s);
        const text = readFileSync(s, 'utf8');
        // The strings section ends the file: rename one string, keeping its length.
        writeFileSync(s, text.replace('"Leaf"', '"Lief"'));
        utimesSync(s, atime, mtime);
      }],
    ];
    for (const [what, miss, damage] of damages) {
      it(what, async () => {
        await load(c.cache, c.file);
        damage(c.cache.fileFor(c.file), c.file);
        const hurt = await load(c.cache, c.file);
        expect(hurt).toMatchObject({ parsed: true, miss });
        expectSameGraph(hurt.graph, analyze(await readSnapshot(c.file)));
        expect(await load(c.cache, c.file)).toMatchObject({ parsed: false, miss: undefined });
      });
    }

    it('a flipped byte in a column: found when the column is first read, never handed out', async () => {
      await load(c.cache, c.file);
      expect(damageArrays(c.cache.fileFor(c.file), (p) => p === 'graph.retainedSize')).toEqual(['graph.retainedSize']);
      const found = await c.cache.lookup(c.file, { source: c.file });
      expect(found.miss).toBeUndefined();
      expect(found.graph!.classOf.length).toBe(found.graph!.nodeCount);
      expect(() => found.graph!.retainedSize).toThrow(CacheDamageError);
      expect(() => found.graph!.retainedSize).toThrow(/cache file damaged/);
      // The same process no longer reads that file; the next store replaces it.
      const hurt = await load(c.cache, c.file);
      expect(hurt).toMatchObject({ parsed: true, miss: 'corrupt' });
      expectSameGraph(hurt.graph, analyze(await readSnapshot(c.file)));
      const healed = await load(c.cache, c.file);
      expect(healed).toMatchObject({ parsed: false, miss: undefined });
      expect(Array.from(healed.graph.retainedSize)).toEqual(Array.from(hurt.graph.retainedSize));
    });

    it('a file written by another heaptrail version', async () => {
      await writeCacheFile(c.cache.fileFor(c.file), { heaptrail: '0.0.0-other', key: await snapshotKey(c.file), data: {} });
      expect(await load(c.cache, c.file)).toMatchObject({ parsed: true, miss: 'version' });
      expect(await load(c.cache, c.file)).toMatchObject({ parsed: false, miss: undefined });
    });
  });

  it('does not store a snapshot that changed while it was parsed', async () => {
    const found = await c.cache.lookup(c.file, { source: c.file });
    const snapshot = await readSnapshot(c.file);
    const t = statSync(c.file).mtime.getTime() / 1000 + 60;
    utimesSync(c.file, t, t);
    await c.cache.store(c.file, found.key, snapshot, analyze(snapshot));
    expect((await c.cache.lookup(c.file, { source: c.file })).miss).toBe('absent');
  });

  it('a directory it cannot write to is one note, never an error', async () => {
    const blocker = join(scratch, `not-a-dir-${serial}`);
    writeFileSync(blocker, 'a file where the cache directory should be');
    const notes: string[] = [];
    const cache = new GraphCache({ dir: join(blocker, 'cache'), onNote: (m) => notes.push(m) });
    expect(await load(cache, c.file)).toMatchObject({ parsed: true });
    expect(await load(cache, c.file)).toMatchObject({ parsed: true });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^cannot write the cache in .*not-a-dir.* \((ENOTDIR|EEXIST)\); going on without it$/);
  });
});

describe('GraphCache with the builder\'s own string table', () => {
  it('stores strings that are not byte-backed (lone surrogates included)', async () => {
    const { file, dir } = setUp('escapes, non-ASCII and lone surrogates in names');
    const built = FIXTURES['escapes, non-ASCII and lone surrogates in names']!().build();
    const cache = new GraphCache({ dir, onNote: (m) => { throw new Error(m); } });
    const key = await snapshotKey(file);
    await cache.store(file, key, built as HeapSnapshot, analyze(built));
    const found = await cache.lookup(file, { source: file });
    expect(found.miss).toBeUndefined();
    for (let i = 0; i < built.strings.length; i++) expect(found.snapshot!.strings.get(i)).toBe(built.strings.get(i));
  });
});
