// Loads the files of a series in order. With 2 or more threads, asking for
// snapshot i starts reading i+1 on a worker thread (its arrays are moved here
// when done), then waits for i and analyses it: parsing overlaps analysis on a
// second core, for the memory of one more parsed snapshot. stdin, and the
// TypeScript sources (tests), always read on this thread. With a cache, a snapshot the
// cache holds is not read ahead: it is read back from the cache when its turn comes.

import { resolve } from 'node:path';
import type { HeapGraph, SnapshotKey } from '@heaptrail/graph';
import { canReadInWorker, readSnapshotInWorker, type HeapSnapshot } from '@heaptrail/parser';
import { analyzeAndStore, loadGraphCached } from './load-cached.js';
import { analyzeSnapshot, memoryCheck, readSnapshotFile, STDIN, type LoadOptions, type LoadProgress, type LoadStage } from './load.js';

export interface SeriesLoader {
  load(index: number): Promise<HeapGraph>;
  /** Stops a read still running ahead; call it on every way out. */
  close(): void;
}

export interface SeriesLoaderOptions extends Omit<LoadOptions, 'onProgress'> {
  readonly onProgress?: (index: number, stage: LoadStage, done: number, total: number | undefined) => void;
}

/** A snapshot read ahead, with its key in the cache as it was before the read; undefined when the cache holds it. */
type ReadAhead = { readonly snapshot: HeapSnapshot; readonly key?: SnapshotKey } | undefined;

export function createSeriesLoader(files: readonly string[], options: SeriesLoaderOptions = {}): SeriesLoader {
  const prefetch = (options.threads ?? 2) >= 2 && canReadInWorker();
  const stop = new AbortController();
  const cache = options.cache;
  let next: { index: number; read: Promise<ReadAhead> } | undefined;
  const reporter = (index: number): LoadProgress | undefined => {
    const report = options.onProgress;
    return report ? (stage, done, total) => report(index, stage, done, total) : undefined;
  };
  const readAhead = (index: number): Promise<ReadAhead> => {
    const file = files[index]!;
    const path = resolve(options.cwd ?? process.cwd(), file);
    const onRead = reporter(index);
    const inWorker = () =>
      readSnapshotInWorker(path, {
        sourceName: file,
        signal: stop.signal,
        ...memoryCheck(options, true),
        ...(onRead ? { onProgress: (done: number, total: number | undefined) => onRead('reading', done, total) } : {}),
      });
    const read = cache
      ? cache.probe(path).then(async ({ holds, key }) => (holds ? undefined : { snapshot: await inWorker(), ...(key ? { key } : {}) }))
      : inWorker().then((snapshot) => ({ snapshot }));
    // Awaited when its turn comes; until then a failure must not count as unhandled.
    read.catch(() => undefined);
    return read;
  };
  return {
    async load(index) {
      const file = files[index]!;
      const here = { ...options, onProgress: reporter(index) };
      const ahead = next?.index === index ? next.read : undefined;
      const current: Promise<ReadAhead> = ahead ?? (cache && file !== STDIN ? Promise.resolve(undefined) : readSnapshotFile(file, here, true).then((snapshot) => ({ snapshot })));
      next = undefined;
      const after = index + 1;
      if (prefetch && after < files.length && files[after] !== STDIN) next = { index: after, read: readAhead(after) };
      const read = await current;
      if (!cache || file === STDIN) return analyzeSnapshot(read!.snapshot, here.onProgress);
      if (read === undefined) return loadGraphCached(cache, file, here);
      return analyzeAndStore(cache, resolve(options.cwd ?? process.cwd(), file), read.key, read.snapshot, here);
    },
    close() {
      next = undefined;
      stop.abort(new Error('the series was not read to the end'));
    },
  };
}
