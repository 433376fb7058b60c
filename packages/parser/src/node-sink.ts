// Transposes `nodes` records into columns by ordinal as they are read.
//
// Columns start at `initialCapacity` records and double up to the header's
// node_count, so a header that lies about its counts on a stream of unknown
// size cannot make us allocate more than about twice what the input holds.

import type { NodeLayout } from './layout.js';
import { RecordSink } from './scan/record-sink.js';
import { MAX_UINT32 } from './scan/bytes.js';
import type { NodeColumns } from './types.js';

export class NodeSink extends RecordSink {
  private capacity: number;
  private ordinal = 0;
  /** Sum of edge_count so far (checked against the header's edge_count at the end). */
  edgeSum = 0;
  private type: Uint8Array;
  private name: Uint32Array;
  private id: Uint32Array;
  private selfSize: Float64Array;
  private edgeCount: Uint32Array;
  private traceNodeId: Uint32Array | undefined;
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
    this.selfSize = new Float64Array(n);
    this.edgeCount = new Uint32Array(n);
    this.traceNodeId = layout.traceNodeId >= 0 ? new Uint32Array(n) : undefined;
    this.detachedness = layout.detachedness >= 0 ? new Uint8Array(n) : undefined;
    this.extra = layout.extraNames.map(() => new Float64Array(n));
  }

  record(offset: number): void {
    const o = this.ordinal;
    if (o === this.count) this.fail(offset, 'more nodes than node_count');
    if (o === this.capacity) this.grow();
    const rec = this.rec;
    const L = this.layout;
    const t = rec[L.type]!;
    if (t >= this.typeCount) this.fail(offset, 'node type out of range');
    const name = rec[L.name]!;
    const id = rec[L.id]!;
    const size = rec[L.selfSize]!;
    const edges = rec[L.edgeCount]!;
    if (name > MAX_UINT32 || id > MAX_UINT32 || edges > MAX_UINT32) this.fail(offset, 'number too large');
    if (size > Number.MAX_SAFE_INTEGER) this.fail(offset, 'number too large');
    this.type[o] = t;
    this.name[o] = name;
    this.id[o] = id;
    this.selfSize[o] = size;
    this.edgeCount[o] = edges;
    this.edgeSum += edges;
    if (this.traceNodeId !== undefined) {
      const v = rec[L.traceNodeId]!;
      if (v > MAX_UINT32) this.fail(offset, 'number too large');
      this.traceNodeId[o] = v;
    }
    if (this.detachedness !== undefined) {
      const v = rec[L.detachedness]!;
      if (v > 255) this.fail(offset, 'detachedness out of range');
      this.detachedness[o] = v;
    }
    for (let k = 0; k < this.extra.length; k++) {
      const v = rec[L.extraOffsets[k]!]!;
      if (v > Number.MAX_SAFE_INTEGER) this.fail(offset, 'number too large');
      this.extra[k]![o] = v;
    }
    this.ordinal = o + 1;
  }

  close(partial: number, offset: number): void {
    if (partial > 0 && this.ordinal === this.count) this.fail(offset, 'more nodes than node_count');
    if (partial > 0 || this.ordinal < this.count) this.fail(offset, 'fewer nodes than node_count');
    this.closedAt = offset;
  }

  columns(): NodeColumns {
    const extra: Record<string, Float64Array> = {};
    this.layout.extraNames.forEach((name, k) => (extra[name] = this.extra[k]!));
    return {
      type: this.type,
      name: this.name,
      id: this.id,
      selfSize: this.selfSize,
      edgeCount: this.edgeCount,
      ...(this.traceNodeId !== undefined ? { traceNodeId: this.traceNodeId } : {}),
      ...(this.detachedness !== undefined ? { detachedness: this.detachedness } : {}),
      extra,
    };
  }

  /** CSR start of each node's edges (length nodeCount + 1). Call after close(). */
  firstEdge(): Uint32Array {
    const n = this.count;
    const first = new Uint32Array(n + 1);
    const counts = this.edgeCount;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      first[i] = sum;
      sum += counts[i]!;
    }
    first[n] = sum;
    return first;
  }

  private grow(): void {
    const n = Math.min(this.count, Math.max(1024, this.capacity * 2));
    this.type = resize(this.type, new Uint8Array(n));
    this.name = resize(this.name, new Uint32Array(n));
    this.id = resize(this.id, new Uint32Array(n));
    this.selfSize = resize(this.selfSize, new Float64Array(n));
    this.edgeCount = resize(this.edgeCount, new Uint32Array(n));
    if (this.traceNodeId) this.traceNodeId = resize(this.traceNodeId, new Uint32Array(n));
    if (this.detachedness) this.detachedness = resize(this.detachedness, new Uint8Array(n));
    this.extra = this.extra.map((a) => resize(a, new Float64Array(n)));
    this.capacity = n;
  }
}

export function resize<T extends Uint8Array | Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
