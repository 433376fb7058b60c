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
    /** Name indexes at or above this cannot point into any strings section the input can hold. */
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
    const optional = L.traceNodeId >= 0 || L.detachedness >= 0 || L.extraOffsets.length > 0;
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
      if (optional && this.optionalFault(batch, k) !== '') this.fail(ends[r]!, this.optionalFault(batch, k));
      if (name > max) max = name;
      // An index no strings section can reach marks nothing; end() reports it as the parser does.
      if (valueTypes[t] === 0 && name < this.nameLimit) names.set(name);
      observer?.node(t, name, edges);
      sum += edges;
    }
    this.edgeSum = sum;
    this.maxName = max;
    if (fit < records) this.fail(ends[fit]!, 'more nodes than node_count');
    this.ordinal += records;
  }

  /** The checks NodeSink makes of trace_node_id, detachedness and unknown fields: the reason, or ''. */
  private optionalFault(batch: Float64Array, k: number): string {
    const L = this.layout;
    if (L.traceNodeId >= 0 && batch[k + L.traceNodeId]! > MAX_UINT32) return 'number too large';
    if (L.detachedness >= 0 && batch[k + L.detachedness]! > 255) return 'detachedness out of range';
    for (const at of L.extraOffsets) if (batch[k + at]! > Number.MAX_SAFE_INTEGER) return 'number too large';
    return '';
  }

  close(partial: number, offset: number): void {
    if (partial > 0 && this.ordinal === this.count) this.fail(offset, 'more nodes than node_count');
    if (partial > 0 || this.ordinal < this.count) this.fail(offset, 'fewer nodes than node_count');
    this.closedAt = offset;
  }
}
