// Reading one snapshot for the cache, as the CLI reads one (a large plain file's edges
// on two threads), and the least memory it can take, known from its file alone.

import { loadSnapshot } from '@heaptrail/diff';
import { isCacheDamageError, type GraphCache, type HeapGraph } from '@heaptrail/graph';
import { estimateMemory } from './graph-memory.js';
import type { OnRead } from './snapshot-cache.js';
import { textSizeLowerBound } from './text-size.js';

/**
 * `file` as the caller wrote it (messages name it so), read relative to `cwd`; through
 * `cache` (on disk) when given. A graph from the disk cache is read whole here (the
 * server measures and keeps it anyway), so a damaged cache file shows now, and the
 * snapshot is parsed instead.
 */
export async function loadGraph(file: string, cwd: string, onRead?: OnRead, cache?: GraphCache): Promise<HeapGraph> {
  const options = { cwd, ...(cache ? { cache } : {}), ...(onRead ? { onProgress: (stage: string, done: number, total: number | undefined) => stage === 'reading' && onRead(done, total) } : {}) };
  if (!cache) return loadSnapshot(file, options);
  try {
    const graph = await loadSnapshot(file, options);
    estimateMemory(graph);
    return graph;
  } catch (e) {
    if (!isCacheDamageError(e)) throw e;
    return loadSnapshot(file, options);
  }
}

/**
 * What an analysed snapshot takes at least. Analysed snapshots measure about 1.4 times
 * their JSON text (typed columns for nodes and edges, the string bytes, the analysis
 * arrays); 0.8 leaves room for edge-heavy files, whose text per edge can outweigh the
 * 9 bytes an edge is kept in.
 */
export async function analysedSizeLowerBound(path: string): Promise<number> {
  return Math.floor(0.8 * (await textSizeLowerBound(path)));
}
