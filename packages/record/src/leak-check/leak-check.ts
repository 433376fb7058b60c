// leakCheck(): is `fn` leaking? Runs it in this process, `iterations` times
// between snapshots, and diffs the snapshots as `heaptrail diff` would.
//
// Snapshots come from node:inspector in this very process, after a forced GC
// (HeapProfiler.collectGarbage: no --expose-gc needed). V8 hands the chunks over
// synchronously while it writes the snapshot, so they cannot be parsed on this
// thread as they come; they are posted to a worker thread that parses them
// meanwhile, without a file. The parser, the graphs and the diff's digests live
// in that worker's own heap, never in the heap being measured: what heaptrail
// leaves on this thread (the session, the worker handle) is made before the
// first snapshot and the same in every one, so it cannot grow.

import { Session } from 'node:inspector/promises';
import type { DiffResult } from '@heaptrail/diff';
import { startCaptureThread } from './capture-thread.js';
import type { FromWorker, ToWorker } from './messages.js';
import { LEAK_CHECK_DEFAULTS, type LeakCheckOptions } from './options.js';

export type LeakCheckFunction = (iteration: number) => unknown;

export function leakCheck(fn: LeakCheckFunction, options: LeakCheckOptions = {}): Promise<DiffResult> {
  return leakCheckWithClasses(fn, options, false).then((r) => r.result);
}

/** leakCheck, optionally with the names of every class in the last snapshot (how tests see what it held). */
export async function leakCheckWithClasses(
  fn: LeakCheckFunction,
  options: LeakCheckOptions,
  classNames: boolean,
): Promise<{ result: DiffResult; classNames?: readonly string[] }> {
  const { iterations, snapshots, warmup, diff } = checkOptions(options);
  const worker = startCaptureThread({ count: snapshots, diff, classNames });
  const answer = new Promise<{ result: DiffResult; classNames?: readonly string[] }>((resolve, reject) => {
    worker.once('message', (m: FromWorker) =>
      m.kind === 'result' ? resolve(m.classNames ? { result: m.result, classNames: m.classNames } : { result: m.result }) : reject(new Error(`leakCheck: ${m.message}`)),
    );
    worker.once('error', (e) => reject(new Error(`leakCheck: the snapshot thread failed: ${e.message}`)));
    worker.once('exit', (code) => reject(new Error(`leakCheck: the snapshot thread exited (code ${code})`)));
  });
  answer.catch(() => undefined);
  const session = new Session();
  session.connect();
  let index = 0;
  const send = (message: ToWorker): void => worker.postMessage(message);
  session.on('HeapProfiler.addHeapSnapshotChunk', (m) => send({ kind: 'chunk', index, chunk: m.params.chunk }));
  let call = 0;
  const exercise = async (): Promise<void> => {
    for (let k = 0; k < iterations; k++) await fn(call++);
  };
  try {
    await session.post('HeapProfiler.enable');
    for (let w = 0; w < warmup; w++) await exercise();
    for (index = 0; index < snapshots; index++) {
      if (index > 0) await exercise();
      await session.post('HeapProfiler.collectGarbage');
      await session.post('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      send({ kind: 'end', index });
    }
    return await answer;
  } finally {
    session.disconnect();
    await worker.terminate();
  }
}

function checkOptions(options: LeakCheckOptions) {
  const { iterations = LEAK_CHECK_DEFAULTS.iterations, snapshots = LEAK_CHECK_DEFAULTS.snapshots, warmup = LEAK_CHECK_DEFAULTS.warmup, ...rest } =
    options as LeakCheckOptions & { ignore?: unknown; onProgress?: unknown };
  const whole = (name: string, value: number, min: number): void => {
    if (!(Number.isInteger(value) && value >= min)) throw new RangeError(`leakCheck: ${name} must be a whole number ≥ ${min}, got ${value}`);
  };
  whole('iterations', iterations, 1);
  whole('snapshots', snapshots, 2);
  whole('warmup', warmup, 0);
  // Callbacks cannot cross to the worker; `ignore` is assertNoLeak's.
  const { ignore: _ignore, onProgress: _progress, ...diff } = rest;
  return { iterations, snapshots, warmup, diff };
}
