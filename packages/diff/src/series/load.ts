// Reading one snapshot of a series (a file, or stdin for "-") and analysing it:
// the first step of every command. Paths stay as the user typed them; they are
// resolved against `cwd` only to open the file, so every message names the
// file the way the user wrote it.

import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { resolve } from 'node:path';
import { analyze, analyzeSizes, ANALYSIS_WORK_BYTES, type AnalyzePhase, type ClassedGraph, type GraphCache, type HeapGraph, type SizedGraph } from '@heaptrail/graph';
import { readSnapshot, type HeapSnapshot, type WorkBytes } from '@heaptrail/parser';
import { InputError } from '../errors.js';
import { releaseGarbage } from './release-garbage.js';

/** `reading` counts raw (possibly compressed) bytes; analysis phases count nodes or edges. */
export type LoadStage = 'reading' | AnalyzePhase;

export type LoadProgress = (stage: LoadStage, done: number, total: number | undefined) => void;

export interface LoadOptions {
  /** Directory that relative paths are read from (default: the process's). */
  readonly cwd?: string;
  /** What "-" reads. Without it, "-" is refused. */
  readonly stdin?: Readable;
  /**
   * Threads heaptrail may use. 1 keeps all work on this thread; 2 or more (the default)
   * lets a large plain file's edges be parsed by a worker from the file's end, and a
   * series be read ahead on a worker.
   */
  readonly threads?: number;
  /**
   * Refuse with a PreflightError, right after a snapshot's header, when its counts say
   * parsing and analysing it would need more bytes than this.
   */
  readonly maxMemoryBytes?: number;
  readonly onProgress?: LoadProgress;
  /**
   * Where parsed and analysed snapshots are kept between runs (files only, never stdin):
   * a snapshot the cache holds is read back instead of parsed and analysed.
   */
  readonly cache?: GraphCache;
  /** Told when a snapshot is read back from the cache instead of parsed. */
  readonly onCacheHit?: () => void;
  /** Work for this thread while a worker computes a full analysis' dominators (AnalyzeOptions.beside). */
  readonly beside?: (graph: HeapGraph) => void;
}

export const STDIN = '-';

/**
 * Reads `file` (gzip detected by content) without analysing it; `analysis`: counting what
 * analysis adds in the memory check, `lastOfSeries`: and what a diff adds on its last snapshot.
 */
export async function readSnapshotFile(file: string, options: LoadOptions = {}, analysis = false, lastOfSeries = false): Promise<HeapSnapshot> {
  const onRead = options.onProgress;
  const progress = {
    ...(onRead ? { onProgress: (done: number, total: number | undefined) => onRead('reading', done, total) } : {}),
    ...memoryCheck(options, analysis, lastOfSeries),
  };
  let snapshot: HeapSnapshot;
  if (file === STDIN) {
    if (!options.stdin) throw new InputError('stdin (-) is not available here');
    snapshot = await readSnapshot(options.stdin, { sourceName: '<stdin>', ...progress });
  } else {
    const path = await checkedPath(file, options.cwd);
    const split = (options.threads ?? 2) >= 2 ? {} : { edgeSplit: false as const };
    snapshot = await readSnapshot(path, { sourceName: file, ...progress, ...split });
  }
  // The parse's garbage goes before the analysis allocates its scratch.
  if (analysis) await releaseGarbage(snapshot.byteLength);
  return snapshot;
}



/**
 * What a diff adds to the analysis of its last snapshot, per node: the path search beside
 * the dominators (its levels and lengths 8 B, parent edges 4, flags and costs 2, module
 * scopes 1, about 1 more for its queues) and the previous snapshot's id table (8 B a node of
 * a snapshot about as large). Without it the preflight of the 3 x 300 MB diff said 0.49 GB
 * for a last snapshot whose diff peaks at 0.74 GB with nothing read ahead (0.60 GB with it).
 */
export const SERIES_LAST_WORK_BYTES: WorkBytes = { perNode: ANALYSIS_WORK_BYTES.perNode + 8 + 4 + 2 + 1 + 1 + 8, perEdge: ANALYSIS_WORK_BYTES.perEdge };

/** The parser's preflight options for `options.maxMemoryBytes`. */
export function memoryCheck(options: Pick<LoadOptions, 'maxMemoryBytes'>, analysis: boolean, lastOfSeries = false) {
  if (options.maxMemoryBytes === undefined) return {};
  const work = lastOfSeries ? SERIES_LAST_WORK_BYTES : ANALYSIS_WORK_BYTES;
  return { maxMemoryBytes: options.maxMemoryBytes, ...(analysis ? { workBytes: work } : {}) };
}

/** `threads` (default 2): 1 keeps the analysis on this thread; 2 lets a large snapshot's run partly on a worker. */
export function analyzeSnapshot(snapshot: HeapSnapshot, onProgress: LoadProgress | undefined, threads?: number, beside?: (graph: HeapGraph) => void, idOrder = false): HeapGraph {
  return analyze(snapshot, {
    ...(onProgress ? { onProgress } : {}),
    ...(threads !== undefined ? { threads } : {}),
    ...(beside ? { beside } : {}),
    ...(idOrder ? { idOrder } : {}),
  });
}

/** Analyses `snapshot` without distances: a series' snapshot before the last (`threads` as in analyzeSnapshot; `beside` as in analyzeSizes). */
export function analyzeSnapshotSizes(snapshot: HeapSnapshot, onProgress: LoadProgress | undefined, threads?: number, beside?: (graph: ClassedGraph) => void): SizedGraph {
  return analyzeSizes(snapshot, { ...(onProgress ? { onProgress } : {}), ...(threads !== undefined ? { threads } : {}), ...(beside ? { beside } : {}) });
}

/**
 * The absolute path of a snapshot file that exists and is not a directory; a
 * missing or unreadable one is an InputError naming the path as typed.
 */
export async function checkedPath(file: string, cwd: string | undefined): Promise<string> {
  const path = resolve(cwd ?? process.cwd(), file);
  const info = await statAsTyped(file, path);
  if (info.isDirectory()) throw new InputError(`${file}: is a directory, not a snapshot file`);
  return path;
}

/** stat() whose error names the path as the user typed it, not its absolute form. */
export async function statAsTyped(typed: string, path: string) {
  try {
    return await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(`${typed}: no such file or directory`);
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`${typed}: permission denied`);
    throw e;
  }
}
