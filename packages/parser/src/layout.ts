// Field offsets resolved by name from meta, once: the field count and order vary
// between V8 versions and settings, so nothing hard-codes them. -1 = absent.

import type { SnapshotMeta } from './types.js';

const KNOWN_NODE_FIELDS = new Set(['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness']);

export interface NodeLayout {
  readonly fieldCount: number;
  readonly type: number;
  readonly name: number;
  readonly id: number;
  readonly selfSize: number;
  readonly edgeCount: number;
  readonly traceNodeId: number;
  readonly detachedness: number;
  /** Fields we have no column for, kept as Float64 columns in `extra`. */
  readonly extraNames: readonly string[];
  readonly extraOffsets: readonly number[];
}

export interface EdgeLayout {
  readonly type: number;
  readonly nameOrIndex: number;
  readonly toNode: number;
}

export function nodeLayout(meta: SnapshotMeta): NodeLayout {
  const f = meta.nodeFields;
  const extraNames = f.filter((name) => !KNOWN_NODE_FIELDS.has(name));
  return {
    fieldCount: f.length,
    type: f.indexOf('type'),
    name: f.indexOf('name'),
    id: f.indexOf('id'),
    selfSize: f.indexOf('self_size'),
    edgeCount: f.indexOf('edge_count'),
    traceNodeId: f.indexOf('trace_node_id'),
    detachedness: f.indexOf('detachedness'),
    extraNames,
    extraOffsets: extraNames.map((name) => f.indexOf(name)),
  };
}

/** V8's field order, `type,name_or_index,to_node`, which the fast paths assume. */
export function isV8EdgeOrder(layout: EdgeLayout): boolean {
  return layout.type === 0 && layout.nameOrIndex === 1 && layout.toNode === 2;
}

export function edgeLayout(meta: SnapshotMeta): EdgeLayout {
  const f = meta.edgeFields;
  return { type: f.indexOf('type'), nameOrIndex: f.indexOf('name_or_index'), toNode: f.indexOf('to_node') };
}
