// Huge pages for the analysis' arrays, by running the command again with glibc told to ask
// for them.
//
// A large analysis writes each of its arrays once, into memory the kernel has never mapped,
// so the first touch of every 4 KiB page is a page fault. On a virtual machine a fault costs
// some 10 µs: 64 MB take 180 ms to fill the first time and 3 ms the second, and the 1 GB
// summary spent over 3 s of its 8.6 s in the kernel. With 2 MiB transparent huge pages there
// is one fault per 512 pages, and the random reads of the dominator pass miss the TLB less.
// Linux gives those pages only to memory that asks (`madvise`, the usual setting), Node has
// no way to ask, and glibc asks for every block it maps when `GLIBC_TUNABLES` holds
// `glibc.malloc.hugetlb=1`, which it reads once, at start. So a command on a large input
// starts a second heaptrail with that setting, waits for it and exits as it did: the 1 GB
// summary 8.0 → 6.4 s, the same peak RSS.
//
// Only where it pays: on Linux with glibc and `madvise` huge pages (`always` gives them
// already, `never` not at all), for inputs of 512 MiB or more, where the second start
// (about 0.1 s) is small against what it saves; for `diff` from 128 MiB, since its second
// process also holds the series' memory down (the mmap threshold below); and for `mcp`, a
// server that may be asked about snapshots of any size. Never for `record`, whose stop on
// Ctrl-C and `--on-line` dialogue should see one process, nor under a debugger
// (`--inspect`). HEAPTRAIL_HUGE_PAGES=0 turns it off; `always` runs the second process
// whatever the input and the system (tests).
//
// What a first touch costs depends on the host: on the day the second process came in,
// 64 MB took 180 ms to fill the first time; on a later host 34-43 ms, and there the 200 MB
// summary took 1.79 s in one process against 1.97 s in two (8 alternating runs), a 342 MB
// one 2.59 against 2.67 s, while the 1 GB one still gained (6.97 against 7.19 s). Hence
// 512 MiB for a single snapshot, not the 128 MiB first chosen.

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const TUNABLE = 'glibc.malloc.hugetlb';
// One malloc arena for every thread: with huge pages, the read-ahead and analysis workers'
// own arenas each kept what they freed resident (a 3 x 300 MB diff peaked at up to 1.09 GB
// instead of 0.90), and heaptrail's threads allocate few, large blocks, so they do not
// contend for it.
const ONE_ARENA = 'glibc.malloc.arena_max';
// For commands that read one snapshot after another (diff, mcp): a fixed threshold of 1 MiB
// from which a block gets its own mapping. glibc's default threshold rises each time a mapped
// block is freed, up to 32 MiB, so once a series' first snapshot is dropped the next one's
// per-node arrays (18 MiB at 4.5 M nodes) come from the heap, where what is freed stays
// resident: a 3 x 300 MB diff peaked at 0.87-1.01 GB, and 0.84 GB with the fixed threshold,
// as fast. A single snapshot frees little before its peak: there the fixed threshold only
// cost (the 1 GB summary's peak 1.30 -> 1.34 GB), so it is left out.
const MMAP_THRESHOLD = 'glibc.malloc.mmap_threshold';
const SERIES_MMAP_THRESHOLD = 1024 * 1024;
const READS_IN_TURN = new Set(['diff', 'mcp']);
const DEBUGGER = /(^|\s)--(inspect|debug)/;
/** Input size from which the second process pays for itself. */
export const MIN_INPUT_BYTES = 512 * 1024 * 1024;
/** The same for `diff`, whose second process also gets the series' mmap threshold. */
export const MIN_SERIES_INPUT_BYTES = 128 * 1024 * 1024;
// A gzipped snapshot inflates about 5 to 10 times: count it at the low end.
const GZIP_RATIO = 4;

/** What the decision reads of the system, passed in so tests can give any. */
export interface SystemProbe {
  readonly platform: NodeJS.Platform;
  /** Node's own flags for this process (`process.execArgv`), which the second process would get too. */
  readonly execArgv: readonly string[];
  /** The kernel's transparent huge page setting, e.g. "always [madvise] never"; undefined when unknown. */
  hugePageSetting(): string | undefined;
  /** Whether this process runs on glibc (musl ignores the tunable). */
  onGlibc(): boolean;
  /** A regular file's size in bytes; undefined for anything else (a flag, a directory, nothing). */
  fileBytes(path: string): number | undefined;
  /** A directory's entry names; undefined when `path` is not a directory. */
  listDirectory(path: string): readonly string[] | undefined;
}

