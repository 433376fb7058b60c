// `--cache [DIR]` and HEAPTRAIL_CACHE: where parsed and analysed snapshots are kept
// between runs (graph's GraphCache). Off unless asked for; a bare `--cache` means
// $XDG_CACHE_HOME/heaptrail, else ~/.cache/heaptrail. A cache that cannot be written
// costs one note on stderr, never the command.

import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { GraphCache } from '@heaptrail/graph';
import type { CliIo } from './io.js';
import { envByteSize } from './byte-size.js';

export const CACHE = {
  type: 'string',
  defaultDescription: '$HEAPTRAIL_CACHE, else off',
  describe:
    'Keep parsed and analysed snapshots in DIR (bare --cache: ~/.cache/heaptrail) and read them back next time instead of parsing; --no-cache ignores $HEAPTRAIL_CACHE',
} as const;

/**
 * The command line with a bare `--cache` told apart from `--cache DIR`: the word after
 * `--cache` that names a file (or is stdin, `stdin`) is the command's input, not the
 * cache directory, which is a directory or not there yet. Without this, `diff --cache
 * s1 s2 s3` would keep s1's name as the cache and diff only s2 and s3. Such a `--cache`
 * becomes `--cache=`, the bare flag.
 */
export function bareCacheBeforeInput(args: readonly string[], cwd: string, stdin: string, isFile: (path: string) => boolean = fileExists): string[] {
  const out = [...args];
  for (let i = 0; i + 1 < out.length; i++) {
    if (out[i] === '--') break;
    if (out[i] !== '--cache') continue;
    const next = out[i + 1]!;
    if (next === stdin || (!next.startsWith('-') && isFile(resolve(cwd, next)))) out[i] = '--cache=';
  }
  return out;
}

function fileExists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

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
  // A bad size is a usage error like any flag's, before anything is read.
  const maxBytes = envByteSize(io.env, 'HEAPTRAIL_CACHE_MAX');
  return { cache: new GraphCache({ dir, onNote, ...(maxBytes !== undefined ? { maxBytes } : {}) }) };
}
