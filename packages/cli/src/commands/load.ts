// Reads one snapshot and analyses it: the shared first step of summary, dominators,
// paths and diff. Progress goes to an optional callback; nothing is printed here.

import { resolve } from 'node:path';
import { analyze, type AnalyzePhase, type HeapGraph } from '@heaptrail/graph';
import { readSnapshot } from '@heaptrail/parser';
import type { CliIo } from '../io.js';

/** `reading` counts (raw, possibly compressed) bytes; analysis phases count nodes or edges. */
export type LoadStage = 'reading' | AnalyzePhase;

export interface LoadOptions {
  readonly onProgress?: (stage: LoadStage, done: number, total: number | undefined) => void;
}

/**
 * Reads `file` (relative to `io.cwd`; `-` reads stdin; gzip detected by content) and runs
 * the full analysis.
 */
export async function loadSnapshot(file: string, io: CliIo, options: LoadOptions = {}): Promise<HeapGraph> {
  const report = options.onProgress;
  const onRead = report ? (done: number, total: number | undefined) => report('reading', done, total) : undefined;
  const snapshot =
    file === '-'
      ? await readSnapshot(io.stdin, { sourceName: '<stdin>', ...(onRead ? { onProgress: onRead } : {}) })
      : await readSnapshot(resolve(io.cwd, file), { sourceName: file, ...(onRead ? { onProgress: onRead } : {}) });
  return analyze(snapshot, report ? { onProgress: (phase, done, total) => report(phase, done, total) } : {});
}
