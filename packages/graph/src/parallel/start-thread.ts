// Whether an analysis gets a worker thread, and starting it. Only when the caller
// allows two threads, the snapshot is large enough for the gain to pass the start-up
// cost, and the parser put the edges in shared memory (its two-thread parse of a large
// plain file does): copying them would cost more memory than the worker saves time.

import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HeapSnapshot } from '@heaptrail/parser';
import type { AnalyzeOptions } from '../types.js';
import { newControl } from './control.js';
import type { WorkerJob, WorkerSetup } from './messages.js';

/** A started worker, seen from the main thread. */
export interface AnalysisThread extends StartedWorker {
  readonly setup: WorkerSetup;
  readonly options: AnalysisWorkerOptions;
}

export interface StartedWorker {
  /** Where the worker's replies arrive (read synchronously: this thread blocks while it waits). */
  readonly port: MessagePort;
  /** Sends the job. */
  post(job: WorkerJob): void;
  /** Ends the worker (it may still be starting) and the channel. */
  stop(): void;
}

/** Starts a worker on `setup`. Throwing means no thread: the analysis stays on one. */
export type AnalysisWorkerStarter = (setup: WorkerSetup) => StartedWorker;

export interface AnalysisWorkerOptions {
  /** Smallest snapshot, in nodes, given a worker (default: none is; 1,000,000 nodes is about a 70 MB file). */
  readonly minNodes?: number;
  /** Starts the worker (default: worker-entry.js on a worker thread); tests inject failures here. */
  readonly start?: AnalysisWorkerStarter;
  /**
   * Tests: wait for the worker to claim its job instead of taking it back when this
   * thread is ready first, so the worker's path is the one run (the worker must start).
   */
  readonly waitForClaim?: boolean;
  /** Told which thread ran the dominators (and the distances after them). */
  readonly onJob?: (thread: 'main' | 'worker') => void;
}

// Off unless asked for. On the shared 2-core bench machine (load 8 to 40) the 1 GB
// snapshot's analysis was faster in 5 of 5 paired runs, by 3 to 30 %, but one build's runs
// spread from 10 to 32 s; per-thread CPU puts the critical path at about 80 % of the
// one-thread analysis's. Peak RSS: 14 MiB more (31 MiB on a 200 MB file: the worker's
// isolate). To be measured on a quiet machine before it is on by default.
const DEFAULT_MIN_NODES = Number.POSITIVE_INFINITY;
const ENTRY = new URL('./worker-entry.js', import.meta.url);

/** Whether the worker script is there: not when this module runs from its TypeScript sources (vitest). */
export function canAnalyzeInWorker(): boolean {
  return ENTRY.protocol === 'file:' && existsSync(fileURLToPath(ENTRY));
}

const isShared = (a: Uint32Array) => a.buffer instanceof SharedArrayBuffer;

/** The worker for this analysis, or undefined: one thread does it all. */
export function startAnalysisThread(snapshot: HeapSnapshot, options: AnalyzeOptions): AnalysisThread | undefined {
  const w = options.worker ?? {};
  const n = snapshot.header.nodeCount;
  if ((options.threads ?? 2) < 2 || n === 0 || n < (w.minNodes ?? DEFAULT_MIN_NODES)) return undefined;
  const { firstEdge } = snapshot;
  const { toNode } = snapshot.edges;
  if (!isShared(firstEdge) || !isShared(toNode)) return undefined;
  if (w.start === undefined && !canAnalyzeInWorker()) return undefined;
  const setup: WorkerSetup = { nodeCount: n, firstEdge, toNode, control: newControl() };
  try {
    const started = (w.start ?? startWorker)(setup);
    return { port: started.port, post: (job) => started.post(job), stop: () => started.stop(), setup, options: w };
  } catch {
    return undefined;
  }
}

/**
 * The default starter: worker-entry.js, unref'd so it never holds the process open. The
 * job goes by the worker's own channel, the replies by a port of their own, which this
 * thread can read without its event loop (receiveMessageOnPort).
 */
function startWorker(setup: WorkerSetup): StartedWorker {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(ENTRY, { workerData: { ...setup, port: port2 }, transferList: [port2], execArgv: [] });
  worker.unref();
  // A worker that fails to start never claims its job, which the main thread then takes back.
  worker.on('error', () => undefined);
  return {
    port: port1,
    post: (job) => worker.postMessage(job),
    stop() {
      port1.close();
      void worker.terminate();
    },
  };
}
