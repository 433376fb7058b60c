// Reading one snapshot for the cache: parse (a large plain file's edges on two
// threads, as the CLI does) and the full analysis.

import { analyze, type HeapGraph } from '@heaptrail/graph';
import { readSnapshot } from '@heaptrail/parser';
import type { OnRead } from './snapshot-cache.js';
import { textSizeLowerBound } from './text-size.js';

/** `path` absolute; `file` as the caller wrote it, which parse errors name. */
export async function loadGraph(path: string, file: string, onRead?: OnRead): Promise<HeapGraph> {
  return analyze(await readSnapshot(path, { sourceName: file, ...(onRead ? { onProgress: onRead } : {}) }));
}

/**
 * What an analysed snapshot takes at least, from its file alone. Analysed snapshots
 * measure about 1.4 times their JSON text (typed columns for nodes and edges, the string
 * bytes, the analysis arrays); 0.8 leaves room for edge-heavy files, whose text per edge
 * can outweigh the 9 bytes an edge is kept in.
 */
export async function analysedSizeLowerBound(path: string): Promise<number> {
  return Math.floor(0.8 * (await textSizeLowerBound(path)));
}
