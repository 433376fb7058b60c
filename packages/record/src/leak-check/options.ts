// leakCheck's options: how the function is exercised, and the diff's thresholds.

import type { DiffOptions } from '@heaptrail/diff';

export interface LeakCheckOptions extends Omit<DiffOptions, 'onProgress' | 'sameProcess'> {
  /** Calls of `fn` between two snapshots (default 7). */
  readonly iterations?: number;
  /** Snapshots taken (default 4, at least 2). */
  readonly snapshots?: number;
  /** Rounds of `iterations` calls before the first snapshot, so caches and lazy state settle (default 1). */
  readonly warmup?: number;
}

export interface AssertNoLeakOptions extends LeakCheckOptions {
  /** Class names that may grow without failing (e.g. a cache known to fill up). */
  readonly ignore?: readonly string[];
}

export const LEAK_CHECK_DEFAULTS = { iterations: 7, snapshots: 4, warmup: 1 } as const;
