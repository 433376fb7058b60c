// Transposes `edges` records into columns by edge ordinal, converting V8's
// `to_node` (a node index = ordinal × node field count) to a target ordinal:
// the one place that index space is crossed: everything after the parser speaks ordinals.

import { isV8EdgeOrder, type EdgeLayout } from './layout.js';
import { RecordSink } from './scan/record-sink.js';
import { MAX_UINT32 } from './scan/bytes.js';
import type { EdgeColumns } from './types.js';
import { resize } from './resize.js';
import { scanEdgesDirect } from './scan/direct-edges.js';

export class EdgeSink extends RecordSink {
  private capacity: number;
  private ordinal = 0;
  private type: Uint8Array;
  private nameOrIndex: Uint32Array;
  private toNode: Uint32Array;
  private readonly nodeIndexLimit: number;
  /** V8's field order, which the direct path assumes. */
  private readonly standardOrder: boolean;
  private readonly directOut = new Float64Array(2);

  constructor(
    source: string,
    private readonly layout: EdgeLayout,
    private readonly count: number,
    private readonly typeCount: number,
    private readonly nodeFieldCount: number,
    nodeCount: number,
    initialCapacity: number,
    /** Full-length columns to fill (shared with the thread that parses the section's end). */
    preset?: EdgeColumns,
  ) {
    super(source, 3);
    this.nodeIndexLimit = nodeCount * nodeFieldCount;
    this.standardOrder = isV8EdgeOrder(layout);
    if (preset !== undefined && preset.type.length === count) {
      this.capacity = count;
      this.type = preset.type;
      this.nameOrIndex = preset.nameOrIndex;
      this.toNode = preset.toNode;
      return;
    }
    const n = (this.capacity = Math.min(count, initialCapacity));
    this.type = new Uint8Array(n);
    this.nameOrIndex = new Uint32Array(n);
    this.toNode = new Uint32Array(n);
  }

  /** Edges taken so far. */
  get taken(): number {
    return this.ordinal;
  }

  /** The last `records` edges were parsed into the columns by another thread. */
  adoptTail(records: number): void {
    this.ordinal += records;
  }

  accept(batch: Float64Array, records: number, ends: Float64Array): void {
    // Faults in the records that fit come before the one record too many.
    const fit = Math.min(records, this.count - this.ordinal);
    if (fit < records) {
      if (fit > 0) this.accept(batch, fit, ends);
      this.fail(ends[fit]!, 'more edges than edge_count');
    }
    while (this.ordinal + records > this.capacity) this.grow();
    const L = this.layout;
    const bad = transposeEdges(batch, records, L.type, L.nameOrIndex, L.toNode, this.typeCount, this.nodeIndexLimit, this.nodeFieldCount, this.type, this.nameOrIndex, this.toNode, this.ordinal);
    if (bad >= 0) {
      const k = bad * 3;
      const to = batch[k + L.toNode]!;
      const reason =
        batch[k + L.type]! >= this.typeCount
          ? 'edge type out of range'
          : batch[k + L.nameOrIndex]! > MAX_UINT32
            ? 'number too large'
            : to >= this.nodeIndexLimit
              ? 'to_node outside nodes'
              : 'to_node not a multiple of node field count';
      this.fail(ends[bad]!, reason);
    }
    this.ordinal += records;
  }

  override scanDirect(buf: Uint8Array, i: number, len: number): number {
    this.directAfterValue = false;
    if (!this.standardOrder) return i;
    // Capacity grows only through accept(); near it, the scanner's batches take over.
    const limit = Math.min(this.capacity, this.count);
    const out = this.directOut;
    const j = scanEdgesDirect(buf, i, len, this.type, this.nameOrIndex, this.toNode, this.ordinal, limit, this.typeCount, this.nodeFieldCount, this.nodeIndexLimit, out);
    this.ordinal = out[0]!;
    this.directAfterValue = out[1] === 1;
    return j;
  }

  close(partial: number, offset: number): void {
    if (partial > 0 && this.ordinal === this.count) this.fail(offset, 'more edges than edge_count');
    if (partial > 0 || this.ordinal < this.count) this.fail(offset, 'fewer edges than edge_count');
  }

  columns(): EdgeColumns {
    return { type: this.type, nameOrIndex: this.nameOrIndex, toNode: this.toNode };
  }

  private grow(): void {
    const n = Math.min(this.count, Math.max(1024, this.capacity * 2));
    this.type = resize(this.type, new Uint8Array(n));
    this.nameOrIndex = resize(this.nameOrIndex, new Uint32Array(n));
    this.toNode = resize(this.toNode, new Uint32Array(n));
    this.capacity = n;
  }
}

/** The edge hot loop (see transposeNodes). Returns the index of the first bad record, or -1. */
function transposeEdges(
  batch: Float64Array,
  records: number,
  ti: number,
  ni: number,
  toi: number,
  typeCount: number,
  limit: number,
  fieldCount: number,
  type: Uint8Array,
  nameOrIndex: Uint32Array,
  toNode: Uint32Array,
  first: number,
): number {
  for (let r = 0, k = 0, o = first; r < records; r++, k += 3, o++) {
    const t = batch[k + ti]!;
    const name = batch[k + ni]!;
    const to = batch[k + toi]!;
    // to < limit <= 2^32 × fieldCount, so the quotient fits a uint32.
    const target = (to / fieldCount) >>> 0;
    if (t >= typeCount || name > MAX_UINT32 || to >= limit || target * fieldCount !== to) return r;
    type[o] = t;
    nameOrIndex[o] = name;
    toNode[o] = target;
  }
  return -1;
}
