// `heaptrail record` as a library call: connect to the target, take the series
// (each snapshot parsed and reduced while it streams, as the diff reduces a file),
// end what we started, and hand back the same DiffResult `heaptrail diff` makes.
//
// Each snapshot is analysed and added to the diff (SeriesDiff) before the next
// is taken, and only the last one's graph is kept, so at most one analysed graph
// is alive at a time: recording needs the memory of diffing the files.

import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { isSnapshotFileName, SeriesDiff, type DiffOptions, type DiffResult } from '@heaptrail/diff';
import { analyze, type AnalyzePhase, type HeapGraph } from '@heaptrail/graph';
import { takeSnapshot } from './capture/take-snapshot.js';
import { snapshotFileName } from './capture/snapshot-file.js';
import { createTriggers } from './capture/triggers.js';
import { connect, type Connection } from './connect.js';
import { RECORD_DEFAULTS } from './defaults.js';
import { RecordError, isRecordError } from './errors.js';
import { describeExit, tail } from './launch/child.js';
import type { RecordTarget } from './target.js';

export interface RecordOptions {
  readonly target: RecordTarget;
  /** Against which a relative outDir is resolved (default: process.cwd()). */
  readonly cwd?: string;
  /** Snapshots to take (default 4, at least 2). */
  readonly count?: number;
  /** Clock between snapshots (default 10 s); off when only on-demand triggers are given. */
  readonly intervalMs?: number;
  /** Wait before the first clocked snapshot (default 2 s). */
  readonly warmupMs?: number;
  /** Keep the clock running alongside --on-signal/--on-line (default: only when those are absent). */
  readonly clock?: boolean;
  readonly onSignal?: boolean;
  /** Each line of this stream takes the next snapshot (--on-line). */
  readonly lines?: Readable;
  /** Longest wait for the inspector, and for one snapshot (default 120 s). */
  readonly timeoutMs?: number;
  /** Keep the snapshots here, gzipped. */
  readonly outDir?: string;
  /** Between SIGTERM and SIGKILL when ending a started program (default 5 s). */
  readonly graceMs?: number;
  readonly keepAlive?: boolean;
  readonly diff?: DiffOptions;
  /** Aborting (Ctrl-C) stops the recording: complete files are kept, the partial one removed. */
  readonly signal?: AbortSignal;
  /** Where a started program's stderr is passed through. */
  readonly output: { write(text: string): unknown };
  readonly onProgress?: (event: RecordProgress) => void;
}

export type RecordProgress =
  | { readonly kind: 'connected'; readonly name: string }
  | { readonly kind: 'waiting'; readonly index: number; readonly count: number }
  | { readonly kind: 'streaming'; readonly index: number; readonly count: number; readonly bytes: number }
  | {
      readonly kind: 'taken';
      readonly index: number;
      readonly count: number;
      readonly bytes: number;
      /** From the GC request to the snapshot's last byte: about how long the target stood still. */
      readonly pauseMs: number;
      readonly file?: string;
    }
  | { readonly kind: 'analyzing'; readonly index: number; readonly count: number; readonly phase: AnalyzePhase; readonly done: number; readonly total: number };

export interface RecordOutcome {
  readonly result: DiffResult;
  /** Files written with outDir, in order. */
  readonly files: readonly string[];
  /** Target pause per snapshot, milliseconds. */
  readonly pausesMs: readonly number[];
}

