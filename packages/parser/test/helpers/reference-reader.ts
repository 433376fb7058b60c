// A naive, obviously-right reader for tests: JSON.parse the whole text and copy
// fields by name. Only for small inputs; readSnapshot must agree with it.

import { ArrayStringTable, type HeapSnapshot, type NodeColumns, type TraceTree } from '@heaptrail/parser';

interface RawSnapshot {
  snapshot: {
    meta: Record<string, unknown> & { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] };
    node_count: number;
    edge_count: number;
    trace_function_count?: number;
    extra_native_bytes?: number;
    title?: string;
    uid?: number;
  };
  nodes: number[];
  edges: number[];
  trace_function_infos?: number[];
  trace_tree?: unknown[];
  samples?: number[];
  locations?: number[];
  strings: string[];
}

export function referenceRead(text: string, source = '<reference>'): HeapSnapshot {
  const raw = JSON.parse(text) as RawSnapshot;
  const meta = raw.snapshot.meta;
  const nodeFields = meta.node_fields;
  const F = nodeFields.length;
  const n = raw.snapshot.node_count;
  const e = raw.snapshot.edge_count;
  const column = (field: string) => {
    const k = nodeFields.indexOf(field);
    return Array.from({ length: n }, (_, i) => raw.nodes[i * F + k]!);
  };
  const known = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'];
  const extra: Record<string, Float64Array> = {};
  for (const f of nodeFields) if (!known.includes(f)) extra[f] = Float64Array.from(column(f));
  const nodes: NodeColumns = {
    type: Uint8Array.from(column('type')),
    name: Uint32Array.from(column('name')),
    id: Uint32Array.from(column('id')),
    selfSize: narrowest(column('self_size')),
    edgeCount: Uint32Array.from(column('edge_count')),
    ...(nodeFields.includes('trace_node_id') ? { traceNodeId: Uint32Array.from(column('trace_node_id')) } : {}),
    ...(nodeFields.includes('detachedness') ? { detachedness: Uint8Array.from(column('detachedness')) } : {}),
    extra,
  };
  const ef = meta.edge_fields;
  const edgeColumn = (field: string) => Array.from({ length: e }, (_, i) => raw.edges[i * 3 + ef.indexOf(field)]!);
  const firstEdge = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) firstEdge[i + 1] = firstEdge[i]! + nodes.edgeCount[i]!;
  const nonEmpty = (a: number[] | undefined) => (a && a.length > 0 ? Float64Array.from(a) : undefined);
  const traceFunctionInfos = nonEmpty(raw.trace_function_infos);
  const samples = nonEmpty(raw.samples);
  const locations = raw.locations && raw.locations.length > 0 ? narrowest(raw.locations) : undefined;
  const traceTree = raw.trace_tree && raw.trace_tree.length > 0 ? flattenTraceTree(raw.trace_tree, meta['trace_node_fields'] as string[]) : undefined;
  const strList = (key: string) => (meta[key] as string[] | undefined) ?? [];
  return {
    header: {
      meta: {
        nodeFields,
        nodeTypes: meta.node_types[0],
        edgeFields: ef,
        edgeTypes: meta.edge_types[0],
        traceFunctionInfoFields: strList('trace_function_info_fields'),
        traceNodeFields: strList('trace_node_fields'),
        sampleFields: strList('sample_fields'),
        locationFields: strList('location_fields'),
      },
      nodeCount: n,
      edgeCount: e,
      traceFunctionCount: raw.snapshot.trace_function_count ?? 0,
      ...(raw.snapshot.extra_native_bytes !== undefined ? { extraNativeBytes: raw.snapshot.extra_native_bytes } : {}),
      ...(raw.snapshot.title !== undefined ? { title: raw.snapshot.title } : {}),
      ...(raw.snapshot.uid !== undefined ? { uid: raw.snapshot.uid } : {}),
    },
    nodes,
    edges: {
      type: Uint8Array.from(edgeColumn('type')),
      nameOrIndex: Uint32Array.from(edgeColumn('name_or_index')),
      toNode: Uint32Array.from(edgeColumn('to_node').map((v) => v / F)),
    },
    firstEdge,
    strings: new ArrayStringTable(raw.strings),
    ...(traceFunctionInfos ? { traceFunctionInfos } : {}),
    ...(traceTree ? { traceTree } : {}),
    ...(samples ? { samples } : {}),
    ...(locations ? { locations } : {}),
    source,
    byteLength: Buffer.byteLength(text),
  };
}

/** Pre-order flattening, recursive because the test inputs are tiny. */
function flattenTraceTree(tree: unknown[], fields: string[]): TraceTree {
  const out = { id: [] as number[], fi: [] as number[], count: [] as number[], size: [] as number[], parent: [] as number[] };
  const F = fields.length;
  const visit = (list: unknown[], parent: number) => {
    for (let k = 0; k < list.length; k += F) {
      const pos = out.id.length;
      out.id.push(list[k + fields.indexOf('id')] as number);
      out.fi.push(list[k + fields.indexOf('function_info_index')] as number);
      out.count.push(list[k + fields.indexOf('count')] as number);
      out.size.push(list[k + fields.indexOf('size')] as number);
      out.parent.push(parent);
      visit(list[k + fields.indexOf('children')] as unknown[], pos);
    }
  };
  visit(tree, 0xffffffff);
  return {
    id: Uint32Array.from(out.id),
    functionInfoIndex: Uint32Array.from(out.fi),
    count: Float64Array.from(out.count),
    size: Float64Array.from(out.size),
    parent: Uint32Array.from(out.parent),
  };
}

/** What the parser stores a self_size column or `locations` in: Uint32 when every number fits. */
function narrowest(values: readonly number[]): Uint32Array | Float64Array {
  return values.every((v) => v <= 0xffffffff) ? Uint32Array.from(values) : Float64Array.from(values);
}
