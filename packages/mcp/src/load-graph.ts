// Reading one snapshot for the cache: parse (a large plain file's edges on two
// threads, as the CLI does) and the full analysis.

import { analyze, type HeapGraph } from '@heaptrail/graph';
import { readSnapshot } from '@heaptrail/parser';
import type { OnRead } from './snapshot-cache.js';

/** `path` absolute; `file` as the caller wrote it, which parse errors name. */
export async function loadGraph(path: string, file: string, onRead?: OnRead): Promise<HeapGraph> {
  return analyze(await readSnapshot(path, { sourceName: file, ...(onRead ? { onProgress: onRead } : {}) }));
}
