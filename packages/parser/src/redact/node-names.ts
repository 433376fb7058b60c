// Reads `nodes` records for redaction: marks the name of every node that is not
// a string as a name to keep, and checks what the parser's NodeSink checks about
// counts and ranges, without keeping any column.

import type { NodeLayout } from '../layout.js';
import { MAX_UINT32 } from '../scan/bytes.js';
import { RecordSink } from '../scan/record-sink.js';
import type { StringBits } from './string-bits.js';

/** Per node, in file order: lets the script finder see the graph without this sink keeping it. */
export interface NodeObserver {
  node(type: number, name: number, edgeCount: number): void;
}

export class NodeNameSink extends RecordSink {
  private ordinal = 0;
  /** Sum of edge_count, checked against the header's edge_count when the section ends. */
  edgeSum = 0;
  /** Largest name index read (checked against the strings count at the end), -1 before any. */
  maxName = -1;
  closedAt = -1;

  constructor(
    source: string,
    private readonly layout: NodeLayout,
    private readonly count: number,
    private readonly typeCount: number,
    /** 1 for node types whose name is the string's contents (string, concatenated, sliced). */
    private readonly valueTypes: Uint8Array,
    private readonly names: StringBits,
    /** Name indexes at or above this cannot point into the strings section (see maxStringCount). */
    private readonly nameLimit: number,
    private readonly observer: NodeObserver | undefined,
  ) {
    super(source, layout.fieldCount);
  }

  accept(batch: Float64Array, records: number, ends: Float64Array): void {
    const L = this.layout;
    const F = L.fieldCount;
    const fit = Math.min(records, this.count - this.ordinal);
    const names = this.names;
    const valueTypes = this.valueTypes;
    const observer = this.observer;
    let sum = this.edgeSum;
    let max = this.maxName;
    for (let r = 0, k = 0; r < fit; r++, k += F) {
      const t = batch[k + L.type]!;
      const name = batch[k + L.name]!;
      const edges = batch[k + L.edgeCount]!;
      if (t >= this.typeCount) this.fail(ends[r]!, 'node type out of range');
      if (name > MAX_UINT32 || edges > MAX_UINT32 || batch[k + L.id]! > MAX_UINT32 || batch[k + L.selfSize]! > Number.MAX_SAFE_INTEGER) {
        this.fail(ends[r]!, 'number too large');
      }
      if (name >= this.nameLimit) this.fail(ends[r]!, 'node name index out of range');
      if (name > max) max = name;
      if (valueTypes[t] === 0) names.set(name);
      observer?.node(t, name, edges);
      sum += edges;
    }
    this.edgeSum = sum;
    this.maxName = max;
    if (fit < records) this.fail(ends[fit]!, 'more nodes than node_count');
    this.ordinal += records;
  }

  close(partial: number, offset: number): void {
    if (partial > 0 && this.ordinal === this.count) this.fail(offset, 'more nodes than node_count');
    if (partial > 0 || this.ordinal < this.count) this.fail(offset, 'fewer nodes than node_count');
    this.closedAt = offset;
  }
}
