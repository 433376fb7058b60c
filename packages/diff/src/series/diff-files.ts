// The diff as a library call on files: resolve the series (files, or one
// directory in the order the snapshots were taken), read it with read-ahead,
// reduce each snapshot as it is read, and judge. The result's `order` says how the
// directory was ordered, or that the object ids put the files in another order.

import { diffSeries } from '../diff-series.js';
import type { DiffOptions, PathsProgress } from '../options.js';
import type { DiffResult } from '../types.js';
import { resolveSeriesFiles, type SeriesFiles } from './inputs.js';
import { InputError } from '../errors.js';
import { pathSearchBeside } from '../path-choice.js';
import { STDIN, type LoadOptions, type LoadStage } from './load.js';
import { createSeriesLoader } from './read-ahead.js';
import { preflightSeries } from './preflight.js';

/** Reading snapshot `index` of `count` (`file` as the user gave it), or tracing paths. */
export type DiffFilesProgress =
  | { readonly kind: 'load'; readonly index: number; readonly count: number; readonly file: string; readonly stage: LoadStage; readonly done: number; readonly total: number | undefined }
  | PathsProgress;

export interface DiffFilesOptions extends Omit<DiffOptions, 'onProgress'>, Omit<LoadOptions, 'onProgress'> {
  readonly onProgress?: (event: DiffFilesProgress) => void;
  /** Told once the series is known, before anything is read. */
  readonly onSeries?: (series: SeriesFiles) => void;
}

/** Diffs `inputs`: two or more snapshot files oldest first, or one directory of them. */
export async function diffFiles(inputs: readonly string[], options: DiffFilesOptions = {}): Promise<DiffResult> {
  const series = await resolveSeriesFiles(inputs, options.cwd);
  options.onSeries?.(series);
  const { files } = series;
  // Every file's memory preflight before the first is read (preflight.ts).
  if (options.maxMemoryBytes !== undefined) await preflightSeries(files, options.maxMemoryBytes, options.cwd);
  const report = options.onProgress;
  const beside = pathSearchBeside(options.pathChoice);
  const loader = createSeriesLoader(files, {
    ...options,
    ...(beside ? { beside } : {}),
    onProgress: report
      ? (index, stage, done, total) => report({ kind: 'load', index, count: files.length, file: files[index]!, stage, done, total })
      : undefined,
  });
  try {
    const order = { by: series.order ?? ('given' as const), given: null };
    return await diffSeries(files, loader.load, { order, ...options, onProgress: report }, (taken) => {
      // The second reading in the order taken cannot read stdin again.
      if (files.includes(STDIN)) {
        throw new InputError(`the snapshots were taken in the order ${taken.map((i) => files[i]).join(' ')} (by their object ids), not as given; stdin (-) cannot be read twice: give them in that order, or --keep-order`);
      }
      loader.follow(taken);
    });
  } finally {
    // Also on errors: a read still running on a worker would keep the process alive.
    loader.close();
  }
}
