// readSnapshotInWorker(): readSnapshot on a worker thread, so a caller can parse
// the next file while it analyses the current one. The parsed arrays are moved
// to this thread, not copied. The worker is terminated as soon as it answers,
// fails, or the caller aborts: it never outlives the returned promise.

import { Worker } from 'node:worker_threads';
import type { ReadSnapshotOptions } from '../read-snapshot.js';
import type { HeapSnapshot } from '../types.js';
import { errorFromData, type ReadRequest, type WorkerReply } from './messages.js';
import { workerScriptExists } from './script-exists.js';
import { unpackSnapshot } from './transfer.js';

const ENTRY = new URL('./worker-entry.js', import.meta.url);

/**
 * Whether the worker script is there: true in the built package, false when this
 * module runs from its TypeScript sources (under vitest), where callers read in-thread.
 */
export function canReadInWorker(): boolean {
  return workerScriptExists(ENTRY);
}

export interface ReadInWorkerOptions extends ReadSnapshotOptions {
  /** Aborting terminates the worker and rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/**
 * Reads the file at `path` (a plain or gzip .heapsnapshot) on a worker thread. Same
 * result, progress and errors as `readSnapshot(path, options)`: a SnapshotFormatError
 * or PreflightError arrives as one, fs errors keep code/syscall/path, a crashed worker is a plain Error.
 * Needs the built package (the worker runs dist/worker/worker-entry.js).
 */
export function readSnapshotInWorker(path: string, options: ReadInWorkerOptions = {}): Promise<HeapSnapshot> {
  const { signal, onProgress } = options;
  return new Promise<HeapSnapshot>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const request: ReadRequest = {
      path,
      ...(options.sourceName !== undefined ? { sourceName: options.sourceName } : {}),
      ...(options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {}),
      ...(options.maxMemoryBytes !== undefined ? { maxMemoryBytes: options.maxMemoryBytes } : {}),
      ...(options.workBytes !== undefined ? { workBytes: options.workBytes } : {}),
      progress: onProgress !== undefined,
    };
    const worker = new Worker(ENTRY, { workerData: request });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      outcome();
    };
    const onAbort = (): void => settle(() => reject(signal!.reason));
    signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (reply: WorkerReply) => {
      if (settled) return;
      switch (reply.kind) {
        case 'progress':
          try {
            onProgress?.(reply.done, reply.total);
          } catch (e) {
            settle(() => reject(e));
          }
          return;
        case 'snapshot': {
          const snapshot = unpackSnapshot(reply.snapshot);
          settle(() => resolve(snapshot));
          return;
        }
        case 'error':
          settle(() => reject(errorFromData(reply.error)));
          return;
      }
    });
    worker.on('error', (e: unknown) =>
      settle(() => reject(new Error(`snapshot reader thread failed: ${e instanceof Error ? e.message : String(e)}`))),
    );
    worker.on('exit', (code) => settle(() => reject(new Error(`snapshot reader thread exited (code ${code}) before answering`))));
  });
}
