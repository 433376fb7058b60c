// The memory estimate of a snapshot file from its header alone, before it is read: what
// readSnapshot's preflight would compute, for a caller that reads several files and
// should refuse the series before the first one, not minutes in.

import type { WorkBytes } from './memory-estimate.js';
import { PreflightError } from './preflight-error.js';
import { readSnapshot } from './read-snapshot.js';

/** Small reads: the header is in the first few kilobytes (gzip's too, once inflated). */
const HEADER_READ_BYTES = 64 * 1024;

/**
 * Peak bytes to read `path` and do `work` on it, as readSnapshot's preflight counts them.
 * Reads only as far as the header: the preflight's refusal of a zero limit ends the read
 * there, before any column is allocated. A file that is not a snapshot rejects with the
 * error a read would give.
 */
export async function estimateSnapshotFile(path: string, work: WorkBytes, sourceName?: string): Promise<number> {
  try {
    await readSnapshot(path, { maxMemoryBytes: 0, workBytes: work, edgeSplit: false, chunkSize: HEADER_READ_BYTES, ...(sourceName !== undefined ? { sourceName } : {}) });
  } catch (e) {
    if (e instanceof PreflightError) return e.needed;
    throw e;
  }
  // Every estimate is above zero (the runtime's own bytes), so the read cannot get here.
  throw new Error(`${sourceName ?? path}: read past its header with a zero memory limit`);
}
