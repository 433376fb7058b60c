// `heaptrail info`: what a snapshot file holds, read without analysis: counts, the
// V8 flavour (node field layout, optional sections), a node-type histogram, and how
// fast it parsed. The JSON shape and the text both live here.

import type { HeapSnapshot } from '@heaptrail/parser';
import { formatBytes, formatCount, formatShare, formatTable } from './format.js';
import { terminalSafe } from './terminal-safe.js';

export const INFO_SCHEMA = 'heaptrail.info/1';

/**
 * The `--json` object. Keys are stable; only `parseMs`, `megabytesPerSecond` and
 * `edgesBySecondThread` change from run to run.
 * - `schema`: "heaptrail.info/1"; `file`: the argument as given ("-" for stdin)
 * - `fileBytes`: size of the file as stored (null for stdin); `textBytes`: bytes of JSON text;
 *   `gzip`: whether the input was gzip-compressed
 * - `parseMs`, `megabytesPerSecond`: wall time of the parse (of the read from the cache when
 *   `fromCache`), and text MB (10^6 bytes) per second; `fromCache`: read back from `--cache`, not parsed;
 *   `edgesBySecondThread`: edges parsed by the worker that reads the edges from their end (0 on one thread)
 * - `nodeCount`, `edgeCount`, `stringCount`, `totalSelfSize` (bytes), `extraNativeBytes` (null when absent)
 * - `nodeFields`: meta.node_fields as written; `traceNodeId`, `detachedness`: whether those fields exist;
 *   `extraNodeFields`: fields heaptrail does not interpret
 * - `sections`: entries in each optional section (0 when empty or absent): `traceFunctionInfos`,
 *   `traceTreeNodes`, `samples`, `locations`; `skippedSections`: unmodelled sections, in file order
 * - `nodeTypes`: one row per node type present, `{ type, count, selfSize }`, largest self size first
 */
export interface InfoJson {
  readonly schema: typeof INFO_SCHEMA;
  readonly file: string;
  readonly fileBytes: number | null;
  readonly textBytes: number;
  readonly gzip: boolean;
  readonly parseMs: number;
  readonly megabytesPerSecond: number;
  readonly fromCache: boolean;
  readonly edgesBySecondThread: number;
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly stringCount: number;
  readonly totalSelfSize: number;
  readonly extraNativeBytes: number | null;
  readonly nodeFields: readonly string[];
  readonly traceNodeId: boolean;
  readonly detachedness: boolean;
  readonly extraNodeFields: readonly string[];
  readonly sections: { readonly traceFunctionInfos: number; readonly traceTreeNodes: number; readonly samples: number; readonly locations: number };
  readonly skippedSections: readonly string[];
  readonly nodeTypes: readonly { readonly type: string; readonly count: number; readonly selfSize: number }[];
}

/** The `--json` object of `heaptrail info` for `s`, read from `file` (as the user typed it) in `parseMs`. */
export function describeSnapshot(file: string, s: HeapSnapshot, fileBytes: number | null, parseMs: number, fromCache = false): InfoJson {
  const meta = s.header.meta;
  const typeNames = meta.nodeTypes;
  const counts = new Float64Array(typeNames.length);
  const sizes = new Float64Array(typeNames.length);
  const type = s.nodes.type;
  const selfSize = s.nodes.selfSize;
  let total = 0;
  for (let i = 0; i < type.length; i++) {
    counts[type[i]!]!++;
    sizes[type[i]!]! += selfSize[i]!;
    total += selfSize[i]!;
  }
  const nodeTypes = typeNames
    .map((t, k) => ({ type: t, count: counts[k]!, selfSize: sizes[k]! }))
    .filter((r) => r.count > 0)
    .sort((a, b) => b.selfSize - a.selfSize || b.count - a.count || a.type.localeCompare(b.type));
  const known = new Set(['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness']);
  const entries = (values: ArrayLike<number> | undefined, fields: readonly string[]) =>
    values ? Math.floor(values.length / Math.max(1, fields.length)) : 0;
  return {
    schema: INFO_SCHEMA,
    file,
    fileBytes,
    textBytes: s.byteLength,
    gzip: s.compressedByteLength !== undefined,
    parseMs: Math.round(parseMs * 10) / 10,
    megabytesPerSecond: parseMs > 0 ? Math.round((s.byteLength / 1e6 / (parseMs / 1000)) * 10) / 10 : 0,
    fromCache,
    edgesBySecondThread: s.edgesBySecondThread ?? 0,
    nodeCount: s.header.nodeCount,
    edgeCount: s.header.edgeCount,
    stringCount: s.strings.length,
    totalSelfSize: total,
    extraNativeBytes: s.header.extraNativeBytes ?? null,
    nodeFields: meta.nodeFields,
    traceNodeId: s.nodes.traceNodeId !== undefined,
    detachedness: s.nodes.detachedness !== undefined,
    extraNodeFields: meta.nodeFields.filter((f) => !known.has(f)),
    sections: {
      traceFunctionInfos: entries(s.traceFunctionInfos, meta.traceFunctionInfoFields),
      traceTreeNodes: s.traceTree?.id.length ?? 0,
      samples: entries(s.samples, meta.sampleFields),
      locations: entries(s.locations, meta.locationFields),
    },
    skippedSections: s.skippedSections ?? [],
    nodeTypes,
  };
}

