// Reads one snapshot and analyses it: the shared first step of summary, dominators,
// paths and diff. Progress goes to an optional callback; nothing is printed here.

import { resolve } from 'node:path';
import { analyze, type AnalyzePhase, type HeapGraph } from '@heaptrail/graph';
import { readSnapshot } from '@heaptrail/parser';
import { createProgress } from '@heaptrail/report';
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

/**
 * `loadSnapshot` with the progress line on stderr (only when stderr is a TTY and
 * not `quiet`): what the single-snapshot commands use.
 */
export async function loadSnapshotWithProgress(file: string, io: CliIo, quiet: boolean): Promise<HeapGraph> {
  const progress = createProgress({ stream: io.stderr, isTTY: io.stderr.isTTY, quiet });
  try {
    return await loadSnapshot(file, io, {
      onProgress: (stage, done, total) => progress.update(`${stage} ${file}`, done, total, stage === 'reading' ? 'bytes' : 'items'),
    });
  } finally {
    progress.done();
  }
}

/** The `--quiet` option every snapshot-reading command takes. */
export const QUIET_OPTION = { alias: 'q', type: 'boolean', default: false, describe: 'No progress line on stderr' } as const;

/** How deep and wide the dominator tree behind an HTML treemap is cut before the renderer prunes it further. */
export const HTML_TREE = { depth: 6, top: 25 } as const;
