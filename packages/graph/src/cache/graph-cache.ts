// The cache of parsed and analysed snapshots on disk (docs/DESIGN.md, "The cache"): one
// file per snapshot path, holding the snapshot's columns and string bytes and, once a
// command has analysed it, the analysis arrays and the class table. A file is used only
// when it was written by this heaptrail, in this format, for this very snapshot file
// (snapshot-key.ts) and every byte reads back as written; anything else is a miss and
// the caller parses. The cache never fails a command: a file that cannot be written
// is one note, and the command goes on without it. Arrays are read and checked on first
// use (read-cache-file.ts); one found damaged then throws CacheDamageError, and the
// command runs again without the file.
//
// Only graphs from `analyze()` with its default options belong here: the file does not
// say which options made it.

import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { carryProperty, packSnapshot, unpackSnapshot, type HeapSnapshot, type PackedSnapshot } from '@heaptrail/parser';
import { classSummary, rememberClassSummary } from '../class-summary.js';
import type { ClassSummaryRow, HeapGraph } from '../types.js';
import { forgetDamage, isMarkedDamaged } from './cache-damage.js';
import { closeCacheFile, openCacheFile, placeArrays, refsOf, type CacheMiss } from './read-cache-file.js';
import { fitsCounts } from './shapes.js';
import { sameKey, snapshotKey, type SnapshotKey } from './snapshot-key.js';
import { writeCacheFile } from './write-cache-file.js';
import { CACHE_FILE_SUFFIX, pruneCache, touch, type PruneLimits } from './prune.js';

const require = createRequire(import.meta.url);
/** The version of @heaptrail/graph, which the analysis results depend on. */
const HEAPTRAIL_VERSION = (require('../../package.json') as { version: string }).version;

/** What the file holds: the snapshot as a worker message would carry it, and the analysis. */
interface CacheData {
  readonly snapshot: PackedSnapshot;
  readonly graph: GraphPart | null;
}

type GraphPart = Omit<HeapGraph, 'snapshot'> & { readonly classSummary: readonly ClassSummaryRow[] };

export interface GraphCacheOptions extends PruneLimits {
  /**
   * Where the files go (made when first written). After each write the directory is
   * pruned (prune.ts): files unused for `maxAgeMs` (default 30 days) go, then the oldest
   * until the rest fit in `maxBytes` (default 16 GiB); the file just written stays.
   */
  readonly dir: string;
  /** Told once, the first time a file cannot be written: a sentence for the user. */
  readonly onNote?: (message: string) => void;
}

export interface LookupOptions {
  /** Name the snapshot goes by in messages (`HeapSnapshot.source`). */
  readonly source: string;
  /** Read the analysis too (default true); without it only the snapshot is read. */
  readonly withGraph?: boolean;
}

export interface CacheLookup {
  /** The snapshot file's key when looked up: pass it to store() after parsing. */
  readonly key: SnapshotKey | undefined;
  readonly snapshot?: HeapSnapshot;
  /** Present with `snapshot` when the file holds an analysis and it was asked for. */
  readonly graph?: HeapGraph;
  /** Why nothing (or only the snapshot, 'unanalysed') came back. */
  readonly miss?: CacheMiss | 'unanalysed' | 'unreadable';
}

export class GraphCache {
  private noted = false;

  constructor(private readonly options: GraphCacheOptions) {}

  get dir(): string {
    return this.options.dir;
  }

  /** The cache file of the snapshot at absolute `path`. */
  fileFor(path: string): string {
    return join(this.options.dir, createHash('sha256').update(path).digest('hex').slice(0, 32) + CACHE_FILE_SUFFIX);
  }

