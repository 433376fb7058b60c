// The cache directory stays bounded: files unused past the age limit go, then the oldest
// until the rest fit the size limit; the file just written, other names and young temporary
// files stay. And through GraphCache: a store prunes, a hit keeps a file young.

import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSnapshot } from '@heaptrail/parser';
import { analyze } from '../../src/analyze.js';
import { GraphCache } from '../../src/cache/graph-cache.js';
import { CACHE_FILE_SUFFIX, DEFAULT_MAX_AGE_MS, pruneCache } from '../../src/cache/prune.js';
import { FIXTURES } from '../../../parser/test/helpers/fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'heaptrail-cache-prune-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const NOW = Date.UTC(2026, 11, 4);
const DAY = 24 * 3600 * 1000;
let serial = 0;

/** A directory with `files`: name → [bytes, age in ms]. */
function directory(files: Record<string, [number, number]>): string {
  const dir = join(scratch, `dir-${++serial}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, [bytes, age]] of Object.entries(files)) {
    const path = join(dir, name);
    writeFileSync(path, Buffer.alloc(bytes));
    const t = new Date(NOW - age);
    utimesSync(path, t, t);
  }
  return dir;
}
const c = (name: string) => name + CACHE_FILE_SUFFIX;

describe('pruneCache', () => {
  it('removes files unused for longer than the age limit, whatever the room', async () => {
    const dir = directory({ [c('a')]: [10, 1 * DAY], [c('b')]: [10, 31 * DAY], [c('c')]: [10, 29 * DAY] });
    const { removed } = await pruneCache(dir, undefined, {}, NOW);
    expect(removed).toEqual([c('b')]);
    expect(readdirSync(dir).sort()).toEqual([c('a'), c('c')]);
    expect(DEFAULT_MAX_AGE_MS).toBe(30 * DAY);
  });

  it('removes the oldest until the rest fit, and keeps the file just written however large', async () => {
    const dir = directory({ [c('new')]: [600, 0], [c('x')]: [300, 1 * DAY], [c('y')]: [300, 2 * DAY], [c('z')]: [300, 3 * DAY] });
    expect([...(await pruneCache(dir, c('new'), { maxBytes: 1000 }, NOW)).removed].sort()).toEqual([c('y'), c('z')]);
    expect(readdirSync(dir).sort()).toEqual([c('new'), c('x')]);
    // Alone over the limit: kept, and everything else goes.
    const big = directory({ [c('new')]: [5000, 0], [c('x')]: [10, 1 * DAY] });
    expect((await pruneCache(big, c('new'), { maxBytes: 1000 }, NOW)).removed).toEqual([c('x')]);
    expect(readdirSync(big)).toEqual([c('new')]);
  });

  it('leaves other names alone, and temporary files of a write in progress; removes those of a dead writer', async () => {
    const dead = `.${c('a')}.1234.k3j4h5g6.tmp`;
    const live = `.${c('b')}.1235.abcdef12.tmp`;
    const dir = directory({ 'notes.txt': [10, 400 * DAY], [`${c('d')}.bak`]: [10, 400 * DAY], [dead]: [10, 2 * 3600 * 1000], [live]: [10, 60 * 1000] });
    expect((await pruneCache(dir, undefined, { maxBytes: 1 }, NOW)).removed).toEqual([dead]);
    expect(readdirSync(dir).sort()).toEqual([live, 'notes.txt', `${c('d')}.bak`].sort());
  });

  it('never throws: a missing directory prunes nothing', async () => {
    expect((await pruneCache(join(scratch, 'no-such-dir'), undefined, {}, NOW)).removed).toEqual([]);
  });
});

describe('GraphCache pruning', () => {
  it('prunes after a store by its limits, and a hit keeps a file young', async () => {
    const dir = join(scratch, `cache-${++serial}`);
    const files = [1, 2, 3].map((i) => {
      const file = join(scratch, `snap-${serial}-${i}.heapsnapshot`);
      writeFileSync(file, FIXTURES['current V8 layout (6 node fields, detachedness, no trace_node_id)']!().toJSON());
      return file;
    });
    const store = async (cache: GraphCache, file: string) => {
      const found = await cache.lookup(file, { source: file });
      if (found.graph) return 'hit';
      const snapshot = await readSnapshot(file);
      await cache.store(file, found.key, snapshot, analyze(snapshot));
      return 'stored';
    };
    const roomy = new GraphCache({ dir });
    for (const f of files) expect(await store(roomy, f)).toBe('stored');
    expect(readdirSync(dir)).toHaveLength(3);
    const bytes = statSync(roomy.fileFor(files[0]!)).size;
    // Age the first two, the first the more; a hit on the first makes it the younger again.
    const age = (f: string, days: number) => utimesSync(roomy.fileFor(f), new Date(Date.now() - days * DAY), new Date(Date.now() - days * DAY));
    age(files[0]!, 10);
    age(files[1]!, 5);
    expect(await store(roomy, files[0]!)).toBe('hit');
    // Room for two files: storing the third again keeps it and the first (used last), drops the second.
    rmSync(roomy.fileFor(files[2]!));
    const tight = new GraphCache({ dir, maxBytes: 2 * bytes + bytes / 2 });
    expect(await store(tight, files[2]!)).toBe('stored');
    expect(readdirSync(dir).sort()).toEqual([tight.fileFor(files[0]!), tight.fileFor(files[2]!)].map((p) => p.slice(dir.length + 1)).sort());
  });
});
