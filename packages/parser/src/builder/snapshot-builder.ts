// A tiny builder for exact heap graphs in tests: an expected dominator or path is
// only checkable on a graph whose every node and edge the test chose.
//
//   const b = new SnapshotBuilder();
//   const a = b.node('A', 10);
//   b.root.edge(a, 'property', 'a');
//   const snapshot = b.build();   // in-memory HeapSnapshot, no parsing
//   const text = b.toJSON();      // the same graph as V8 would write it
//
// Node 0 is the root (synthetic, empty name, id 1), as in every V8 snapshot.

import { ArrayStringTable } from '../array-string-table.js';
import {
  EDGE_TYPE_NAMES,
  NODE_TYPE_NAMES,
  type HeapSnapshot,
  type SnapshotMeta,
} from '../types.js';
import { MAX_UINT32 } from '../scan/bytes.js';
import { escapeJsonStringV8 } from './escape.js';

export type NodeTypeName = (typeof NODE_TYPE_NAMES)[number];
export type EdgeTypeName = (typeof EDGE_TYPE_NAMES)[number];

/** V8 layouts seen in the wild. */
export const NODE_FIELDS_CURRENT = ['type', 'name', 'id', 'self_size', 'edge_count', 'detachedness'] as const;
export const NODE_FIELDS_TRACED = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'] as const;
export const NODE_FIELDS_LEGACY = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id'] as const;

export interface BuilderOptions {
  /** Node field layout to emit (default: current V8 without allocation tracking). */
  readonly nodeFields?: readonly string[];
  /** Type of the root node (default `synthetic`; DevTools' own fixtures use `hidden`). */
  readonly rootType?: NodeTypeName;
  readonly extraNativeBytes?: number;
  /** Location field layout; default current V8 (with script_object_index). */
  readonly locationFields?: readonly string[];
}

export interface NodeOptions {
  readonly type?: NodeTypeName;
  readonly id?: number;
  readonly detachedness?: 0 | 1 | 2;
  readonly traceNodeId?: number;
}

interface EdgeRecord {
  readonly type: number;
  readonly nameOrIndex: number; // string index for named types, number for element/hidden
  readonly to: BuilderNode;
}

export class BuilderNode {
  readonly edges: EdgeRecord[] = [];
  constructor(
    private readonly builder: SnapshotBuilder,
    readonly ordinal: number,
    readonly type: number,
    readonly name: number,
    readonly id: number,
    readonly selfSize: number,
    readonly detachedness: number,
    readonly traceNodeId: number,
  ) {}

  /**
   * Adds an edge from this node. `nameOrIndex` is a string for named edge types and a
   * number for `element`/`hidden`; omitted, it becomes the next auto index (as V8 does).
   */
  edge(to: BuilderNode, type: EdgeTypeName = 'property', nameOrIndex?: string | number): this {
    this.builder.addEdge(this, to, type, nameOrIndex);
    return this;
  }
}

export class SnapshotBuilder {
  readonly nodes: BuilderNode[] = [];
  readonly strings: string[] = ['<dummy>'];
  private readonly stringIndex = new Map<string, number>([['<dummy>', 0]]);
  private readonly locations: number[][] = [];
  private edgeCount = 0;
  readonly nodeFields: readonly string[];
  readonly root: BuilderNode;

  constructor(private readonly options: BuilderOptions = {}) {
    this.nodeFields = options.nodeFields ?? NODE_FIELDS_CURRENT;
    this.root = this.node('', 0, { type: options.rootType ?? 'synthetic', id: 1 });
  }