export const systemProbe: SystemProbe = {
  platform: process.platform,
  execArgv: process.execArgv,
  hugePageSetting() {
    try {
      return readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8');
    } catch {
      return undefined;
    }
  },
  onGlibc() {
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: unknown } } | undefined;
    const header = report?.header;
    return typeof header?.glibcVersionRuntime === 'string';
  },
  fileBytes(path) {
    try {
      const s = statSync(path);
      return s.isFile() ? s.size : undefined;
    } catch {
      return undefined;
    }
  },
  listDirectory(path) {
    try {
      return readdirSync(path);
    } catch {
      return undefined;
    }
  },
};

/**
 * The environment to run the command again with, or undefined to run it here. `argv` is
 * the command line without node and the script.
 */
export function hugePagesEnv(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  probe: SystemProbe,
): Record<string, string | undefined> | undefined {
  const mode = env.HEAPTRAIL_HUGE_PAGES;
  if (mode === '0' || mode === 'off') return undefined;
  // Someone debugging this process: a second one would be the one to debug, and would
  // find the inspector's port taken.
  if (DEBUGGER.test(env.NODE_OPTIONS ?? '') || probe.execArgv.some((a) => DEBUGGER.test(a))) return undefined;
  const tunables = env.GLIBC_TUNABLES;
  // Set already: by the user, or by the process that started this one.
  if (tunables !== undefined && tunables.includes(TUNABLE)) return undefined;
  const command = argv.find((a) => !a.startsWith('-'));
  // What the user set is kept: only the tunables they did not name are added.
  const unset = (name: string) => tunables === undefined || !tunables.includes(name);
  const added = [`${TUNABLE}=1`];
  if (unset(ONE_ARENA)) added.push(`${ONE_ARENA}=1`);
  if (READS_IN_TURN.has(command ?? '') && unset(MMAP_THRESHOLD)) added.push(`${MMAP_THRESHOLD}=${SERIES_MMAP_THRESHOLD}`);
  const withTunable = { ...env, GLIBC_TUNABLES: [...(tunables ? [tunables] : []), ...added].join(':') };
  if (mode === 'always') return withTunable;
  if (probe.platform !== 'linux') return undefined;
  if (command === undefined || command === 'record') return undefined;
  const minimum = READS_IN_TURN.has(command) ? MIN_SERIES_INPUT_BYTES : MIN_INPUT_BYTES;
  if (command !== 'mcp' && inputBytes(argv, probe) < minimum) return undefined;
  if (!/\[madvise\]/.test(probe.hugePageSetting() ?? '')) return undefined;
  if (!probe.onGlibc()) return undefined;
  return withTunable;
}

// What `diff DIR` reads of a directory (the diff package's rule, not imported: it would load the diff).
const SNAPSHOT_NAME = /^[^.].*\.heapsnapshot(\.gz)?$/i;

/**
 * The bytes of the files named on the command line (a flag's value that is a file counts
 * too), and of the snapshots in a directory named there.
 */
function inputBytes(argv: readonly string[], probe: SystemProbe): number {
  let total = 0;
  const add = (path: string) => {
    const bytes = probe.fileBytes(path);
    if (bytes !== undefined) total += /\.gz$/i.test(path) ? GZIP_RATIO * bytes : bytes;
  };
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    const entries = probe.listDirectory(arg);
    if (entries === undefined) add(arg);
    else for (const name of entries) if (SNAPSHOT_NAME.test(name)) add(join(arg, name));
  }
  return total;
}

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs `node execArgv… args…` with `env`, its stdio this process's, and resolves to how
 * it ended: its exit code, or the signal that ended it; rejects when it cannot start.
 * Signals sent to this process are passed on, so that `kill` of either ends both.
 */
export function runAgain(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ code: number } | { signal: NodeJS.Signals }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, ...args], { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const signal of FORWARDED) process.on(signal, forward);
    const done = () => {
      for (const signal of FORWARDED) process.off(signal, forward);
    };
    child.on('error', (e) => {
      // Also emitted when passing a signal on fails; only a child that never started is a failure.
      if (child.pid !== undefined) return;
      done();
      reject(e);
    });
    child.on('exit', (code, signal) => {
      done();
      resolve(signal !== null ? { signal } : { code: code ?? 3 });
    });
  });
}