/** ", 2 threads: 74 % of the edges by the second" when the parse was split. */
function secondThread(info: InfoJson): string {
  if (info.edgesBySecondThread === 0 || info.edgeCount === 0) return '';
  return `, 2 threads: ${Math.round((100 * info.edgesBySecondThread) / info.edgeCount)} % of the edges by the second`;
}

/** "6 node fields: no trace_node_id (no allocation tracking), detachedness present". */
export function describeFlavour(info: InfoJson): string {
  const parts = [
    info.traceNodeId ? 'trace_node_id present (allocation tracking or older V8)' : 'no trace_node_id (no allocation tracking)',
    info.detachedness ? 'detachedness present' : 'no detachedness (V8 before ~2021)',
  ];
  if (info.extraNodeFields.length > 0) parts.push(`other fields: ${info.extraNodeFields.join(', ')}`);
  return `${info.nodeFields.length} node fields: ${parts.join(', ')}`;
}

export function renderInfoText(info: InfoJson): string {
  const s = info.sections;
  const present = [
    s.traceFunctionInfos > 0 ? `trace_function_infos (${formatCount(s.traceFunctionInfos)})` : '',
    s.traceTreeNodes > 0 ? `trace_tree (${formatCount(s.traceTreeNodes)} nodes)` : '',
    s.samples > 0 ? `samples (${formatCount(s.samples)})` : '',
    s.locations > 0 ? `locations (${formatCount(s.locations)})` : '',
  ].filter(Boolean);
  const size =
    info.fileBytes === null
      ? `${formatBytes(info.textBytes)} of JSON from stdin${info.gzip ? ' (gzip)' : ''}`
      : info.gzip
        ? `${formatBytes(info.fileBytes)} gzip, ${formatBytes(info.textBytes)} of JSON`
        : formatBytes(info.fileBytes);
  const rows: [string, string][] = [
    ['file', `${terminalSafe(info.file)} (${size})`],
    info.fromCache
      ? ['read from the cache in', formatMs(info.parseMs)]
      : ['parsed in', `${formatMs(info.parseMs)} (${info.megabytesPerSecond.toFixed(1)} MB/s)${secondThread(info)}`],
    ['nodes', formatCount(info.nodeCount)],
    ['edges', formatCount(info.edgeCount)],
    ['strings', formatCount(info.stringCount)],
    ['total self size', formatBytes(info.totalSelfSize)],
    ['layout', describeFlavour(info)],
    ['extra_native_bytes', info.extraNativeBytes === null ? 'absent' : formatBytes(info.extraNativeBytes)],
    ['optional sections', present.length > 0 ? present.join(', ') : 'none (no allocation tracking)'],
  ];
  if (info.skippedSections.length > 0) rows.push(['skipped sections', info.skippedSections.map(terminalSafe).join(', ')]);
  const width = Math.max(...rows.map(([k]) => k.length));
  const head = rows.map(([k, v]) => `${(k + ':').padEnd(width + 1)} ${v}`).join('\n');
  const table = formatTable(
    ['Node type', 'Count', 'Self size', '%'],
    info.nodeTypes.map((r) => [r.type, formatCount(r.count), formatBytes(r.selfSize), formatShare(r.selfSize, info.totalSelfSize)]),
    ['left', 'right', 'right', 'right'],
  );
  return `${head}\n\n${table}`;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
