// Transposes `edges` records into columns by edge ordinal, converting V8's
// `to_node` (a node index = ordinal × node field count) to a target ordinal:
// the one place that index space is crossed (STYLE.md habit 3).

import type { EdgeLayout } from './layout.js';
import { RecordSink } from './scan/record-sink.js';
import { MAX_UINT32 } from './scan/bytes.js';
import type { EdgeColumns } from './types.js';
import { resize } from './node-sink.js';

export class EdgeSink extends RecordSink {
  private capacity: number;
  private ordinal = 0;
  private type: Uint8Array;
  private nameOrIndex: Uint32Array;
  private toNode: Uint32Array;
  private readonly nodeIndexLimit: number;

  constructor(
    source: string,
    private readonly layout: EdgeLayout,
    private readonly count: number,
    private readonly typeCount: number,
    private readonly nodeFieldCount: number,
    nodeCount: number,
    initialCapacity: number,
  ) {
    super(source, 3);
    this.nodeIndexLimit = nodeCount * nodeFieldCount;
    const n = (this.capacity = Math.min(count, initialCapacity));
    this.type = new Uint8Array(n);
    this.nameOrIndex = new Uint32Array(n);
    this.toNode = new Uint32Array(n);
  }

  record(offset: number): void {
    const o = this.ordinal;
    if (o === this.count) this.fail(offset, 'more edges than edge_count');
    if (o === this.capacity) this.grow();
    const rec = this.rec;
    const L = this.layout;
    const t = rec[L.type]!;
    if (t >= this.typeCount) this.fail(offset, 'edge type out of range');
    const name = rec[L.nameOrIndex]!;
    if (name > MAX_UINT32) this.fail(offset, 'number too large');
    const to = rec[L.toNode]!;
    if (to >= this.nodeIndexLimit) this.fail(offset, 'to_node outside nodes');
    const target = to / this.nodeFieldCount;
    if (target !== Math.floor(target)) this.fail(offset, 'to_node not a multiple of node field count');
    this.type[o] = t;
    this.nameOrIndex[o] = name;
    this.toNode[o] = target;
    this.ordinal = o + 1;
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
