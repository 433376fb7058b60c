// Reads one snapshot and analyses it: the shared first step of summary, dominators,
// paths and diff. Progress goes to an optional callback; nothing is printed here.

import { resolve } from 'node:path';
import { analyze, type AnalyzePhase, type HeapGraph } from '@heaptrail/graph';
import { canReadInWorker, readSnapshot, readSnapshotInWorker, type HeapSnapshot } from '@heaptrail/parser';
import { createProgress, type Progress } from '@heaptrail/report';
import type { CliIo } from '../io.js';

/** `reading` counts (raw, possibly compressed) bytes; analysis phases count nodes or edges. */
export type LoadStage = 'reading' | AnalyzePhase;

export interface LoadOptions {
  readonly onProgress?: (stage: LoadStage, done: number, total: number | undefined) => void;
  /** 1 keeps the parse on this thread; otherwise a large file's edges are split with a worker. */
  readonly threads?: number;
}

/**
 * Reads `file` (relative to `io.cwd`; `-` reads stdin; gzip detected by content) and runs
 * the full analysis.
 */
export async function loadSnapshot(file: string, io: CliIo, options: LoadOptions = {}): Promise<HeapGraph> {
  return analyzeWithProgress(await readInThread(file, io, options.onProgress, options.threads), options.onProgress);
}

function readInThread(file: string, io: CliIo, report: LoadOptions['onProgress'], threads: number | undefined): Promise<HeapSnapshot> {
  return readSnapshotFile(file, io, report ? (done, total) => report('reading', done, total) : undefined, threads);
}

/**
 * Reads `file` relative to `io.cwd`, or stdin for `-`. A large plain file's edges are
 * parsed by this thread and a worker together, unless `threads` (default:
 * HEAPTRAIL_THREADS) is 1.
 */
export function readSnapshotFile(
  file: string,
  io: CliIo,
  onRead?: (done: number, total: number | undefined) => void,
  threads = Number(io.env.HEAPTRAIL_THREADS ?? 2),
): Promise<HeapSnapshot> {
  const progress = onRead ? { onProgress: onRead } : {};
  return file === '-'
    ? readSnapshot(io.stdin, { sourceName: '<stdin>', ...progress })
    : readSnapshot(resolve(io.cwd, file), { sourceName: file, ...progress, ...(threads === 1 ? { edgeSplit: false as const } : {}) });
}

/** Shows a load stage on the progress line: bytes while reading, items during analysis. */
export function showStage(progress: Progress, label: string, stage: LoadStage, done: number, total: number | undefined): void {
  progress.update(`${stage} ${label}`, done, total, stage === 'reading' ? 'bytes' : 'items');
}

function analyzeWithProgress(snapshot: HeapSnapshot, report: LoadOptions['onProgress']): HeapGraph {
  return analyze(snapshot, report ? { onProgress: report } : {});
}

/** Loads the files of a series in order; `close()` stops any read still running. */
export interface SeriesLoader {
  load(file: string, index: number): Promise<HeapGraph>;
  close(): void;
}

export interface SeriesLoaderOptions {
  /** Threads to use: 2 or more parses snapshot i+1 on a worker while snapshot i is analysed here. */
  readonly threads: number;
  readonly onProgress?: (index: number, stage: LoadStage, done: number, total: number | undefined) => void;
}

/**
 * The diff's loader. With threads ≥ 2, asking for snapshot i starts reading i+1 on a
 * worker thread (its arrays are moved here when done), then waits for i and analyses
 * it: parsing overlaps analysis on a second core, for the memory of one more parsed
 * snapshot. stdin, and the TypeScript sources (tests), always read in this thread.
 */
export function createSeriesLoader(files: readonly string[], io: CliIo, options: SeriesLoaderOptions): SeriesLoader {
  const prefetch = options.threads >= 2 && canReadInWorker();
  const stop = new AbortController();
  let next: { index: number; read: Promise<HeapSnapshot> } | undefined;
  const reporter = (index: number): LoadOptions['onProgress'] => {
    const report = options.onProgress;
    return report ? (stage, done, total) => report(index, stage, done, total) : undefined;
  };
  const readAhead = (index: number): Promise<HeapSnapshot> => {
    const file = files[index]!;
    const onRead = reporter(index);
    const read = readSnapshotInWorker(resolve(io.cwd, file), {
      sourceName: file,
      signal: stop.signal,
      ...(onRead ? { onProgress: (done: number, total: number | undefined) => onRead('reading', done, total) } : {}),
    });
    // Awaited when its turn comes; until then a failure must not count as unhandled.
    read.catch(() => undefined);
    return read;
  };
  return {
    async load(file, index) {
      const report = reporter(index);
      const current = next?.index === index ? next.read : readInThread(file, io, report, options.threads);
      next = undefined;
      const after = index + 1;
      if (prefetch && after < files.length && files[after] !== '-') next = { index: after, read: readAhead(after) };
      return analyzeWithProgress(await current, report);
    },
    close() {
      next = undefined;
      stop.abort(new Error('the series was not read to the end'));
    },
  };
}

/**
 * `loadSnapshot` with the progress line on stderr (only when stderr is a TTY and
 * not `quiet`): what the single-snapshot commands use.
 */
export async function loadSnapshotWithProgress(file: string, io: CliIo, quiet: boolean): Promise<HeapGraph> {
  const progress = createProgress({ stream: io.stderr, isTTY: io.stderr.isTTY, quiet });
  try {
    return await loadSnapshot(file, io, {
      onProgress: (stage, done, total) => showStage(progress, file, stage, done, total),
    });
  } finally {
    progress.done();
  }
}

/** The `--quiet` option every snapshot-reading command takes. */
export const QUIET_OPTION = { alias: 'q', type: 'boolean', default: false, describe: 'No progress line on stderr' } as const;

/** How deep and wide the dominator tree behind an HTML treemap is cut before the renderer prunes it further. */
export const HTML_TREE = { depth: 6, top: 25 } as const;
