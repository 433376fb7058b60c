// Loads the files of a series in order. With 2 or more threads, asking for
// snapshot i starts reading i+1 on a worker thread (its arrays are moved here
// when done), then waits for i and analyses it: parsing overlaps analysis on a
// second core, for the memory of one more parsed snapshot. stdin, the
// TypeScript sources (tests), and files below READ_AHEAD_MIN_BYTES always read
// on this thread. With a cache, a snapshot the cache holds is not read ahead: it is
// read back from the cache when its turn comes; and every snapshot is analysed in
// full, so that the file it leaves serves any later command.

import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ClassedGraph, HeapGraph, SizedGraph, SnapshotKey } from '@heaptrail/graph';
import { canReadInWorker, readSnapshotInWorker, type HeapSnapshot } from '@heaptrail/parser';
import type { LoadGraph } from '../diff-series.js';
import { analyzeAndStore, loadGraphCached } from './load-cached.js';
import { releaseGarbage } from './release-garbage.js';
import { analyzeSnapshot, analyzeSnapshotSizes, memoryCheck, readSnapshotFile, STDIN, type LoadOptions, type LoadProgress, type LoadStage } from './load.js';

/**
 * Snapshot bytes from which a file is read ahead on a worker. A worker starts a fresh
 * isolate whose parser runs cold, some 200 ms of CPU on its own, while this thread's
 * parser is warm after the first file: below this size the overlap saves less than that.
 */
export const READ_AHEAD_MIN_BYTES = 32 * 1024 * 1024;
/** A snapshot compresses about 5:1 with gzip; a .gz file's size on disk is scaled by this. */
const GZIP_RATIO = 5;

/**
 * Whether reading the next snapshot ahead fits in `maxMemoryBytes` beside the current
 * one's analysis (sizes in snapshot bytes): the current's columns and scratch, with
 * what the allocator keeps, about 1.6 × its bytes, and the next's columns, about 1 ×.
 * Measured on a 3 × 300 MB diff: 965–987 MB as a 340 MB snapshot was read beside the
 * analysis of a 321 MB one (the estimate: 982 MB). Short of memory, the series is
 * read one snapshot at a time: slower, where an overlap would cost the process.
 */
export function readAheadFits(currentBytes: number, nextBytes: number, maxMemoryBytes: number | undefined): boolean {
  if (maxMemoryBytes === undefined) return true;
  return OVERLAP_BASE_BYTES + 1.6 * currentBytes + 1.0 * nextBytes <= maxMemoryBytes;
}
/** The process and the series' own state (histograms, id tables) beside the two snapshots. */
const OVERLAP_BASE_BYTES = 128 * 1024 * 1024;

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

/** A snapshot read ahead, with its key in the cache as it was before the read; undefined when the cache holds it. */
type ReadAhead = { readonly snapshot: HeapSnapshot; readonly key?: SnapshotKey } | undefined;

export function createSeriesLoader(files: readonly string[], options: SeriesLoaderOptions = {}): SeriesLoader {
  const prefetch = (options.threads ?? 2) >= 2 && canReadInWorker();
  const stop = new AbortController();
  const cache = options.cache;
  let next: { index: number; read: Promise<ReadAhead> } | undefined;
  let sequence: readonly number[] | undefined;
  const after = (index: number): number => (sequence ? (sequence[sequence.indexOf(index) + 1] ?? -1) : index + 1);
  const pathOf = (index: number) => resolve(options.cwd ?? process.cwd(), files[index]!);
  const isLast = (index: number): boolean => {
    const next = after(index);
    return next < 0 || next >= files.length;
  };
  const reporter = (index: number): LoadProgress | undefined => {
    const report = options.onProgress;
    return report ? (stage, done, total) => report(index, stage, done, total) : undefined;
  };
  const readAhead = (index: number): Promise<ReadAhead> => {
    const path = pathOf(index);
    const onRead = reporter(index);
    const inWorker = () =>
      readSnapshotInWorker(path, {
        sourceName: files[index]!,
        signal: stop.signal,
        ...memoryCheck(options, true, isLast(index)),
        ...(onRead ? { onProgress: (done: number, total: number | undefined) => onRead('reading', done, total) } : {}),
      });
    const read = cache
      ? cache.probe(path).then(async ({ holds, key }) => (holds ? undefined : { snapshot: await inWorker(), ...(key ? { key } : {}) }))
      : inWorker().then((snapshot) => ({ snapshot }));
    // Awaited when its turn comes; until then a failure must not count as unhandled.
    read.catch(() => undefined);
    return read;
  };
  // A file that cannot be stat'ed is left to this thread, whose read reports the error in its turn.
  const snapshotBytes = async (index: number): Promise<number> => {
    const file = files[index]!;
    if (file === STDIN) return 0;
    const bytes = await stat(pathOf(index)).then((s) => s.size, () => 0);
    return bytes * (/\.gz$/i.test(file) ? GZIP_RATIO : 1);
  };
  const worthReadingAhead = async (current: number, index: number): Promise<boolean> => {
    if (files[index] === STDIN) return false;
    const bytes = await snapshotBytes(index);
    if (bytes < READ_AHEAD_MIN_BYTES) return false;
    return readAheadFits(await snapshotBytes(current), bytes, options.maxMemoryBytes);
  };

  async function load(index: number, last: true): Promise<HeapGraph>;
  async function load(index: number, last: false, besideSizes?: (graph: ClassedGraph) => void): Promise<SizedGraph>;
  async function load(index: number, last: boolean, besideSizes?: (graph: ClassedGraph) => void): Promise<SizedGraph> {
    const file = files[index]!;
    // The path search beside the dominators is for the last snapshot only: no other is traced.
    const { beside, ...rest } = options;
    const here: LoadOptions = { ...rest, onProgress: reporter(index), ...(last && beside ? { beside } : {}) };
    const ahead = next?.index === index ? next.read : undefined;
    const viaCache = file !== STDIN ? cache : undefined;
    const current: Promise<ReadAhead> = ahead ?? (viaCache ? Promise.resolve(undefined) : readSnapshotFile(file, here, true, last).then((snapshot) => ({ snapshot })));
    next = undefined;
    const following = after(index);
    if (prefetch && following >= 0 && following < files.length && (await worthReadingAhead(index, following))) {
      next = { index: following, read: readAhead(following) };
    }
    const read = await current;
    // Read on a worker: this thread's garbage (the previous snapshot's columns) is still to be freed.
    if (ahead !== undefined && read !== undefined) await releaseGarbage(read.snapshot.byteLength);
    // The analysis takes its own worker (`threads`) even while the next file is read ahead:
    // the read ends well before the analysis, and this thread's digest work beside the
    // dominators fills the rest (3 x 300 MB diff: 7.1-7.3 s against 7.4-8.4 s with the
    // analysis kept on this thread during the read).
    if (!viaCache) {
      if (!last) return analyzeSnapshotSizes(read!.snapshot, here.onProgress, here.threads, besideSizes);
      // Its ids sorted on the analysis' worker, which is done with the distances before this
      // thread is done with the path search (3 x 300 MB diff: 0.3 s off the end).
      const graph = analyzeSnapshot(read!.snapshot, here.onProgress, here.threads, here.beside, true);
      // The analysis' scratch (the dominators' arrays, the retainer index) is garbage now;
      // the path search and the report that follow allocate on top of what is left.
      await releaseGarbage(read!.snapshot.byteLength);
      return graph;
    }
    if (read === undefined) return loadGraphCached(viaCache, file, here);
    return analyzeAndStore(viaCache, pathOf(index), read.key, read.snapshot, here);
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