  intern(s: string): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, i);
    }
    return i;
  }

  node(name: string, selfSize = 0, options: NodeOptions = {}): BuilderNode {
    const ordinal = this.nodes.length;
    const type = NODE_TYPE_NAMES.indexOf(options.type ?? 'object');
    if (type < 0) throw new Error(`unknown node type ${options.type}`);
    const node = new BuilderNode(
      this,
      ordinal,
      type,
      this.intern(name),
      options.id ?? ordinal * 2 + 1,
      selfSize,
      options.detachedness ?? 0,
      options.traceNodeId ?? 0,
    );
    this.nodes.push(node);
    return node;
  }

  addEdge(from: BuilderNode, to: BuilderNode, type: EdgeTypeName, nameOrIndex?: string | number): void {
    const t = EDGE_TYPE_NAMES.indexOf(type);
    if (t < 0) throw new Error(`unknown edge type ${type}`);
    const numeric = type === 'element' || type === 'hidden';
    let value: number;
    if (numeric) {
      value = typeof nameOrIndex === 'number' ? nameOrIndex : from.edges.length;
    } else {
      value = this.intern(nameOrIndex === undefined ? String(from.edges.length) : String(nameOrIndex));
    }
    from.edges.push({ type: t, nameOrIndex: value, to });
    this.edgeCount++;
  }

  /** Records a source location for a node (V8 does this for closures and constructed objects). */
  location(node: BuilderNode, scriptId: number, line: number, column: number): this {
    this.locations.push([node.ordinal, scriptId, line, column]);
    return this;
  }

  meta(): SnapshotMeta {
    return {
      nodeFields: this.nodeFields,
      nodeTypes: NODE_TYPE_NAMES,
      edgeFields: ['type', 'name_or_index', 'to_node'],
      edgeTypes: EDGE_TYPE_NAMES,
      traceFunctionInfoFields: ['function_id', 'name', 'script_name', 'script_id', 'line', 'column'],
      traceNodeFields: ['id', 'function_info_index', 'count', 'size', 'children'],
      sampleFields: ['timestamp_us', 'last_assigned_id'],
      locationFields: this.options.locationFields ?? ['object_index', 'script_id', 'script_object_index', 'line', 'column'],
    };
  }

  private rawLocations(): number[] {
    const fields = this.meta().locationFields;
    const out: number[] = [];
    for (const [ordinal, scriptId, line, column] of this.locations) {
      for (const f of fields) {
        if (f === 'object_index') out.push(ordinal! * this.nodeFields.length);
        else if (f === 'script_id') out.push(scriptId!);
        else if (f === 'line') out.push(line!);
        else if (f === 'column') out.push(column!);
        else out.push(0);
      }
    }
    return out;
  }

  /** The graph as an in-memory snapshot, exactly what the parser returns for `toJSON()`. */
  build(): HeapSnapshot {
    const n = this.nodes.length;
    const e = this.edgeCount;
    const has = (f: string) => this.nodeFields.includes(f);
    const type = new Uint8Array(n);
    const name = new Uint32Array(n);
    const id = new Uint32Array(n);
    const selfSize = columnFor(this.nodes.map((node) => node.selfSize));
    const edgeCount = new Uint32Array(n);
    const traceNodeId = has('trace_node_id') ? new Uint32Array(n) : undefined;
    const detachedness = has('detachedness') ? new Uint8Array(n) : undefined;
    const firstEdge = new Uint32Array(n + 1);
    const edgeType = new Uint8Array(e);
    const edgeName = new Uint32Array(e);
    const edgeTo = new Uint32Array(e);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const node = this.nodes[i]!;
      type[i] = node.type;
      name[i] = node.name;
      id[i] = node.id;
      edgeCount[i] = node.edges.length;
      if (traceNodeId) traceNodeId[i] = node.traceNodeId;
      if (detachedness) detachedness[i] = node.detachedness;
      firstEdge[i] = k;
      for (const edge of node.edges) {
        edgeType[k] = edge.type;
        edgeName[k] = edge.nameOrIndex;
        edgeTo[k] = edge.to.ordinal;
        k++;
      }
    }
    firstEdge[n] = k;
    const extra: Record<string, Float64Array> = {};
    for (const f of this.nodeFields) {
      if (!['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'].includes(f)) {
        extra[f] = new Float64Array(n);
      }
    }
    const locations = this.rawLocations();
    return {
      header: {
        meta: this.meta(),
        nodeCount: n,
        edgeCount: e,
        traceFunctionCount: 0,
        ...(this.options.extraNativeBytes !== undefined ? { extraNativeBytes: this.options.extraNativeBytes } : {}),
      },
      nodes: { type, name, id, selfSize, edgeCount, traceNodeId, detachedness, extra },
      edges: { type: edgeType, nameOrIndex: edgeName, toNode: edgeTo },
      firstEdge,
      strings: new ArrayStringTable([...this.strings]),
      ...(locations.length > 0 ? { locations: columnFor(locations) } : {}),
      source: '<builder>',
      byteLength: 0,
    };
  }

  /** The graph as V8 would serialise it (record per line, strings escaped to ASCII). */
  toJSON(): string {
    const meta = this.meta();
    const fieldCount = this.nodeFields.length;
    const header = {
      meta: {
        node_fields: meta.nodeFields,
        node_types: [meta.nodeTypes, ...meta.nodeFields.slice(1).map((f) => (f === 'name' ? 'string' : 'number'))],
        edge_fields: meta.edgeFields,
        edge_types: [meta.edgeTypes, 'string_or_number', 'node'],
        trace_function_info_fields: meta.traceFunctionInfoFields,
        trace_node_fields: meta.traceNodeFields,
        sample_fields: meta.sampleFields,
        location_fields: meta.locationFields,
      },
      node_count: this.nodes.length,
      edge_count: this.edgeCount,
      trace_function_count: 0,
      ...(this.options.extraNativeBytes !== undefined ? { extra_native_bytes: this.options.extraNativeBytes } : {}),
    };
    const nodeRows: string[] = [];
    const edgeRows: string[] = [];
    for (const node of this.nodes) {
      const row: number[] = [];
      for (const f of this.nodeFields) {
        switch (f) {
          case 'type': row.push(node.type); break;
          case 'name': row.push(node.name); break;
          case 'id': row.push(node.id); break;
          case 'self_size': row.push(node.selfSize); break;
          case 'edge_count': row.push(node.edges.length); break;
          case 'trace_node_id': row.push(node.traceNodeId); break;
          case 'detachedness': row.push(node.detachedness); break;
          default: row.push(0);
        }
      }
      nodeRows.push(row.join(','));
      for (const edge of node.edges) edgeRows.push(`${edge.type},${edge.nameOrIndex},${edge.to.ordinal * fieldCount}`);
    }
    // V8 ends every node and edge record with a newline and puts the comma before the next.
    const records = (rows: string[]) => rows.map((r) => `${r}\n`).join(',');
    return (
      `{"snapshot":${JSON.stringify(header)},\n` +
      `"nodes":[${records(nodeRows)}],\n` +
      `"edges":[${records(edgeRows)}],\n` +
      `"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n` +
      `"locations":[${this.rawLocations().join(',')}],\n` +
      `"strings":[${this.strings.map(escapeJsonStringV8).join(',\n')}]}\n`
    );
  }
}

/** `values` as the parser stores self sizes and `locations`: a Uint32Array unless a number does not fit. */
function columnFor(values: readonly number[]): Uint32Array | Float64Array {
  return values.every((v) => v <= MAX_UINT32) ? Uint32Array.from(values) : Float64Array.from(values);
}
