// Reading one snapshot for the cache, as the CLI reads one (a large plain file's edges
// on two threads), and the least memory it can take, known from its file alone.

import { loadSnapshot } from '@heaptrail/diff';
import type { GraphCache, HeapGraph } from '@heaptrail/graph';
import type { OnRead } from './snapshot-cache.js';
import { textSizeLowerBound } from './text-size.js';

/** `file` as the caller wrote it (messages name it so), read relative to `cwd`; through `cache` (on disk) when given. */
export function loadGraph(file: string, cwd: string, onRead?: OnRead, cache?: GraphCache): Promise<HeapGraph> {
  return loadSnapshot(file, { cwd, ...(cache ? { cache } : {}), ...(onRead ? { onProgress: (stage, done, total) => stage === 'reading' && onRead(done, total) } : {}) });
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
