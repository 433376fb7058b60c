// Loads the files of a series in order. With 2 or more threads, asking for
// snapshot i starts reading i+1 on a worker thread (its arrays are moved here
// when done), then waits for i and analyses it: parsing overlaps analysis on a
// second core, for the memory of one more parsed snapshot. stdin, and the
// TypeScript sources (tests), always read on this thread.

import { resolve } from 'node:path';
import type { HeapGraph } from '@heaptrail/graph';
import { canReadInWorker, readSnapshotInWorker, type HeapSnapshot } from '@heaptrail/parser';
import { analyzeSnapshot, memoryCheck, readSnapshotFile, STDIN, type LoadOptions, type LoadProgress, type LoadStage } from './load.js';

export interface SeriesLoader {
  load(index: number): Promise<HeapGraph>;
  /** Stops a read still running ahead; call it on every way out. */
  close(): void;
}

export interface SeriesLoaderOptions extends Omit<LoadOptions, 'onProgress'> {
  readonly onProgress?: (index: number, stage: LoadStage, done: number, total: number | undefined) => void;
}

export function createSeriesLoader(files: readonly string[], options: SeriesLoaderOptions = {}): SeriesLoader {
  const prefetch = (options.threads ?? 2) >= 2 && canReadInWorker();
  const stop = new AbortController();
  let next: { index: number; read: Promise<HeapSnapshot> } | undefined;
  const reporter = (index: number): LoadProgress | undefined => {
    const report = options.onProgress;
    return report ? (stage, done, total) => report(index, stage, done, total) : undefined;
  };
  const readAhead = (index: number): Promise<HeapSnapshot> => {
    const file = files[index]!;
    const onRead = reporter(index);
    const read = readSnapshotInWorker(resolve(options.cwd ?? process.cwd(), file), {
      sourceName: file,
      signal: stop.signal,
      ...memoryCheck(options, true),
      ...(onRead ? { onProgress: (done: number, total: number | undefined) => onRead('reading', done, total) } : {}),
    });
    // Awaited when its turn comes; until then a failure must not count as unhandled.
    read.catch(() => undefined);
    return read;
  };
  return {
    async load(index) {
      const report = reporter(index);
      const current = next?.index === index ? next.read : readSnapshotFile(files[index]!, { ...options, onProgress: report }, true);
      next = undefined;
      const after = index + 1;
      if (prefetch && after < files.length && files[after] !== STDIN) next = { index: after, read: readAhead(after) };
      // While the next file is read ahead, the second core is taken: the analysis stays on this thread.
      return analyzeSnapshot(await current, report, next !== undefined ? 1 : options.threads);
    },
    close() {
      next = undefined;
      stop.abort(new Error('the series was not read to the end'));
    },
  };
}
