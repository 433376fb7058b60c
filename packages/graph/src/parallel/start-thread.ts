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
  /** Smallest snapshot, in nodes, given a worker (default 1,000,000 nodes, about a 70 MB file). */
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

// On from a million nodes (a file of about 70 MB). Measured on a quiet 2-core machine
// (load about 1), `heaptrail summary`, alternating runs: the 1 GB snapshot's median wall
// time 11.6 s against 12.9 s one-threaded (5 pairs, 4 of them 14-15 % faster, one even),
// the 200 MB one 2.44 s against 2.55 s (3 pairs); peak RSS the same on 1 GB, 7 MB more on
// 200 MB (the worker's isolate). Below that size the isolate's start costs what it saves.
const DEFAULT_MIN_NODES = 1_000_000;
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
