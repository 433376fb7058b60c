// The main thread's side of a two-thread parse (plain files only). Once the header
// is read, it finds where the edges section ends, allocates the edge columns in
// shared memory and starts the tail thread (edge-tail.ts), then gates its own file
// reads (claims.ts). Where the two meet, it checks the forward scanner stopped at a
// record boundary inside `edges` with exactly edge_count − (tail records) edges,
// and jumps to the `]`; if anything disagrees, it parses the tail itself, so the
// result and every error are those of the one-thread parse.

import { closeSync, openSync } from 'node:fs';
import type { ReadGate } from '../byte-chunks.js';
import type { EdgeColumns } from '../types.js';
import { SplitClaims } from './claims.js';
import type { TailRequest } from './edge-tail.js';
import { findEdgesEnd } from './find-edges-end.js';
import { canSplitInWorker, startTailWorker, type TailStarter, type TailThread } from './tail-thread.js';

export interface EdgeSplitOptions {
  /** Smallest file split (default 64 MiB: below it, starting a thread costs more than it saves). */
  readonly minBytes?: number;
  /** Tail block size (default 64 KiB); tests use tiny blocks. */
  readonly blockSize?: number;
  /** Runs the tail parse (default: on a worker thread). */
  readonly startTail?: TailStarter;
}

export interface SplitShape {
  readonly edgeCount: number;
  readonly edgeTypeCount: number;
  readonly nodeCount: number;
  readonly nodeFieldCount: number;
}

/** Joins the tail: true when the forward scan is where it must be (see the file comment). */
export type JoinTail = (records: number, resumeAt: number) => boolean;

const DEFAULT_MIN_BYTES = 64 * 1024 * 1024;
/**
 * How far from the end the edges' end is looked for: past the strings section, never the
 * whole file. V8's strings are about 13% of a snapshot (a 5 GB one: some 650 MB), so a
 * quarter of the file, and at least 128 MiB. Reading back costs about 0.5 s a GB (page cache).
 */
export function edgesEndSearchLimit(size: number): number {
  return Math.max(128 * 1024 * 1024, Math.ceil(size / 4));
}

export class EdgeSplit implements ReadGate {
  private settled = false;
  private joined = false;

  private constructor(
    readonly columns: EdgeColumns,
    private readonly claims: SplitClaims,
    private readonly end: number,
    private readonly join: JoinTail,
    private readonly tail: TailThread,
  ) {}

  /**
   * Starts a split for the file at `path` (`size` bytes), of which the main thread
   * has read or asked for the first `claimed`, or returns undefined when
   * it is too small, the edges' end is not where V8 puts it, or no worker can run.
   */
  static start(path: string, size: number, shape: SplitShape, join: JoinTail, claimed: number, options: EdgeSplitOptions = {}): EdgeSplit | undefined {
    const start = options.startTail;
    if (size < (options.minBytes ?? DEFAULT_MIN_BYTES) || shape.edgeCount === 0 || shape.nodeFieldCount === 3) return undefined;
    if (start === undefined && !canSplitInWorker()) return undefined;
    const fd = openSync(path, 'r');
    let end: number;
    try {
      end = findEdgesEnd(fd, size, edgesEndSearchLimit(size));
    } finally {
      closeSync(fd);
    }
    if (end < 0) return undefined;
    const n = shape.edgeCount;
    const columns = sharedEdgeColumns(n);
    const claims = SplitClaims.create(end, Math.min(end, claimed));
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
    let tail: TailThread;
    try {
      tail = (start ?? startTailWorker)(request);
    } catch (e) {
      // No thread to be had (resource limits): one thread does it all, as for small files.
      if (start === undefined) return undefined;
      throw e;
    }
    return new EdgeSplit(columns, claims, end, join, tail);
  }

  grant(position: number, want: number): number {
    if (this.settled) return want;
    if (!this.claims.done) return this.claims.claimForward(position, want);
    const outcome = this.claims.outcome();
    if (outcome.records === 0) {
      this.settled = true;
      return want;
    }
    // Up to the tail's lowest record: the forward scan then stands after its separator.
    return Math.max(0, Math.min(want, outcome.low - position));
  }

  async resume(position: number): Promise<number> {
    await this.tail.stopped();
    if (this.settled) return position;
    const outcome = this.claims.done ? this.claims.outcome() : { low: this.end, records: 0 };
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
    await this.tail.stopped();
    return this.claims.done && this.claims.outcome().records === 0;
  }

  close(): Promise<void> {
    return this.tail.close();
  }
}

/** Edge columns for `n` edges in shared memory, which another thread can write and read. */
export function sharedEdgeColumns(n: number): EdgeColumns {
  return {
    type: new Uint8Array(new SharedArrayBuffer(n)),
    nameOrIndex: new Uint32Array(new SharedArrayBuffer(4 * n)),
    toNode: new Uint32Array(new SharedArrayBuffer(4 * n)),
  };
}
