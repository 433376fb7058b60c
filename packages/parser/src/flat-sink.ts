// The small optional number sections (`trace_function_infos`, `samples`,
// `locations`): kept raw, as flat Float64 arrays grown by doubling.

import { RecordSink } from './scan/record-sink.js';

export class FlatSink extends RecordSink {
  private data = new Float64Array(64);
  private length = 0;

  constructor(
    source: string,
    private readonly section: string,
    /** Numbers per entry in meta (0 when meta does not say). */
    private readonly stride: number,
    /** Exact number count the header implies, if it implies one. */
    private readonly expected: number | undefined,
  ) {
    super(source, 1);
  }

  accept(batch: Float64Array, records: number, ends: Float64Array): void {
    for (let r = 0; r < records; r++) {
      const v = batch[r]!;
      if (v > Number.MAX_SAFE_INTEGER) this.fail(ends[r]!, 'number too large');
      if (this.expected !== undefined && this.length === this.expected) this.fail(ends[r]!, `${this.section} longer than the header says`);
      if (this.length === this.data.length) {
        const next = new Float64Array(this.data.length * 2);
        next.set(this.data);
        this.data = next;
      }
      this.data[this.length++] = v;
    }
  }

  close(_partial: number, offset: number): void {
    if (this.expected !== undefined && this.length !== this.expected) this.fail(offset, `${this.section} shorter than the header says`);
    if (this.length > 0 && (this.stride === 0 || this.length % this.stride !== 0)) {
      this.fail(offset, `${this.section} length does not match its meta fields`);
    }
  }

  /** The numbers read, or undefined when the section was empty. */
  values(): Float64Array | undefined {
    return this.length === 0 ? undefined : this.data.slice(0, this.length);
  }
}
