// The lengths the stored arrays must have for the stored counts, checked on the table
// of contents before anything is read: the CRCs prove the bytes are those written,
// these that they fit together, so a damaged or mistaken file is a miss and not an
// out-of-range read deep inside a command.

import type { Contents } from './cache-layout.js';
import { markedLength } from './split-arrays.js';

type Record_ = Readonly<Record<string, unknown>>;

/** Whether the stored snapshot (a PackedSnapshot with marks) and graph part fit their counts. */
export function fitsCounts(contents: Contents, snapshot: unknown, graph: unknown): boolean {
  const lengths = contents.arrays.map((a) => a.length);
  const len = (v: unknown) => markedLength(v, lengths);
  if (!isRecord(snapshot) || !isRecord(snapshot.header) || !isRecord(snapshot.nodes) || !isRecord(snapshot.edges) || !isRecord(snapshot.extra)) return false;
  const n = snapshot.header.nodeCount;
  const e = snapshot.header.edgeCount;
  if (!isCount(n) || !isCount(e)) return false;
  const nodeColumns = Object.values(snapshot.nodes);
  const edgeColumns = ['type', 'nameOrIndex', 'toNode'].map((k) => (snapshot.edges as Record_)[k]);
  const fits =
    [...nodeColumns, ...Object.values(snapshot.extra)].every((c) => len(c) === n) &&
    edgeColumns.every((c) => len(c) === e) &&
    len(snapshot.firstEdge) === n + 1 &&
    fitsStrings(snapshot.strings, len);
  if (!fits || graph === null) return fits;
  if (!isRecord(graph)) return false;
  const perNode = ['classOf', 'distance', 'parentEdge', 'dominator', 'selfSize', 'retainedSize'].map((k) => (graph as Record_)[k]);
  return (
    graph.nodeCount === n &&
    graph.edgeCount === e &&
    perNode.every((a) => len(a) === n) &&
    len(graph.firstDominatorChild) === n + 1 &&
    len(graph.dominatorChildren) === Math.max(0, n - 1) &&
    Array.isArray(graph.classNames) &&
    graph.classNames.every((c) => typeof c === 'string') &&
    typeof graph.totalSize === 'number' &&
    Array.isArray(graph.classSummary)
  );
}

function fitsStrings(strings: unknown, len: (v: unknown) => number | undefined): boolean {
  if (!isRecord(strings)) return false;
  if (strings.kind === 'array') return Array.isArray(strings.items) && strings.items.every((s) => typeof s === 'string');
  const count = strings.length;
  return (
    strings.kind === 'bytes' &&
    isCount(count) &&
    [strings.block, strings.start, strings.byteLength, strings.escaped].every((a) => len(a) === count) &&
    Array.isArray(strings.blocks) &&
    strings.blocks.every((b) => len(b) !== undefined)
  );
}

function isRecord(v: unknown): v is Record_ {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}
