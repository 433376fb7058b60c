// Options several commands share, and the checks of option values. Values are
// checked by yargs `coerce`, so a bad one is refused before any work, with one
// line naming the option.

import type { Argv } from 'yargs';
import { availableMemoryBytes } from '@heaptrail/parser';
import { CACHE } from './cache-option.js';
import { byteSize, envByteSize } from './byte-size.js';
import { UsageError } from './errors.js';

/** `--quiet`: no progress line, and no hints, on stderr. */
export const QUIET = { alias: 'q', type: 'boolean', default: false, describe: 'No progress line or hints' } as const;

const SNAPSHOT_POSITIONAL = { type: 'string', demandOption: true, describe: 'A .heapsnapshot or .heapsnapshot.gz file ("-" for stdin)' } as const;

/** The one snapshot of a single-snapshot command, `--quiet` and the options of reading it. */
export function snapshotInput<T>(y: Argv<T>) {
  return y.positional('snapshot', SNAPSHOT_POSITIONAL).option('quiet', QUIET).options(READ_OPTIONS);
}

export const THREADS = {
  type: 'number',
  defaultDescription: '$HEAPTRAIL_THREADS or 2',
  describe: 'Threads to use: 2 parses a large file\'s edges from both ends and reads a series ahead on a worker thread; 1 keeps everything on the main thread (less memory)',
  coerce: (v: unknown) => wholeNumber('--threads', v, 1),
} as const;

export const MAX_MEMORY = {
  type: 'string',
  defaultDescription: '$HEAPTRAIL_MAX_MEMORY, or the memory of the machine (or its cgroup)',
  describe: 'Refuse, before reading on, a snapshot whose header says it needs more memory than SIZE (like 8G, 512M)',
  coerce: (v: unknown) => byteSize('--max-memory', v),
} as const;

/** The options of reading snapshots, shared by every command that reads them. */
export const READ_OPTIONS = { threads: THREADS, 'max-memory': MAX_MEMORY, cache: CACHE } as const;

export interface ReadArgs {
  readonly threads: number | undefined;
  readonly maxMemory: number | undefined;
}

/** What READ_OPTIONS (with their variables) ask of the loader. */
export function readSettings(args: ReadArgs, env: Readonly<Record<string, string | undefined>>) {
  return { threads: threadCount(args.threads, env), maxMemoryBytes: memoryLimit(args.maxMemory, env) };
}

/** `--max-memory`, else `HEAPTRAIL_MAX_MEMORY`, capped by the memory there is. */
export function memoryLimit(flag: number | undefined, env: Readonly<Record<string, string | undefined>>, available = availableMemoryBytes()): number {
  const asked = flag ?? envByteSize(env, 'HEAPTRAIL_MAX_MEMORY');
  return asked === undefined ? available : Math.min(asked, available);
}

/**
 * `--format` and its shorthand `--json`, accepted by every command that prints a
 * report. `--json` with a different `--format` is a contradiction, refused.
 */
export function formatOptions<T, F extends string>(y: Argv<T>, formats: readonly F[]) {
  return y
    .option('format', { choices: formats, default: 'text' as F, describe: 'Output format' })
    .option('json', { type: 'boolean', default: false, describe: 'Same as --format json' })
    .check((a) => {
      if (a.json && a.format !== 'text' && a.format !== 'json') throw new UsageError(`--json and --format ${String(a.format)} contradict each other`);
      return true;
    });
}

/** The format asked for, with `--json` folded in. */
export function formatOf<F extends string>(args: { readonly format: F; readonly json: boolean }): F | 'json' {
  return args.json ? 'json' : args.format;
}

/** `--threads`, else `HEAPTRAIL_THREADS`, else 2; the variable is held to the option's rule. */
export function threadCount(flag: number | undefined, env: Readonly<Record<string, string | undefined>>): number {
  if (flag !== undefined) return flag;
  const value = env.HEAPTRAIL_THREADS;
  if (value === undefined || value === '') return 2;
  const n = Number(value);
  if (!(Number.isInteger(n) && n >= 1)) throw new UsageError(`HEAPTRAIL_THREADS must be a whole number ≥ 1, got ${JSON.stringify(value)}`);
  return n;
}

/** A whole number ≥ `min`. */
export function wholeNumber(flag: string, v: unknown, min = 0): number {
  const n = Number(v);
  if (typeof v === 'boolean' || v === '' || !(Number.isInteger(n) && n >= min)) throw new UsageError(`${flag} must be a whole number ≥ ${min}, got ${String(v)}`);
  return n;
}

/** A number ≥ 0 (`1e6` and `0.02` welcome). */
export function nonNegative(flag: string, v: unknown): number {
  const n = Number(v);
  if (typeof v === 'boolean' || v === '' || !(Number.isFinite(n) && n >= 0)) throw new UsageError(`${flag} must be a number ≥ 0, got ${String(v)}`);
  return n;
}

/** A share between 0 and 1, as a decimal (`0.5`) or a fraction (`2/3`). */
export function share(flag: string, v: unknown): number {
  const text = String(v).trim();
  const fraction = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(text);
  const n = fraction ? Number(fraction[1]) / Number(fraction[2]) : text === '' ? NaN : Number(text);
  if (!(Number.isFinite(n) && n >= 0 && n <= 1)) throw new UsageError(`${flag} is a share of the intervals, between 0 and 1 (like 0.5 or 2/3), got ${String(v)}`);
  return n;
}
