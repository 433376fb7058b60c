// The object tool's answer: one object (class, type, name, sizes, its dominator) with
// its edges out and its retainers, a page of each at a time. Edges out are listed by
// the target's retained size, largest first, so the first page shows what the object
// keeps alive; retainers start with the one on the shortest path from the roots, then
// follow in edge order. Retainers are found by one pass over the edge targets, so no
// reverse index (8 bytes an edge) is kept in the cache for this one question.

import { edgeLabel, edgeSource, NONE, SYSTEM_DISTANCE, type HeapGraph } from '@heaptrail/graph';
import { cutClassName, cutName, page } from './answer-size.js';
import { findObject } from './answers.js';

export interface ObjectQuery {
  readonly id: number;
  readonly offset: number;
  readonly limit: number;
}

export function objectAnswer(file: string, graph: HeapGraph, query: ObjectQuery) {
  const ordinal = findObject(file, graph, query.id);
  const { snapshot, dominator, distance } = graph;
  const outgoing = edgesByRetainedSize(graph, ordinal, query.offset, query.limit);
  const retaining = retainingEdges(graph, ordinal);
  const d = distance[ordinal]!;
  return {
    file,
    ...describeNode(graph, ordinal),
    type: snapshot.header.meta.nodeTypes[snapshot.nodes.type[ordinal]!] ?? 'unknown',
    // Hops from the roots (null: unreachable); objects reachable only through V8 internals say so.
    distance: d === NONE ? null : d >= SYSTEM_DISTANCE ? d - SYSTEM_DISTANCE : d,
    onlyThroughInternals: d !== NONE && d >= SYSTEM_DISTANCE,
    dominator: ordinal === 0 ? null : describeNode(graph, dominator[ordinal]!),
    edges: page(outgoing.total, query.offset, query.limit, (i) => {
      const edge = outgoing.edges[i - query.offset]!;
      return { ...edgeJson(graph, edge), ...describeNode(graph, snapshot.edges.toNode[edge]!) };
    }),
    retainers: page(retaining.length, query.offset, query.limit, (i) => ({ ...edgeJson(graph, retaining[i]!), ...describeNode(graph, edgeSource(graph, retaining[i]!)) })),
  };
}

function describeNode(graph: HeapGraph, ordinal: number) {
  const { snapshot } = graph;
  return {
    id: snapshot.nodes.id[ordinal]!,
    className: cutClassName(graph.classNames[graph.classOf[ordinal]!]!),
    name: cutName(snapshot.strings.get(snapshot.nodes.name[ordinal]!)),
    selfSize: graph.selfSize[ordinal]!,
    retainedSize: graph.retainedSize[ordinal]!,
  };
}

function edgeJson(graph: HeapGraph, edge: number) {
  const { snapshot } = graph;
  return { edgeType: snapshot.header.meta.edgeTypes[snapshot.edges.type[edge]!] ?? 'unknown', edge: edgeLabel(snapshot, edge) };
}

/**
 * Edge ordinals out of `ordinal` at positions [offset, offset + limit) of the order by
 * target retained size (descending), then edge order. Only the first offset + limit are
 * ordered: an array's backing store can have a million edges, and a native sort of their
 * sizes finds the cut-off faster than a full sort with a comparator.
 */
function edgesByRetainedSize(graph: HeapGraph, ordinal: number, offset: number, limit: number): { total: number; edges: number[] } {
  const { firstEdge, edges } = graph.snapshot;
  const start = firstEdge[ordinal]!;
  const total = firstEdge[ordinal + 1]! - start;
  const k = Math.min(total, offset + limit);
  if (k === 0) return { total, edges: [] };
  const retained = graph.retainedSize;
  const toNode = edges.toNode;
  const sizes = new Float64Array(total);
  for (let i = 0; i < total; i++) sizes[i] = retained[toNode[start + i]!]!;
  const cutoff = sizes.slice().sort()[total - k]!;
  let above = 0;
  for (let i = 0; i < total; i++) if (sizes[i]! > cutoff) above++;
  // Every edge above the cut-off, then edges at it in edge order until there are k.
  const chosen: number[] = [];
  let atCutoff = k - above;
  for (let i = 0; i < total; i++) {
    if (sizes[i]! > cutoff) chosen.push(start + i);
    else if (sizes[i] === cutoff && atCutoff > 0) {
      chosen.push(start + i);
      atCutoff--;
    }
  }
  chosen.sort((a, b) => retained[toNode[b]!]! - retained[toNode[a]!]! || a - b);
  return { total, edges: chosen.slice(offset) };
}

/** Edge ordinals into `ordinal`: the shortest-path one first, then in edge order. One pass over the edges. */
function retainingEdges(graph: HeapGraph, ordinal: number): number[] {
  const toNode = graph.snapshot.edges.toNode;
  const e = graph.edgeCount;
  const first = graph.parentEdge[ordinal]!;
  const out: number[] = first !== NONE ? [first] : [];
  for (let i = 0; i < e; i++) if (toNode[i] === ordinal && i !== first) out.push(i);
  return out;
}
