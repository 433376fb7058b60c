// Where the tail parse runs. By default on a worker thread (tail-worker.ts); callers
// may inject another TailStarter, which tests use to run it on the calling thread at
// a chosen meeting point, or to let its outcome land late as a worker's may.

import { Worker } from 'node:worker_threads';
import { workerScriptExists } from '../worker/script-exists.js';
import type { TailRequest } from './edge-tail.js';

/** A running tail parse. */
export interface TailThread {
  /**
   * Resolves once the tail has stopped: its outcome is then in the claims, unless it
   * failed before publishing one. Called when the main thread has to wait for the tail.
   */
  stopped(): Promise<void>;
  /** Stops the tail if it still runs. */
  close(): Promise<void>;
}

/** Starts the tail parse of `request` (its columns and claims are shared with the caller). */
export type TailStarter = (request: TailRequest) => TailThread;

const ENTRY = new URL('./tail-worker.js', import.meta.url);

/** Whether the worker script is there (not when running from the TypeScript sources). */
export function canSplitInWorker(): boolean {
  return workerScriptExists(ENTRY);
}

/** The default TailStarter: a worker thread. Throws when no thread can be had. */
export function startTailWorker(request: TailRequest): TailThread {
  let worker: Worker | undefined = new Worker(ENTRY, { workerData: request });
  const w = worker;
  // A failed or vanished worker took nothing: the main thread parses it all.
  const stopped = new Promise<void>((resolve) => {
    w.once('message', () => resolve());
    w.once('error', () => resolve());
    w.once('exit', () => resolve());
  });
  return {
    stopped: () => stopped,
    close: async () => {
      const running = worker;
      worker = undefined;
      if (running) await running.terminate();
    },
  };
}
