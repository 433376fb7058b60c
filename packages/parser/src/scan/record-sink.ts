import { SnapshotFormatError } from '../errors.js';

/**
 * Receives the numbers of one flat array section, one record (a node, an edge,
 * one number) at a time. The scanner fills `rec` and calls `record()` when it
 * holds `fields` numbers; `close()` runs at the section's `]`.
 */
export abstract class RecordSink {
  readonly rec: Float64Array;
  constructor(
    readonly source: string,
    /** Numbers per record. */
    readonly fields: number,
  ) {
    this.rec = new Float64Array(fields);
  }

  /** `rec` is full. `offset` is the byte just after the record's last number. */
  abstract record(offset: number): void;

  /** The section's `]` was read at `offset`, `partial` numbers into an unfinished record. */
  abstract close(partial: number, offset: number): void;

  protected fail(offset: number, reason: string): never {
    throw new SnapshotFormatError(this.source, offset, reason);
  }
}
