// Reads a small flat number section for redaction (`trace_function_infos`,
// `samples`, `locations`, Chromium's `scope_context_vars`) with FlatSink's checks,
// keeping nothing but the string indexes some of its fields hold: a trace
// function's name and script name, a scope variable's name.

import { RecordSink } from '../scan/record-sink.js';
import type { StringBits } from './string-bits.js';

/** Fields of one entry that hold string indexes, and the bits each one marks. */
export interface StringFields {
  readonly offset: number;
  readonly marks: readonly StringBits[];
}

export class FlatNameSink extends RecordSink {
  private length = 0;
  /** Field of the entry the next number belongs to. */
  private field = 0;
  /** Per field of an entry: the bits to mark, or undefined for a plain number. */
  private readonly marksByField: (readonly StringBits[] | undefined)[];

  constructor(
    source: string,
    private readonly section: string,
    /** Numbers per entry in meta (0 when meta does not say). */
    private readonly stride: number,
    /** Exact number count the header implies, if it implies one. */
    private readonly expected: number | undefined,
    fields: readonly StringFields[],
    private readonly nameLimit: number,
  ) {
    super(source, 1);
    this.marksByField = Array.from({ length: Math.max(1, stride) }, () => undefined);
    for (const f of fields) if (f.offset >= 0 && f.offset < stride) this.marksByField[f.offset] = f.marks;
  }

  /** Numbers read. */
  get count(): number {
    return this.length;
  }

  accept(batch: Float64Array, records: number, ends: Float64Array): void {
    const stride = Math.max(1, this.stride);
    for (let r = 0; r < records; r++) {
      // As FlatSink: a number too large comes before one number too many.
      const v = batch[r]!;
      if (v > Number.MAX_SAFE_INTEGER) this.fail(ends[r]!, 'number too large');
      if (this.expected !== undefined && this.length + r >= this.expected) this.fail(ends[r]!, `${this.section} longer than the header says`);
      const marks = this.marksByField[this.field];
      // The parser does not check these indexes: one that cannot be a string index marks nothing.
      if (marks !== undefined && v < this.nameLimit) for (const bits of marks) bits.set(v);
      if (++this.field === stride) this.field = 0;
    }
    this.length += records;
  }

  close(_partial: number, offset: number): void {
    if (this.expected !== undefined && this.length !== this.expected) this.fail(offset, `${this.section} shorter than the header says`);
    if (this.length > 0 && (this.stride === 0 || this.length % this.stride !== 0)) {
      this.fail(offset, `${this.section} length does not match its meta fields`);
    }
  }
}
