// The progress line on stderr (only on a terminal, never with --quiet) for the
// stages of reading and analysing a snapshot, and for tracing paths.

import type { LoadStage } from '@heaptrail/diff';
import { createProgress, type Progress } from '@heaptrail/report';
import type { CliIo } from './io.js';

export function progressLine(io: CliIo, quiet: boolean): Progress {
  return createProgress({ stream: io.stderr, isTTY: io.stderr.isTTY, quiet });
}

/** Bytes while reading, items during analysis. */
export function showStage(progress: Progress, label: string, stage: LoadStage, done: number, total: number | undefined): void {
  progress.update(`${stage} ${label}`, done, total, stage === 'reading' ? 'bytes' : 'items');
}
