// Transposes `nodes` records into columns by ordinal as they are read.
// `edge_count` goes straight into the CSR starts (`firstEdge`) and
// `trace_node_id` is stored only once a non-zero id shows up: see
// derived-columns.ts for how both are still offered as columns.
// `self_size` goes into a Uint32Array, widened to a Float64Array at the first size
// past 2^32 - 1; `detachedness` is written only where it is not 0, so the column of
// a Node.js heap (all 0) is never touched and its pages never become resident.
//
// Columns start at `initialCapacity` records and double up to the header's
// node_count, so a header that lies about its counts on a stream of unknown
// size cannot make us allocate more than about twice what the input holds.

import type { NodeLayout } from './layout.js';
import { defineLazy, edgeCountsOf } from './derived-columns.js';
import { RecordSink } from './scan/record-sink.js';
import { MAX_UINT32 } from './scan/bytes.js';
import { resize } from './resize.js';
import type { NodeColumns } from './types.js';

export class NodeSink extends RecordSink {
  private capacity: number;
  private ordinal = 0;
  /** Sum of edge_count so far (checked against the header's edge_count at the end). */
  edgeSum = 0;
  private type: Uint8Array;
  private name: Uint32Array;
  private id: Uint32Array;
  private selfSize: Uint32Array | Float64Array;
  /** CSR starts: first[o + 1] is the running edge_count sum after node o (capacity + 1 long). */
  private first: Uint32Array;
  /** Allocated on the first non-zero trace_node_id (all zeros until then). */
  private traceNodeId: Uint32Array | undefined;
  /** Running edge_count sum, kept in a double so an overflowing Uint32 start cannot hide a bad total. */
  private readonly sumReg = new Float64Array(1);
  private detachedness: Uint8Array | undefined;
  private extra: Float64Array[];
  closedAt = -1;

  constructor(
    source: string,
    private readonly layout: NodeLayout,
    private readonly count: number,
    private readonly typeCount: number,
    initialCapacity: number,
  ) {
    super(source, layout.fieldCount);
    const n = (this.capacity = Math.min(count, initialCapacity));
    this.type = new Uint8Array(n);
    this.name = new Uint32Array(n);
    this.id = new Uint32Array(n);
    this.selfSize = new Uint32Array(n);
    this.first = new Uint32Array(n + 1);
    this.detachedness = layout.detachedness >= 0 ? new Uint8Array(n) : undefined;
    this.extra = layout.extraNames.map(() => new Float64Array(n));
  }

  accept(batch: Float64Array, records: number, ends: Float64Array): void {
    // The first faulty record wins, whichever check finds it and however the records
    // were batched: so the error does not depend on the read sizes.
    const fit = Math.min(records, this.count - this.ordinal);
    while (this.ordinal + fit > this.capacity) this.grow();
    const L = this.layout;
    let bad = fit > 0 ? this.transpose(batch, 0, fit) : -1;
    // A self size past the Uint32 column: widen it (once) and go on from that record,
    // which is then refused at once if something else in it is wrong.
    if (bad >= 0 && this.selfSize instanceof Uint32Array && fitsOnlyWide(batch, bad * L.fieldCount, L)) {
      this.selfSize = Float64Array.from(this.selfSize);
      const rest = this.transpose(batch, bad, fit);
      bad = rest < 0 ? -1 : bad + rest;
    }
    this.acceptOptional(batch, bad >= 0 ? bad : fit, ends);
    if (bad >= 0) {
      const t = batch[bad * L.fieldCount + L.type]!;
      this.fail(ends[bad]!, t >= this.typeCount ? 'node type out of range' : 'number too large');
    }
    if (fit < records) this.fail(ends[fit]!, 'more nodes than node_count');
    this.edgeSum = this.sumReg[0]!;
    this.ordinal += records;
  }

  /** Records [from, to) of the batch into the columns; the index (from `from`) of the first bad one, or -1. */
  private transpose(batch: Float64Array, from: number, to: number): number {
    const L = this.layout;
    const F = L.fieldCount;
    const records = batch.subarray(from * F, to * F);
    const o = this.ordinal + from;
    const cols = [this.typeCount, this.type, this.name, this.id] as const;
    if (this.selfSize instanceof Uint32Array) {
      return transposeNodes(records, to - from, F, L.type, L.name, L.id, L.selfSize, L.edgeCount, ...cols, this.selfSize, MAX_UINT32, this.first, o, this.sumReg);
    }
    return transposeNodes(records, to - from, F, L.type, L.name, L.id, L.selfSize, L.edgeCount, ...cols, this.selfSize, MAX_SAFE, this.first, o, this.sumReg);
  }