export async function record(options: RecordOptions): Promise<RecordOutcome> {
  const count = options.count ?? RECORD_DEFAULTS.count;
  if (!(Number.isInteger(count) && count >= 2)) throw new RecordError(`--count must be a whole number ≥ 2, got ${count}`);
  const timeoutMs = options.timeoutMs ?? RECORD_DEFAULTS.timeoutMs;
  const onDemand = options.onSignal === true || options.lines !== undefined;
  const outDir = options.outDir;
  if (outDir !== undefined) await prepareOutDir(outDir, options.cwd ?? process.cwd());
  const progress = options.onProgress ?? (() => undefined);
  if (options.signal?.aborted) throw interrupted(0, outDir);

  const triggers = createTriggers({
    ...((options.clock ?? !onDemand)
      ? { clock: { warmupMs: options.warmupMs ?? RECORD_DEFAULTS.warmupMs, intervalMs: options.intervalMs ?? RECORD_DEFAULTS.intervalMs } }
      : {}),
    ...(options.onSignal ? { onSignal: true } : {}),
    ...(options.lines ? { lines: options.lines } : {}),
  });
  const names = Array.from({ length: count }, (_, i) => (outDir !== undefined ? join(outDir, snapshotFileName(i)) : `snapshot ${i + 1}`));
  const files: string[] = [];
  const pausesMs: number[] = [];
  let connection: Connection | undefined;
  // Where the series stood when something failed: for the one-line message.
  const state = { index: -1, taking: false };
  try {
    connection = await abortable(connect(options.target, { timeoutMs, output: options.output }), options.signal, () => interrupted(0, outDir));
    const { client, child } = connection;
    progress({ kind: 'connected', name: connection.name });
    await client.send('HeapProfiler.enable');
    const lost = new Promise<never>((_, reject) => {
      client.onClose(reject);
      void child?.finished.then(() => reject(new RecordError(`${connection!.name} finished its work before the series was complete`)));
    });
    lost.catch(() => undefined);

    const load = async (index: number): Promise<HeapGraph> => {
      const name = names[index]!;
      state.index = index;
      progress({ kind: 'waiting', index, count });
      await abortable(Promise.race([triggers.next(index), lost]), options.signal, () => interrupted(index, outDir));
      state.taking = true;
      const started = performance.now();
      let bytes = 0;
      const snapshot = await takeSnapshot(client, {
        label: `snapshot ${index + 1}`,
        timeoutMs,
        ...(outDir !== undefined ? { outFile: resolve(options.cwd ?? process.cwd(), name) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        onBytes: (b) => {
          bytes = b;
          progress({ kind: 'streaming', index, count, bytes });
        },
      });
      state.taking = false;
      const pauseMs = performance.now() - started;
      pausesMs.push(pauseMs);
      if (outDir !== undefined) files.push(name);
      progress({ kind: 'taken', index, count, bytes, pauseMs, ...(outDir !== undefined ? { file: name } : {}) });
      if (index === count - 1) {
        // The series is complete: free the target (and this machine) before the analysis.
        triggers.close();
        client.close();
        if (child && !options.keepAlive) await child.stop(options.graceMs ?? RECORD_DEFAULTS.graceMs);
      }
      return analyze(snapshot, { onProgress: (phase, done, total) => progress({ kind: 'analyzing', index, count, phase, done, total }) });
    };
    const diff = new SeriesDiff(options.diff ?? {});
    for (let i = 0; i < count; i++) await addSnapshot(diff, load, i, names[i]!, i === count - 1);
    return { result: diff.finish(), files, pausesMs };
  } catch (e) {
    throw await explain(e, connection, state, count, options.signal, outDir, files.length);
  } finally {
    triggers.close();
    connection?.client.close();
    const child = connection?.child;
    if (child) {
      if (options.keepAlive && !child.exit) child.release();
      else await child.stop(options.graceMs ?? RECORD_DEFAULTS.graceMs);
    }
  }
}

/**
 * A function of its own so that no frame of record() holds snapshot i's graph
 * while snapshot i+1 is parsed (a suspended async frame can keep it alive).
 */
async function addSnapshot(diff: SeriesDiff, load: (index: number) => Promise<HeapGraph>, index: number, name: string, keep: boolean): Promise<void> {
  diff.add(await load(index), name, keep);
}

/** The one line for a failed recording: why the target went away, if it did. */
async function explain(
  e: unknown,
  connection: Connection | undefined,
  state: { readonly index: number; readonly taking: boolean },
  count: number,
  signal: AbortSignal | undefined,
  outDir: string | undefined,
  kept: number,
): Promise<unknown> {
  if (signal?.aborted) return interrupted(kept, outDir);
  const child = connection?.child;
  if (child && isRecordError(e)) {
    // A finished program exits once our session lets go of it.
    connection!.client.close();
    // The socket usually closes a moment before the exit is reported.
    const exit = child.exit ?? (await Promise.race([child.exited, new Promise<undefined>((r) => setTimeout(r, 1000, undefined))]));
    if (exit) {
      const when =
        state.taking ? `during snapshot ${state.index + 1} of ${count}` : state.index <= 0 ? 'before the first snapshot' : `after snapshot ${state.index} of ${count}`;
      return new RecordError(`the program ${describeExit(exit)} ${when}${tail(child.lastLines())}`);
    }
  }
  return e;
}

function interrupted(kept: number, outDir: string | undefined): RecordError {
  const files = outDir !== undefined ? `; kept ${kept} complete snapshot${kept === 1 ? '' : 's'} in ${outDir}` : '';
  return new RecordError(`interrupted before the series was complete${files}`);
}

/** Rejects with `onAbort()` as soon as `signal` aborts. */
function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
  if (!signal) return work;
  work.catch(() => undefined);
  return new Promise<T>((resolvePromise, reject) => {
    const abort = (): void => reject(onAbort());
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', abort);
        resolvePromise(v);
      },
      (err) => {
        signal.removeEventListener('abort', abort);
        reject(err);
      },
    );
  });
}

/** Creates DIR; refuses one that already holds snapshots, which would mix two series. */
async function prepareOutDir(dir: string, cwd: string): Promise<void> {
  const path = resolve(cwd, dir);
  await mkdir(path, { recursive: true });
  const present = (await readdir(path)).filter(isSnapshotFileName);
  if (present.length > 0) {
    throw new RecordError(`--out ${dir}: already holds ${present.length} snapshot${present.length === 1 ? '' : 's'}; give a new or empty directory`);
  }
}
