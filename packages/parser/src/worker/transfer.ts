// A HeapSnapshot as a worker message: plain data plus the list of ArrayBuffers
// to move rather than copy. Structured clone keeps typed arrays but drops
// classes and calls getters, so the string table travels as its parts and the
// columns the parser builds on first access (edgeCount, all-zero traceNodeId)
// travel as names, to be made lazy again on the other side.

import { ArrayStringTable } from '../array-string-table.js';
import { carryProperty, defineLazy, edgeCountsOf } from '../derived-columns.js';
import { ByteStringTable } from '../string-table.js';
import type { EdgeColumns, HeapSnapshot, SnapshotHeader, TraceTree } from '../types.js';

type Column = Uint8Array | Uint32Array | Float64Array;

/** Node columns the receiver can rebuild on first access, as the parser does. */
const REBUILDABLE = ['edgeCount', 'traceNodeId'] as const;
type Rebuildable = (typeof REBUILDABLE)[number];

/** Node columns in the parser's property order, so both sides enumerate them alike. */
const NODE_KEYS = ['type', 'name', 'id', 'selfSize', 'edgeCount', 'traceNodeId', 'detachedness'] as const;

export interface PackedSnapshot {
  readonly header: SnapshotHeader;
  readonly nodes: { readonly [key: string]: Column | undefined };
  readonly lazyNodeColumns: readonly Rebuildable[];
  readonly extra: Readonly<Record<string, Float64Array>>;
  readonly edges: EdgeColumns;
  readonly firstEdge: Uint32Array;
  readonly strings: PackedStrings;
  readonly traceFunctionInfos?: Float64Array;
  readonly traceTree?: TraceTree;
  readonly samples?: Float64Array;
  readonly locations?: Uint32Array | Float64Array;
  readonly skippedSections?: readonly string[];
  readonly source: string;
  readonly byteLength: number;
  readonly compressedByteLength?: number;
}

type PackedStrings =
  | {
      readonly kind: 'bytes';
      readonly length: number;
      readonly blocks: readonly Uint8Array[];
      readonly block: Uint32Array;
      readonly start: Uint32Array;
      readonly byteLength: Uint32Array;
      readonly escaped: Uint8Array;
    }
  | { readonly kind: 'array'; readonly items: readonly string[] };

/**
 * The message and its transfer list. After posting with the list, the snapshot's
 * arrays are detached on this side: the snapshot must not be used again.
 */
export function packSnapshot(snapshot: HeapSnapshot): { message: PackedSnapshot; transfer: ArrayBuffer[] } {
  const moved = new Set<ArrayBuffer>();
  // A view over part of a buffer (Node's small-Buffer pool, an oversized block)
  // is copied: moving its buffer would detach memory that is not ours to give.
  const own = <T extends Column>(view: T): T => {
    // Shared memory is shared by the message itself (it cannot be moved).
    if (view.buffer instanceof SharedArrayBuffer) return view;
    const buffer = view.buffer as ArrayBuffer;
    if (view.byteOffset === 0 && view.byteLength === buffer.byteLength) {
      moved.add(buffer);
      return view;
    }
    return view.slice() as T;
  };
  const ownOptional = <T extends Column>(view: T | undefined): T | undefined => (view === undefined ? undefined : own(view));

  const nodes: Record<string, Column | undefined> = {};
  const lazyNodeColumns: Rebuildable[] = [];
  for (const key of NODE_KEYS) {
    const d = Object.getOwnPropertyDescriptor(snapshot.nodes, key);
    if (d === undefined || (d.get === undefined && d.value === undefined)) continue;
    if (d.get && (REBUILDABLE as readonly string[]).includes(key)) lazyNodeColumns.push(key as Rebuildable);
    else nodes[key] = own((d.get ? d.get.call(snapshot.nodes) : d.value) as Column);
  }
  const extra: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(snapshot.nodes.extra)) extra[k] = own(v);

  const { type, nameOrIndex, toNode } = snapshot.edges;
  const edges: EdgeColumns = { type: own(type), nameOrIndex: own(nameOrIndex), toNode: own(toNode) };
  const t = snapshot.traceTree;
  const traceTree = t && {
    id: own(t.id),
    functionInfoIndex: own(t.functionInfoIndex),
    count: own(t.count),
    size: own(t.size),
    parent: own(t.parent),
  };
  const traceFunctionInfos = ownOptional(snapshot.traceFunctionInfos);
  const samples = ownOptional(snapshot.samples);
  const locations = ownOptional(snapshot.locations);

  const message: PackedSnapshot = {
    header: snapshot.header,
    nodes,
    lazyNodeColumns,
    extra,
    edges,
    firstEdge: own(snapshot.firstEdge),
    strings: packStrings(snapshot, own),
    ...(traceFunctionInfos ? { traceFunctionInfos } : {}),
    ...(traceTree ? { traceTree } : {}),
    ...(samples ? { samples } : {}),
    ...(locations ? { locations } : {}),
    ...(snapshot.skippedSections ? { skippedSections: [...snapshot.skippedSections] } : {}),
    source: snapshot.source,
    byteLength: snapshot.byteLength,
    ...(snapshot.compressedByteLength !== undefined ? { compressedByteLength: snapshot.compressedByteLength } : {}),
  };
  return { message, transfer: [...moved] };
}

function packStrings(snapshot: HeapSnapshot, own: <T extends Column>(view: T) => T): PackedStrings {
  const table = snapshot.strings;
  if (table instanceof ByteStringTable) {
    const p = table.parts();
    return {
      kind: 'bytes',
      length: p.length,
      // Plain Uint8Array views: what structured clone gives back anyway.
      blocks: p.blocks.map((b) => own(new Uint8Array(b.buffer, b.byteOffset, b.byteLength))),
      block: own(p.block),
      start: own(p.start),
      byteLength: own(p.byteLength),
      escaped: own(p.escaped),
    };
  }
  const items: string[] = [];
  for (let i = 0; i < table.length; i++) items.push(table.get(i));
  return { kind: 'array', items };
}

/**
 * The snapshot again, on the receiving side, sharing the received arrays. Properties of
 * `m` that are getters stay getters (the graph cache hands over columns read on first use).
 */
export function unpackSnapshot(m: PackedSnapshot): HeapSnapshot {
  const columns: Record<string, unknown> = {};
  for (const key of NODE_KEYS) {
    const lazy = (m.lazyNodeColumns as readonly string[]).includes(key);
    if (lazy && key === 'edgeCount') defineLazy(columns, key, () => edgeCountsOf(m.firstEdge));
    else if (lazy && key === 'traceNodeId') defineLazy(columns, key, () => new Uint32Array(m.header.nodeCount));
    else carryProperty(columns, m.nodes, key);
  }
  columns.extra = m.extra;
  const s = m.strings;
  const strings =
    s.kind === 'bytes'
      ? new ByteStringTable(
          s.length,
          s.blocks.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength)),
          s.block,
          s.start,
          s.byteLength,
          s.escaped,
        )
      : new ArrayStringTable(s.items);
  // Keys in readSnapshot's order.
  const snapshot: Record<string, unknown> = { header: m.header, nodes: columns, edges: m.edges };
  carryProperty(snapshot, m, 'firstEdge');
  snapshot.strings = strings;
  for (const key of ['traceFunctionInfos', 'traceTree', 'samples', 'locations', 'skippedSections', 'source', 'byteLength', 'compressedByteLength']) {
    carryProperty(snapshot, m, key);
  }
  return snapshot as unknown as HeapSnapshot;
}