  /**
   * trace_node_id, detachedness and unknown fields of the first `records` records: a
   * second, rarer pass over the batch. Fails at the first record with a bad value.
   */
  private acceptOptional(batch: Float64Array, records: number, ends: Float64Array): void {
    const L = this.layout;
    const F = L.fieldCount;
    const o0 = this.ordinal;
    let first = records;
    let reason = '';
    const fault = (r: number, why: string) => {
      if (r < first) {
        first = r;
        reason = why;
      }
    };
    if (L.traceNodeId >= 0) {
      for (let r = 0, k = L.traceNodeId; r < records; r++, k += F) {
        const v = batch[k]!;
        if (v === 0) continue;
        if (v > MAX_UINT32) {
          fault(r, 'number too large');
          break;
        }
        // Earlier ids were all zero, which a fresh column already holds.
        (this.traceNodeId ??= new Uint32Array(this.capacity))[o0 + r] = v;
      }
    }
    if (this.detachedness) {
      const col = this.detachedness;
      for (let r = 0, k = L.detachedness; r < records; r++, k += F) {
        const v = batch[k]!;
        if (v > 255) {
          fault(r, 'detachedness out of range');
          break;
        }
        // A fresh column holds 0 already; not writing it leaves an all-0 column untouched.
        if (v !== 0) col[o0 + r] = v;
      }
    }
    for (let x = 0; x < this.extra.length; x++) {
      const col = this.extra[x]!;
      for (let r = 0, k = L.extraOffsets[x]!; r < records; r++, k += F) {
        const v = batch[k]!;
        if (v > Number.MAX_SAFE_INTEGER) {
          fault(r, 'number too large');
          break;
        }
        col[o0 + r] = v;
      }
    }
    if (first < records) this.fail(ends[first]!, reason);
  }

  close(partial: number, offset: number): void {
    if (partial > 0 && this.ordinal === this.count) this.fail(offset, 'more nodes than node_count');
    if (partial > 0 || this.ordinal < this.count) this.fail(offset, 'fewer nodes than node_count');
    this.closedAt = offset;
  }

  /** Call after close(). `edgeCount` (and all-zero `traceNodeId`) are built on first access. */
  columns(): NodeColumns {
    const extra: Record<string, Float64Array> = {};
    this.layout.extraNames.forEach((name, k) => (extra[name] = this.extra[k]!));
    const first = this.first;
    const n = this.count;
    const columns = {
      type: this.type,
      name: this.name,
      id: this.id,
      selfSize: this.selfSize,
    } as Record<string, unknown>;
    defineLazy(columns, 'edgeCount', () => edgeCountsOf(first));
    if (this.traceNodeId !== undefined) columns.traceNodeId = this.traceNodeId;
    else if (this.layout.traceNodeId >= 0) defineLazy(columns, 'traceNodeId', () => new Uint32Array(n));
    if (this.detachedness !== undefined) columns.detachedness = this.detachedness;
    columns.extra = extra;
    return columns as unknown as NodeColumns;
  }

  /**
   * Moves the CSR starts into a SharedArrayBuffer, so the analysis can hand them to a
   * worker thread without a copy (only at full capacity: growing would copy them back out).
   */
  shareStarts(): void {
    if (this.capacity !== this.count || this.first.buffer instanceof SharedArrayBuffer) return;
    this.first = resize(this.first, new Uint32Array(new SharedArrayBuffer(this.first.byteLength)));
  }

  /** CSR start of each node's edges (length nodeCount + 1). Call after close(). */
  firstEdge(): Uint32Array {
    return this.first;
  }

  private grow(): void {
    const n = Math.min(this.count, Math.max(1024, this.capacity * 2));
    this.type = resize(this.type, new Uint8Array(n));
    this.name = resize(this.name, new Uint32Array(n));
    this.id = resize(this.id, new Uint32Array(n));
    this.selfSize = this.selfSize instanceof Uint32Array ? resize(this.selfSize, new Uint32Array(n)) : resize(this.selfSize, new Float64Array(n));
    this.first = resize(this.first, new Uint32Array(n + 1));
    if (this.traceNodeId) this.traceNodeId = resize(this.traceNodeId, new Uint32Array(n));
    if (this.detachedness) this.detachedness = resize(this.detachedness, new Uint8Array(n));
    this.extra = this.extra.map((a) => resize(a, new Float64Array(n)));
    this.capacity = n;
  }
}

/** The record at `k` has a self size a Float64 column holds and a Uint32 one does not. */
function fitsOnlyWide(batch: Float64Array, k: number, L: NodeLayout): boolean {
  const size = batch[k + L.selfSize]!;
  return size > MAX_UINT32 && size <= MAX_SAFE;
}

/**
 * The node hot loop, a plain function over typed arrays so it optimises once
 * and stays optimised. Returns the index of the first bad record, or -1; a self
 * size over `sizeLimit` (what the column holds) counts as bad.
 */
function transposeNodes(
  batch: Float64Array,
  records: number,
  fields: number,
  ti: number,
  ni: number,
  ii: number,
  si: number,
  ei: number,
  typeCount: number,
  type: Uint8Array,
  name: Uint32Array,
  id: Uint32Array,
  selfSize: Uint32Array | Float64Array,
  sizeLimit: number,
  firstEdge: Uint32Array,
  first: number,
  sumReg: Float64Array,
): number {
  let sum = sumReg[0]!;
  for (let r = 0, k = 0, o = first; r < records; r++, k += fields, o++) {
    const t = batch[k + ti]!;
    const nm = batch[k + ni]!;
    const nid = batch[k + ii]!;
    const size = batch[k + si]!;
    const edges = batch[k + ei]!;
    if (t >= typeCount || nm > MAX_UINT32 || nid > MAX_UINT32 || edges > MAX_UINT32 || size > sizeLimit) {
      sumReg[0] = sum;
      return r;
    }
    type[o] = t;
    name[o] = nm;
    id[o] = nid;
    selfSize[o] = size;
    sum += edges;
    // Wraps past 2^32, but then the sum cannot match edge_count and the section is refused.
    firstEdge[o + 1] = sum;
  }
  sumReg[0] = sum;
  return -1;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
