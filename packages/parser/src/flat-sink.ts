// The small optional number sections (`trace_function_infos`, `samples`,
// `locations`): kept raw, as flat Float64 arrays. They are not always small (Node
// writes four numbers of `locations` per closure: 5 M numbers on a 1 GB snapshot)
// and their length is not in the header, so numbers go into fixed-size blocks that
// are joined once at the end: no copy on growth, and the peak is twice the data
// instead of up to three times with doubling. A section asked to `narrow`
// (`locations`) is joined into a Uint32Array when every number fits one: half the
// bytes, for a section that lives as long as the snapshot.

import { MAX_UINT32 } from './scan/bytes.js';
import { RecordSink } from './scan/record-sink.js';

const BLOCK = 1 << 16;

export class FlatSink extends RecordSink {
  private readonly blocks: Float64Array[] = [];
  private block = new Float64Array(0);
  /** Numbers in the current block, and in all blocks. */
  private used = 0;
  private length = 0;
  private max = 0;

  constructor(
    source: string,
    private readonly section: string,
    /** Numbers per entry in meta (0 when meta does not say). */
    private readonly stride: number,
    /** Exact number count the header implies, if it implies one. */
    private readonly expected: number | undefined,
    /** Join into a Uint32Array when the numbers fit. */
    private readonly narrow = false,
  ) {
    super(source, 1);
  }

  accept(batch: Float64Array, records: number, ends: Float64Array): void {
    // Whichever comes first in the file: a number too large, or one past the expected count.
    const bad = firstUnsafe(batch, records);
    const over = this.expected !== undefined && this.length + records > this.expected ? this.expected - this.length : -1;
    if (bad >= 0 && (over < 0 || bad <= over)) this.fail(ends[bad]!, 'number too large');
    if (over >= 0) this.fail(ends[over]!, `${this.section} longer than the header says`);
    if (this.narrow) for (let r = 0; r < records; r++) if (batch[r]! > this.max) this.max = batch[r]!;
    let r = 0;
    while (r < records) {
      if (this.used === this.block.length) {
        this.block = new Float64Array(BLOCK);
        this.blocks.push(this.block);
        this.used = 0;
      }
      const take = Math.min(records - r, this.block.length - this.used);
      this.block.set(batch.subarray(r, r + take), this.used);
      this.used += take;
      r += take;
    }
    this.length += records;
  }

  close(_partial: number, offset: number): void {
    if (this.expected !== undefined && this.length !== this.expected) this.fail(offset, `${this.section} shorter than the header says`);
    if (this.length > 0 && (this.stride === 0 || this.length % this.stride !== 0)) {
      this.fail(offset, `${this.section} length does not match its meta fields`);
    }
  }

  /** The numbers read, or undefined when the section was empty. */
  values(): Float64Array | Uint32Array | undefined {
    if (this.length === 0) return undefined;
    const out = this.narrow && this.max <= MAX_UINT32 ? new Uint32Array(this.length) : new Float64Array(this.length);
    let at = 0;
    for (const block of this.blocks) {
      const take = Math.min(block.length, this.length - at);
      out.set(take === block.length ? block : block.subarray(0, take), at);
      at += take;
    }
    this.blocks.length = 0;
    return out;
  }
}

function firstUnsafe(batch: Float64Array, records: number): number {
  for (let r = 0; r < records; r++) if (batch[r]! > Number.MAX_SAFE_INTEGER) return r;
  return -1;
}
