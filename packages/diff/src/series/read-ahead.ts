// Loads the files of a series in order. With 2 or more threads, asking for
// snapshot i starts reading i+1 on a worker thread (its arrays are moved here
// when done), then waits for i and analyses it: parsing overlaps analysis on a
// second core, for the memory of one more parsed snapshot. stdin, the
// TypeScript sources (tests), and files below READ_AHEAD_MIN_BYTES always read
// on this thread.

import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { HeapGraph, SizedGraph } from '@heaptrail/graph';
import { canReadInWorker, readSnapshotInWorker, type HeapSnapshot } from '@heaptrail/parser';
import type { LoadGraph } from '../diff-series.js';
import { analyzeSnapshot, analyzeSnapshotSizes, memoryCheck, readSnapshotFile, STDIN, type LoadOptions, type LoadProgress, type LoadStage } from './load.js';

/**
 * Snapshot bytes from which a file is read ahead on a worker. A worker starts a fresh
 * isolate whose parser runs cold, some 200 ms of CPU on its own, while this thread's
 * parser is warm after the first file: below this size the overlap saves less than that.
 */
export const READ_AHEAD_MIN_BYTES = 32 * 1024 * 1024;
/** A snapshot compresses about 5:1 with gzip; a .gz file's size on disk is scaled by this. */
const GZIP_RATIO = 5;

export interface SeriesLoader {
  /** Snapshot `index` analysed in full when `last`, else without distances (see LoadGraph). */
  readonly load: LoadGraph;
  /** From now on the files are asked for in this order (indices): read ahead along it. */
  follow(order: readonly number[]): void;
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
  let sequence: readonly number[] | undefined;
  const after = (index: number): number => (sequence ? (sequence[sequence.indexOf(index) + 1] ?? -1) : index + 1);
  const pathOf = (index: number) => resolve(options.cwd ?? process.cwd(), files[index]!);
  const reporter = (index: number): LoadProgress | undefined => {
    const report = options.onProgress;
    return report ? (stage, done, total) => report(index, stage, done, total) : undefined;
  };
  const readAhead = (index: number): Promise<HeapSnapshot> => {
    const onRead = reporter(index);
    const read = readSnapshotInWorker(pathOf(index), {
      sourceName: files[index]!,
      signal: stop.signal,
      ...memoryCheck(options, true),
      ...(onRead ? { onProgress: (done: number, total: number | undefined) => onRead('reading', done, total) } : {}),
    });
    // Awaited when its turn comes; until then a failure must not count as unhandled.
    read.catch(() => undefined);
    return read;
  };
  // A file that cannot be stat'ed is left to this thread, whose read reports the error in its turn.
  const worthReadingAhead = async (index: number): Promise<boolean> => {
    const file = files[index]!;
    if (file === STDIN) return false;
    const bytes = await stat(pathOf(index)).then((s) => s.size, () => 0);
    return bytes * (/\.gz$/i.test(file) ? GZIP_RATIO : 1) >= READ_AHEAD_MIN_BYTES;
  };

  async function load(index: number, last: true): Promise<HeapGraph>;
  async function load(index: number, last: false): Promise<SizedGraph>;
  async function load(index: number, last: boolean): Promise<SizedGraph> {
    const report = reporter(index);
    const current = next?.index === index ? next.read : readSnapshotFile(files[index]!, { ...options, onProgress: report }, true);
    next = undefined;
    const ahead = after(index);
    if (prefetch && ahead >= 0 && ahead < files.length && (await worthReadingAhead(ahead))) next = { index: ahead, read: readAhead(ahead) };
    const snapshot = await current;
    return last ? analyzeSnapshot(snapshot, report) : analyzeSnapshotSizes(snapshot, report);
  }
  return {
    load,
    follow(order) {
      sequence = order;
    },
    close() {
      next = undefined;
      stop.abort(new Error('the series was not read to the end'));
    },
  };
}
