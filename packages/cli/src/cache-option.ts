// `--cache [DIR]` and HEAPTRAIL_CACHE: where parsed and analysed snapshots are kept
// between runs (graph's GraphCache). Off unless asked for; a bare `--cache` means
// $XDG_CACHE_HOME/heaptrail, else ~/.cache/heaptrail. A cache that cannot be written
// costs one note on stderr, never the command.

import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { GraphCache } from '@heaptrail/graph';
import type { CliIo } from './io.js';

export const CACHE = {
  type: 'string',
  defaultDescription: '$HEAPTRAIL_CACHE, else off',
  describe:
    'Keep parsed and analysed snapshots in DIR (bare --cache: ~/.cache/heaptrail) and read them back next time instead of parsing; give it as --cache=DIR or after the snapshot; --no-cache ignores $HEAPTRAIL_CACHE',
} as const;

export interface CacheArgs {
  /** '' for a bare --cache, false for --no-cache. */
  readonly cache?: string | boolean | undefined;
}

/** The directory asked for by the flag, else by HEAPTRAIL_CACHE (empty: off); undefined when off. */
export function cacheDir(flag: CacheArgs['cache'], env: Readonly<Record<string, string | undefined>>, cwd: string): string | undefined {
  if (flag === false) return undefined;
  if (flag === '' || flag === true) return defaultCacheDir(env);
  if (typeof flag === 'string') return resolve(cwd, flag);
  const value = env.HEAPTRAIL_CACHE;
  return value ? resolve(cwd, value) : undefined;
}

/** $XDG_CACHE_HOME/heaptrail (when absolute, as the XDG spec asks), else ~/.cache/heaptrail. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.cache'), 'heaptrail');
}

/** The loader's `cache` option for these arguments (none when off); notes go to stderr unless quiet. */
export function cacheSetting(args: CacheArgs, io: CliIo, quiet: boolean): { cache?: GraphCache } {
  const dir = cacheDir(args.cache, io.env, io.cwd);
  if (dir === undefined) return {};
  const onNote = (message: string) => {
    if (!quiet) io.stderr.write(`heaptrail: note: ${message}\n`);
  };
  return { cache: new GraphCache({ dir, onNote }) };
}
