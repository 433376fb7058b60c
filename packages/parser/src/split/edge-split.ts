// The main thread's side of a two-thread parse (plain files only). Once the header
// is read, it finds where the edges section ends, allocates the edge columns in
// shared memory and starts the tail thread (edge-tail.ts), then gates its own file
// reads (claims.ts). Where the two meet, it checks the forward scanner stopped at a
// record boundary inside `edges` with exactly edge_count − (tail records) edges,
// and jumps to the `]`; if anything disagrees, it parses the tail itself, so the
// result and every error are those of the one-thread parse.

import { closeSync, openSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ReadGate } from '../byte-chunks.js';
import type { EdgeColumns } from '../types.js';
import { workerScriptExists } from '../worker/script-exists.js';
import { SplitClaims, type TailOutcome } from './claims.js';
import { parseEdgeTail, type TailRequest } from './edge-tail.js';
import { findEdgesEnd } from './find-edges-end.js';

export interface EdgeSplitOptions {
  /**
   * `worker` (default): a second thread. For tests, the tail is parsed at once on this
   * thread: `in-thread` publishes that at once; `in-thread-live` only when the main
   * thread first has to wait, so its reads meet the tail's claim as they do with a
   * worker, and then writes the tail's records again, as a worker's may land late.
   */
  readonly mode?: SplitMode;
  /** Smallest file split (default 64 MiB: below it, starting a thread costs more than it saves). */
  readonly minBytes?: number;
  /** Tail block size (default 64 KiB); tests use tiny blocks. */
  readonly blockSize?: number;
  /** The tail stops here at the latest, as if the main thread had claimed the bytes before it (tests). */
  readonly meetAt?: number;
}

export interface SplitShape {
  readonly edgeCount: number;
  readonly edgeTypeCount: number;
  readonly nodeCount: number;
  readonly nodeFieldCount: number;
}

export type SplitMode = 'worker' | 'in-thread' | 'in-thread-live';

/** Joins the tail: true when the forward scan is where it must be (see the file comment). */
export type JoinTail = (records: number, resumeAt: number) => boolean;

const DEFAULT_MIN_BYTES = 64 * 1024 * 1024;
/** How far from the end the edges' end is looked for: past the strings section, never the whole file. */
const SEARCH_LIMIT = 128 * 1024 * 1024;
const ENTRY = new URL('./tail-worker.js', import.meta.url);

/** Whether the worker script is there (not when running from the TypeScript sources). */
export function canSplitInWorker(): boolean {
  return workerScriptExists(ENTRY);
}

export class EdgeSplit implements ReadGate {
  private settled = false;
  private joined = false;
  private outcome: TailOutcome | undefined;
  private worker: Worker | undefined;
  private unpublished: TailOutcome | undefined;
  private lateWrites: (() => void) | undefined;
  private readonly finished: Promise<void>;

  private constructor(
    readonly columns: EdgeColumns,
    private readonly claims: SplitClaims,
    private readonly end: number,
    private readonly join: JoinTail,
    request: TailRequest,
    mode: SplitMode,
  ) {
    if (mode !== 'worker') {
      const outcome = parseEdgeTail(request, mode === 'in-thread');
      if (mode === 'in-thread-live') {
        this.unpublished = outcome;
        // A worker's writes can land after the main thread's: they are written again when published.
        const from = request.edgeCount - outcome.records;
        const c = columns;
        const late = [c.type.slice(from), c.nameOrIndex.slice(from), c.toNode.slice(from)] as const;
        this.lateWrites = () => {
          c.type.set(late[0], from);
          c.nameOrIndex.set(late[1], from);
          c.toNode.set(late[2], from);
        };
      }
      this.finished = Promise.resolve();
      return;
    }
    const worker = (this.worker = new Worker(ENTRY, { workerData: request }));
    this.finished = new Promise<void>((resolve) => {
      worker.once('message', (outcome: TailOutcome) => {
        this.outcome = outcome;
        resolve();
      });
      // A failed or vanished worker took nothing: the main thread parses it all.
      worker.once('error', () => resolve());
      worker.once('exit', () => resolve());
    });
  }

  /**
   * Starts a split for the file at `path` (`size` bytes), of which the main thread
   * has read or asked for the first `claimed`, or returns undefined when
   * it is too small, the edges' end is not where V8 puts it, or no worker can run.
   */
  static start(path: string, size: number, shape: SplitShape, join: JoinTail, claimed: number, options: EdgeSplitOptions = {}): EdgeSplit | undefined {
    const mode = options.mode ?? 'worker';
    if (size < (options.minBytes ?? DEFAULT_MIN_BYTES) || shape.edgeCount === 0 || shape.nodeFieldCount === 3) return undefined;
    if (mode === 'worker' && !canSplitInWorker()) return undefined;
    const fd = openSync(path, 'r');
    let end: number;
    try {
      end = findEdgesEnd(fd, size, SEARCH_LIMIT);
    } finally {
      closeSync(fd);
    }
    if (end < 0) return undefined;
    const n = shape.edgeCount;
    const columns: EdgeColumns = {
      type: new Uint8Array(new SharedArrayBuffer(n)),
      nameOrIndex: new Uint32Array(new SharedArrayBuffer(4 * n)),
      toNode: new Uint32Array(new SharedArrayBuffer(4 * n)),
    };
    const claims = SplitClaims.create(end, Math.min(end, Math.max(claimed, options.meetAt ?? 0)));
    const request: TailRequest = {
      path,
      end,
      edgeCount: n,
      edgeTypeCount: shape.edgeTypeCount,
      nodeFieldCount: shape.nodeFieldCount,
      nodeCount: shape.nodeCount,
      ...columns,
      claims: claims.buffer,
      ...(options.blockSize !== undefined ? { blockSize: options.blockSize } : {}),
    };
    try {
      return new EdgeSplit(columns, claims, end, join, request, mode);
    } catch (e) {
      // No thread to be had (resource limits): one thread does it all, as for small files.
      if (mode === 'worker') return undefined;
      throw e;
    }
  }

  grant(position: number, want: number): number {
    if (this.settled) return want;
    if (!this.claims.done) return this.claims.claimForward(position, want);
    const outcome = this.outcome ?? this.claims.outcome();
    if (outcome.records === 0) {
      this.settled = true;
      return want;
    }
    // Up to the tail's lowest record: the forward scan then stands after its separator.
    return Math.max(0, Math.min(want, outcome.low - position));
  }

  async resume(position: number): Promise<number> {
    if (this.unpublished) {
      this.lateWrites?.();
      this.claims.finish(this.unpublished);
      this.unpublished = undefined;
    }
    await this.finished;
    if (this.settled) return position;
    const outcome = this.outcome ?? (this.claims.done ? this.claims.outcome() : { low: this.end, records: 0 });
    this.outcome = outcome;
    if (outcome.records === 0) {
      this.settled = true;
      return position;
    }
    if (position < outcome.low) return position;
    this.settled = true;
    this.joined = position === outcome.low && this.join(outcome.records, this.end);
    return this.joined ? this.end : position;
  }

  /**
   * Whether the edge columns hold only the main thread's writes and, if joined, the
   * tail's: false when the tail wrote records it was not joined with (the `]` it took
   * for the end of `edges` was not, and both may have written the same ordinals), and
   * then the file must be read again on one thread. Waits for the tail to finish.
   */
  async trusted(): Promise<boolean> {
    if (this.joined) return true;
    if (this.unpublished) return this.unpublished.records === 0;
    await this.finished;
    return this.claims.done && this.claims.outcome().records === 0;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}
