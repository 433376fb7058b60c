// The tail thread's job: parse the edges section backwards from its closing `]`,
// block by block, claiming each block first (claims.ts), until it meets the main
// thread, reaches the section's start, or meets a record it leaves to the main
// thread. Runs on a worker (tail-worker.ts), or wherever an injected TailStarter runs it.

import { closeSync, openSync, readSync } from 'node:fs';
import { NEWLINE, SENTINEL } from '../scan/bytes.js';
import { SplitClaims, type TailOutcome } from './claims.js';
import { NEED_BYTES, scanEdgesBackward } from './edges-backward.js';

export interface TailRequest {
  readonly path: string;
  /** Offset of the `]` that closes the edges section. */
  readonly end: number;
  readonly edgeCount: number;
  readonly edgeTypeCount: number;
  readonly nodeFieldCount: number;
  readonly nodeCount: number;
  /** The edge columns, shared with the main thread (length edge_count). */
  readonly type: Uint8Array;
  readonly nameOrIndex: Uint32Array;
  readonly toNode: Uint32Array;
  readonly claims: SharedArrayBuffer;
  /** Bytes read per block (default 64 KiB). */
  readonly blockSize?: number;
}

/** Under glibc's initial mmap threshold (see find-edges-end.ts). */
const DEFAULT_BLOCK = 64 * 1024;
/** Longest record plus its separator, with room to spare: what a block may carry over. */
const CARRY = 64;

/** Parses the tail and publishes its outcome in the claims, even when reading failed (the main thread never waits for nothing). */
export function parseEdgeTail(request: TailRequest): TailOutcome {
  const claims = new SplitClaims(request.claims);
  let outcome: TailOutcome = { low: request.end, records: 0 };
  try {
    outcome = parseTail(request, claims);
  } finally {
    claims.finish(outcome);
  }
  return outcome;
}

/** Parses the tail into the columns, claiming each block first; publishes nothing. */
export function parseTail(request: TailRequest, claims: SplitClaims): TailOutcome {
  const { end, edgeCount } = request;
  const block = Math.max(1, Math.floor(request.blockSize ?? DEFAULT_BLOCK));
  const fd = openSync(request.path, 'r');
  try {
    // buf[0] is the sentinel that stops the digit loops; the bytes go from buf[1].
    const buf = new Uint8Array(block + CARRY + 2);
    const out = new Float64Array(3);
    const nodeIndexLimit = request.nodeCount * request.nodeFieldCount;
    let o = edgeCount;
    let low = end;
    // `q`: offset just after the next record's last digit. V8 ends the last record with a newline.
    let q = end > 0 && byteIs(fd, end - 1, NEWLINE) ? end - 1 : end;
    let claimed = end;
    for (;;) {
      // Claimed bytes not parsed yet: the part of a record the last block cut.
      const carried = q - claimed;
      if (carried > CARRY) break; // no record in range is that long: the main thread's to refuse
      const start = claims.claimBackward(Math.max(1, block - carried));
      if (start === claimed) break; // met the main thread
      claimed = start;
      const length = q - start;
      if (readFully(fd, buf, 1, length, start) < length) break;
      buf[0] = SENTINEL;
      buf[length + 1] = SENTINEL;
      const taken = o;
      const at = scanEdgesBackward(buf, q - start + 1, 1, request.type, request.nameOrIndex, request.toNode, o, request.edgeTypeCount, request.nodeFieldCount, nodeIndexLimit, out);
      o = out[0]!;
      if (o < taken) low = start + out[2]! - 1;
      q = start + at - 1;
      if (out[1] !== NEED_BYTES) break;
    }
    return { low, records: edgeCount - o };
  } finally {
    closeSync(fd);
  }
}

function byteIs(fd: number, offset: number, value: number): boolean {
  const one = new Uint8Array(1);
  return readSync(fd, one, 0, 1, offset) === 1 && one[0] === value;
}

function readFully(fd: number, buf: Uint8Array, at: number, length: number, position: number): number {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, at + done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}
