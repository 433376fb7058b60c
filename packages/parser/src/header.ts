// The `snapshot` header object: a small JSON object parsed once, validated, and
// renamed to camelCase. The layout is read from meta once: V8 drops fields
// (trace_node_id without allocation tracking, detachedness in older versions).

import { SnapshotFormatError } from './errors.js';
import type { SnapshotHeader, SnapshotMeta } from './types.js';
import { MAX_UINT32 } from './scan/bytes.js';

const REQUIRED_NODE_FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count'] as const;
const MAX_NODE_FIELDS = 64;
const REQUIRED_EDGE_FIELDS = ['type', 'name_or_index', 'to_node'] as const;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * Parses and validates the header text (the balanced `{…}` after `"snapshot":`).
 * `offset` is where the header starts in the text; every error points there.
 */
export function parseHeader(text: string, source: string, offset: number): SnapshotHeader {
  const fail = (reason: string): never => {
    throw new SnapshotFormatError(source, offset, reason);
  };
  let raw: Json;
  try {
    raw = JSON.parse(text) as Json;
  } catch {
    return fail('invalid JSON in snapshot header');
  }
  if (!isObject(raw)) return fail('snapshot header is not an object');
  const meta = raw['meta'];
  if (!isObject(meta)) return fail('missing snapshot meta');

  const nodeFields = stringList(meta['node_fields']) ?? fail('invalid meta.node_fields');
  for (const f of REQUIRED_NODE_FIELDS) if (!nodeFields.includes(f)) fail(`meta.node_fields lacks ${f}`);
  if (new Set(nodeFields).size !== nodeFields.length) fail('duplicate name in meta.node_fields');
  // V8 writes 5-7 node fields and embedders add a few; hundreds are damage, and every
  // field costs a column and a share of each scan batch.
  if (nodeFields.length > MAX_NODE_FIELDS) fail(`too many node fields (${nodeFields.length}, at most ${MAX_NODE_FIELDS})`);
  const edgeFields = stringList(meta['edge_fields']) ?? fail('invalid meta.edge_fields');
  if (edgeFields.length !== 3 || !REQUIRED_EDGE_FIELDS.every((f) => edgeFields.includes(f))) {
    fail('meta.edge_fields must be type, name_or_index, to_node');
  }
  const nodeTypes = enumList(meta['node_types']) ?? fail('invalid meta.node_types');
  const edgeTypes = enumList(meta['edge_types']) ?? fail('invalid meta.edge_types');
  // Type ids live in Uint8Array columns.
  if (nodeTypes.length > 256) fail('too many node types');
  if (edgeTypes.length > 256) fail('too many edge types');

  const optionalFields = (key: string): readonly string[] => {
    const v = meta[key];
    if (v === undefined) return [];
    return stringList(v) ?? fail(`invalid meta.${key}`);
  };
  const snapshotMeta: SnapshotMeta = {
    nodeFields,
    nodeTypes,
    edgeFields,
    edgeTypes,
    traceFunctionInfoFields: optionalFields('trace_function_info_fields'),
    traceNodeFields: optionalFields('trace_node_fields'),
    sampleFields: optionalFields('sample_fields'),
    locationFields: optionalFields('location_fields'),
  };

  const count = (key: string, required: boolean): number => {
    const v = raw[key];
    if (v === undefined && !required) return 0;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return fail(`invalid ${key}`);
    if (v > MAX_UINT32) return fail(`${key} too large`);
    return v;
  };
  const header: {
    -readonly [K in keyof SnapshotHeader]: SnapshotHeader[K];
  } = {
    meta: snapshotMeta,
    nodeCount: count('node_count', true),
    edgeCount: count('edge_count', true),
    traceFunctionCount: count('trace_function_count', false),
  };
  const extra = raw['extra_native_bytes'];
  if (extra !== undefined) {
    if (typeof extra !== 'number' || !Number.isSafeInteger(extra) || extra < 0) fail('invalid extra_native_bytes');
    header.extraNativeBytes = extra as number;
  }
  if (typeof raw['title'] === 'string') header.title = raw['title'];
  if (typeof raw['uid'] === 'number') header.uid = raw['uid'];
  return header;
}

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: Json | undefined): string[] | undefined {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) return undefined;
  return v as string[];
}

/** `node_types` / `edge_types`: entry 0 is the enum (an array of names). */
function enumList(v: Json | undefined): string[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  return stringList(v[0]);
}
