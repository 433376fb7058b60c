// The in-memory model of a parsed .heapsnapshot, shared by every package.
//
// Index spaces (docs/DESIGN.md, Conventions): everything here is addressed by *ordinal*
// (node 0..nodeCount-1, edge 0..edgeCount-1). V8's raw "node index"
// (ordinal × node field count) exists only inside the parser, which converts
// `to_node` to a target ordinal in one place.

/** Field layout and type enums, read once from `snapshot.meta` and renamed to camelCase. */
export interface SnapshotMeta {
  /** `meta.node_fields` as written, e.g. ["type","name","id","self_size","edge_count","detachedness"]. */
  readonly nodeFields: readonly string[];
  /** `meta.node_types[0]`: node type id → name ("hidden", "array", "string", "object", …). */
  readonly nodeTypes: readonly string[];
  /** `meta.edge_fields`, normally ["type","name_or_index","to_node"]. */
  readonly edgeFields: readonly string[];
  /** `meta.edge_types[0]`: edge type id → name ("context", "element", "property", …). */
  readonly edgeTypes: readonly string[];
  readonly traceFunctionInfoFields: readonly string[];
  readonly traceNodeFields: readonly string[];
  readonly sampleFields: readonly string[];
  readonly locationFields: readonly string[];
}

/** The `snapshot` header object. */
export interface SnapshotHeader {
  readonly meta: SnapshotMeta;
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly traceFunctionCount: number;
  /** `extra_native_bytes` (newer V8), bytes the embedder reported outside the graph. */
  readonly extraNativeBytes?: number;
  readonly title?: string;
  readonly uid?: number;
}

/**
 * Node columns by ordinal (structure of arrays). Columns for fields a snapshot
 * does not have are absent (`traceNodeId` without allocation tracking,
 * `detachedness` before ~2021 V8). Unknown extra fields go to `extra`.
 */
export interface NodeColumns {
  readonly type: Uint8Array;
  /** String-table index of the node name. */
  readonly name: Uint32Array;
  /** V8 object id (odd for heap objects, even for embedder objects); stable within one process. */
  readonly id: Uint32Array;
  /**
   * Self size in bytes. V8 writes a size_t, but sizes past 2^32 - 1 are rare (a huge
   * backing store): the column is a Uint32Array, half the bytes, and becomes a
   * Float64Array only in a snapshot that has such a size.
   */
  readonly selfSize: Uint32Array | Float64Array;
  /**
   * Edges per node. The parser derives it from `firstEdge` on first access (4 bytes a node
   * nobody pays for unless asked): hot loops should read `firstEdge` instead.
   */
  readonly edgeCount: Uint32Array;
  /** Present when the snapshot has the field; the parser builds it on first access when every id is 0. */
  readonly traceNodeId?: Uint32Array;
  /**
   * 0 unknown, 1 attached, 2 detached (embedder-set, DOM nodes). Present when the snapshot
   * has the field; the parser writes only the values that are not 0, so the all-0 column of
   * a Node.js heap never becomes resident.
   */
  readonly detachedness?: Uint8Array;
  readonly extra: Readonly<Record<string, Float64Array>>;
}

/** Edge columns by edge ordinal. Edges are grouped by source node in node order. */
export interface EdgeColumns {
  readonly type: Uint8Array;
  /** String-table index for named edge types; the numeric index for `element` and `hidden`. */
  readonly nameOrIndex: Uint32Array;
  /** Target node *ordinal* (the parser divides V8's `to_node` by the node field count). */
  readonly toNode: Uint32Array;
}

/** The strings section, decoded one string at a time on demand. */
export interface StringTable {
  readonly length: number;
  /** Decoded string at index i (cached by implementations where it pays). */
  get(i: number): string;
}

/** A nested `trace_tree`, flattened in pre-order. */
export interface TraceTree {
  /** Per trace node: id, function_info_index, count, size (as `meta.trace_node_fields`, without children). */
  readonly id: Uint32Array;
  readonly functionInfoIndex: Uint32Array;
  readonly count: Float64Array;
  readonly size: Float64Array;
  /** Pre-order parent position, 0xffffffff for top-level trace nodes. */
  readonly parent: Uint32Array;
}

export interface HeapSnapshot {
  readonly header: SnapshotHeader;
  readonly nodes: NodeColumns;
  readonly edges: EdgeColumns;
  /** CSR start of each node's edges: edges of node n are [firstEdge[n], firstEdge[n+1]). Length nodeCount+1. */
  readonly firstEdge: Uint32Array;
  readonly strings: StringTable;
  /** Optional sections, present only when the file has them non-empty. Raw flat integers as in the file. */
  readonly traceFunctionInfos?: Float64Array;
  readonly traceTree?: TraceTree;
  readonly samples?: Float64Array;
  /**
   * Raw `locations`; `object_index` entries stay node *indexes* as V8 wrote them (see
   * meta.locationFields). A Uint32Array when every number fits one (always, below some
   * 600 M nodes).
   */
  readonly locations?: Uint32Array | Float64Array;
  /** Names of top-level sections the parser does not model and skipped (e.g. Chromium's `scopes`), in file order. */
  readonly skippedSections?: readonly string[];
  /** Where it came from, for messages: a path, "-" for stdin, or "<stream>". */
  readonly source: string;
  /** Bytes of the (decompressed) JSON text read. */
  readonly byteLength: number;
  /** Bytes of gzip input read, when the source was gzip-compressed (detected by its magic bytes). */
  readonly compressedByteLength?: number;
  /** Edges parsed by the second thread (the end of the edges section), when the parse was split. */
  readonly edgesBySecondThread?: number;
}

/** Node type names as V8 writes them in `meta.node_types[0]`. */
export const NODE_TYPE_NAMES = [
  'hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number',
  'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape',
] as const;

/** Edge type names as V8 writes them in `meta.edge_types[0]`. */
export const EDGE_TYPE_NAMES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'] as const;
