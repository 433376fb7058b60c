// Reads `edges` records for redaction: marks the name of every named edge
// (property, context, internal, shortcut, weak: all but element and hidden) as a
// name to keep, and checks what the parser's EdgeSink checks, keeping no column.

import type { EdgeLayout } from '../layout.js';
import { MAX_UINT32 } from '../scan/bytes.js';
import { RecordSink } from '../scan/record-sink.js';
import type { StringBits } from './string-bits.js';

/** Per edge, in file order (edges are grouped by source node in node order). */
export interface EdgeObserver {
  edge(type: number, nameOrIndex: number, toOrdinal: number): void;
}

export class EdgeNameSink extends RecordSink {
  private ordinal = 0;
  /** Largest string index used as an edge name, -1 before any. */
  maxName = -1;
  private readonly nodeIndexLimit: number;

  constructor(
    source: string,
    private readonly layout: EdgeLayout,
    private readonly count: number,
    /** Per edge type: 1 when name_or_index is a string index. */
    private readonly named: Uint8Array,
    private readonly nodeFieldCount: number,
    nodeCount: number,
    private readonly names: StringBits,
    private readonly nameLimit: number,
    private readonly observer: EdgeObserver | undefined,
  ) {
    super(source, 3);
    this.nodeIndexLimit = nodeCount * nodeFieldCount;
  }

  accept(batch: Float64Array, records: number, ends: Float64Array): void {
    const L = this.layout;
    const fit = Math.min(records, this.count - this.ordinal);
    const named = this.named;
    const names = this.names;
    const F = this.nodeFieldCount;
    const observer = this.observer;
    let max = this.maxName;
    for (let r = 0, k = 0; r < fit; r++, k += 3) {
      const t = batch[k + L.type]!;
      const name = batch[k + L.nameOrIndex]!;
      const to = batch[k + L.toNode]!;
      if (t >= named.length) this.fail(ends[r]!, 'edge type out of range');
      if (name > MAX_UINT32) this.fail(ends[r]!, 'number too large');
      if (to >= this.nodeIndexLimit) this.fail(ends[r]!, 'to_node outside nodes');
      const target = (to / F) >>> 0;
      if (target * F !== to) this.fail(ends[r]!, 'to_node not a multiple of node field count');
      if (named[t] === 1) {
        if (name > max) max = name;
        // An index no strings section can reach marks nothing; end() reports it as the parser does.
        if (name < this.nameLimit) names.set(name);
      }
      observer?.edge(t, name, target);
    }
    this.maxName = max;
    if (fit < records) this.fail(ends[fit]!, 'more edges than edge_count');
    this.ordinal += records;
  }

  close(partial: number, offset: number): void {
    if (partial > 0 && this.ordinal === this.count) this.fail(offset, 'more edges than edge_count');
    if (partial > 0 || this.ordinal < this.count) this.fail(offset, 'fewer edges than edge_count');
  }
}
