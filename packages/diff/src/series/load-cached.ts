// Reading a snapshot for a command, through graph's GraphCache when it has one: a hit gives back what the cache file holds, a
// miss parses (and analyses) as without a cache and leaves a file for the next command.
// stdin is never cached (nothing identifies it).

import type { GraphCache, HeapGraph, SnapshotKey } from '@heaptrail/graph';
import type { HeapSnapshot } from '@heaptrail/parser';
import { analyzeSnapshot, checkedPath, readSnapshotFile, STDIN, type LoadOptions } from './load.js';

/** Reads and analyses `file`, through `options.cache` when there is one. */
export async function loadSnapshot(file: string, options: LoadOptions = {}): Promise<HeapGraph> {
  if (options.cache && file !== STDIN) return loadGraphCached(options.cache, file, options);
  return analyzeSnapshot(await readSnapshotFile(file, options, true), options.onProgress, options.threads);
}

/** Reads `file` without analysing it, through `options.cache` when there is one. */
export async function readSnapshotInput(file: string, options: LoadOptions = {}): Promise<HeapSnapshot> {
  if (options.cache && file !== STDIN) return readSnapshotCached(options.cache, file, options);
  return readSnapshotFile(file, options);
}

/** `file` read (not analysed), from the cache when it holds the snapshot. */
export async function readSnapshotCached(cache: GraphCache, file: string, options: LoadOptions): Promise<HeapSnapshot> {
  const path = await checkedPath(file, options.cwd);
  const found = await cache.lookup(path, { source: file, withGraph: false });
  if (found.snapshot) {
    options.onCacheHit?.();
    return found.snapshot;
  }
  const snapshot = await readSnapshotFile(file, options);
  await cache.store(path, found.key, snapshot);
  return snapshot;
}

/** `file` read and analysed, from the cache when it holds the analysis (or at least the snapshot). */
export async function loadGraphCached(cache: GraphCache, file: string, options: LoadOptions): Promise<HeapGraph> {
  const path = await checkedPath(file, options.cwd);
  const found = await cache.lookup(path, { source: file });
  if (found.graph) return found.graph;
  return analyzeAndStore(cache, path, found.key, found.snapshot ?? (await readSnapshotFile(file, options, true)), options);
}

/** Analyses a snapshot parsed from `path` (whose key was `key` before the parse) and stores both. */
export async function analyzeAndStore(cache: GraphCache, path: string, key: SnapshotKey | undefined, snapshot: HeapSnapshot, options: LoadOptions): Promise<HeapGraph> {
  const graph = analyzeSnapshot(snapshot, options.onProgress, options.threads, options.beside);
  await cache.store(path, key, snapshot, graph);
  return graph;
}
