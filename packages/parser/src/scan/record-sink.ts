import { SnapshotFormatError } from '../errors.js';

/**
 * Receives the numbers of one flat array section in batches of whole records
 * (a node, an edge, or one number). Batching keeps the scanner's hot loop free
 * of calls whose target changes from section to section.
 */
export abstract class RecordSink {
  constructor(
    readonly source: string,
    /** Numbers per record. */
    readonly fields: number,
  ) {}

  /**
   * `batch` holds `records` × `fields` numbers; `ends[r]` is the byte offset just
   * after record r's last number (for error messages).
   */
  abstract accept(batch: Float64Array, records: number, ends: Float64Array): void;

  /** The section's `]` was read at `offset`, `partial` numbers into an unfinished record. */
  abstract close(partial: number, offset: number): void;

  /**
   * Optional fast path: whole records parsed straight from `buf[i]` (the first digit
   * of a record; `buf[len]` holds the sentinel). Returns where it stopped: at the first
   * digit of a record it left to the scanner, or, with `directAfterValue` set, just
   * after a record's last number. Sinks without one return `i`.
   */
  scanDirect(_buf: Uint8Array, i: number, _len: number): number {
    return i;
  }

  /** Set by scanDirect(): it stopped after a number rather than before a record. */
  directAfterValue = false;

  protected fail(offset: number, reason: string): never {
    throw new SnapshotFormatError(this.source, offset, reason);
  }
}
