// Reading the one snapshot of a single-snapshot command, with the progress line (and
// through the cache when --cache or HEAPTRAIL_CACHE asks for one).

import { loadSnapshot, readSnapshotInput, type LoadOptions } from '@heaptrail/diff';
import type { HeapGraph } from '@heaptrail/graph';
import type { HeapSnapshot } from '@heaptrail/parser';
import { cacheSetting, type CacheArgs } from './cache-option.js';
import type { CliIo } from './io.js';
import { readSettings, type ReadArgs } from './options.js';
import { progressLine, showStage } from './progress.js';

export interface SnapshotArgs extends ReadArgs, CacheArgs {
  readonly snapshot: string;
  readonly quiet: boolean;
}

/** Reads and analyses the snapshot named by the arguments. */
export function loadGraph(args: SnapshotArgs, io: CliIo): Promise<HeapGraph> {
  return withProgress(args, io, (options) => loadSnapshot(args.snapshot, options));
}

/** Reads the snapshot named by the arguments, without analysis; `fromCache` says whether the cache had it. */
export async function readSnapshotArg(args: SnapshotArgs, io: CliIo): Promise<{ snapshot: HeapSnapshot; fromCache: boolean }> {
  let fromCache = false;
  const snapshot = await withProgress(args, io, (options) => readSnapshotInput(args.snapshot, { ...options, onCacheHit: () => (fromCache = true) }));
  return { snapshot, fromCache };
}

async function withProgress<T>(args: SnapshotArgs, io: CliIo, work: (options: LoadOptions) => Promise<T>): Promise<T> {
  const settings = readSettings(args, io.env);
  const progress = progressLine(io, args.quiet);
  try {
    return await work({
      cwd: io.cwd,
      stdin: io.stdin,
      ...settings,
      ...cacheSetting(args, io, args.quiet),
      onProgress: (stage, done, total) => showStage(progress, args.snapshot, stage, done, total),
    });
  } finally {
    progress.done();
  }
}