  /** What the cache holds for the snapshot at absolute `path`. Never throws. */
  async lookup(path: string, options: LookupOptions): Promise<CacheLookup> {
    let key: SnapshotKey;
    try {
      key = await snapshotKey(path);
    } catch {
      // The parse that follows says what is wrong with the snapshot file.
      return { key: undefined, miss: 'unreadable' };
    }
    try {
      const file = this.fileFor(path);
      if (isMarkedDamaged(file)) return { key, miss: 'corrupt' };
      const opened = await openCacheFile(file, { heaptrail: HEAPTRAIL_VERSION, key });
      if (!opened.ok) return { key, miss: opened.miss };
      const { fd, contents } = opened;
      let handedOver = false;
      try {
        const stored = contents.data as CacheData;
        const withGraph = options.withGraph !== false && stored.graph !== null;
        const part: CacheData = { snapshot: stored.snapshot, graph: withGraph ? stored.graph : null };
        const refs = fitsCounts(contents, part.snapshot, part.graph) ? refsOf(part, contents) : undefined;
        if (refs === undefined) return { key, miss: 'corrupt' };
        const data = placeArrays(fd, contents, part, file) as CacheData;
        handedOver = true;
        // Reads and checks the string table's arrays; a damaged one is a miss right here.
        const found = rebuild(data, options.source);
        await touch(file);
        return { key, ...found, ...(withGraph || options.withGraph === false ? {} : { miss: 'unanalysed' as const }) };
      } finally {
        if (!handedOver) await closeCacheFile(fd);
      }
    } catch {
      // A file we cannot read, or that reads back as nonsense, is no cache.
      return { key, miss: 'corrupt' };
    }
  }

  /**
   * Whether lookup() would find something for `path`, from the file's contents table
   * alone, and the snapshot file's key (for store() after a parse elsewhere). Never throws.
   */
  async probe(path: string): Promise<{ readonly holds: boolean; readonly key: SnapshotKey | undefined }> {
    let key: SnapshotKey;
    try {
      key = await snapshotKey(path);
    } catch {
      return { holds: false, key: undefined };
    }
    try {
      const file = this.fileFor(path);
      if (isMarkedDamaged(file)) return { holds: false, key };
      const opened = await openCacheFile(file, { heaptrail: HEAPTRAIL_VERSION, key });
      if (opened.ok) await closeCacheFile(opened.fd);
      return { holds: opened.ok, key };
    } catch {
      return { holds: false, key };
    }
  }

  /**
   * Writes the cache file of `path`: the snapshot, and the analysis when given. `key` is
   * the one lookup() gave before the snapshot was read; if the file has changed since,
   * nothing is written. Never throws; a failure to write is noted once.
   */
  async store(path: string, key: SnapshotKey | undefined, snapshot: HeapSnapshot, graph?: HeapGraph): Promise<void> {
    if (key === undefined) return;
    try {
      if (!sameKey(key, await snapshotKey(path))) return;
      const { message } = packSnapshot(snapshot);
      const data: CacheData = { snapshot: { ...message, source: '' }, graph: graph ? graphPart(graph) : null };
      const file = this.fileFor(path);
      await writeCacheFile(file, { heaptrail: HEAPTRAIL_VERSION, key, data });
      forgetDamage(file);
      await pruneCache(this.options.dir, basename(file), this.options);
    } catch (e) {
      if (this.noted) return;
      this.noted = true;
      const err = e as NodeJS.ErrnoException;
      this.options.onNote?.(`cannot write the cache in ${this.options.dir} (${err.code ?? err.message}); going on without it`);
    }
  }
}

function graphPart(graph: HeapGraph): GraphPart {
  const { snapshot: _, ...rest } = graph;
  return { ...rest, classSummary: classSummary(graph) };
}

/** The snapshot and graph again, over the arrays placed as getters (none is read here but the strings). */
function rebuild(data: CacheData, source: string): { snapshot: HeapSnapshot; graph?: HeapGraph } {
  // Assigned, not spread: a spread would read every array.
  (data.snapshot as { source: string }).source = source;
  const snapshot = unpackSnapshot(data.snapshot);
  if (data.graph === null) return { snapshot };
  const graph = { snapshot } as { snapshot: HeapSnapshot } & Partial<HeapGraph>;
  for (const key of Object.keys(data.graph)) if (key !== 'classSummary') carryProperty(graph, data.graph, key);
  rememberClassSummary(graph as HeapGraph, data.graph.classSummary);
  return { snapshot, graph: graph as HeapGraph };
}
