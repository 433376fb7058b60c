// How much memory a snapshot needs, from its header alone, so a job too big for the
// machine is refused before anything is allocated rather than killed minutes in.
//
// The parse keeps, per node, a column per modelled field (type 1 B, name 4, id 4,
// self_size 4, detachedness 1, unknown fields 8) and the CSR start (4); per edge, 9 B;
// the strings section's bytes plus about as much again for its index (the generated
// benchmark heaps have 8-byte strings, whose 13-byte index entries outweigh them); and
// the small optional sections, about 3 B a node (Node writes 4 location numbers per
// closure). A caller that then works on the snapshot adds its own bytes per node and per
// edge (`WorkBytes`; graph's estimateAnalysisBytes adds the analysis).
//
// The header does not say how long the strings are. For a plain file they are what the
// number sections leave of it; those are estimated from the counts with generous digit
// counts, so the string estimate, and the whole, lean low: a borderline job is let run.
// Streams and gzip (size unknown) get 14 B of strings a node, as in V8's own samples.
// A trace_node_id column, stored only when allocation tracking wrote ids, is not counted.

import { nodeLayout } from './layout.js';
import type { SnapshotHeader } from './types.js';

/** Bytes a caller's work on the parsed snapshot adds. */
export interface WorkBytes {
  readonly perNode: number;
  readonly perEdge: number;
}

/** The Node process itself before any snapshot (measured: ~52 MB RSS), read buffers and batches. */
const RUNTIME_BYTES = 64 * 1024 * 1024;
const OPTIONAL_SECTION_BYTES_PER_NODE = 3;
const STRING_BYTES_PER_NODE = 14;
const EDGE_BYTES = 9;

/** Peak bytes to parse a snapshot with this header (`fileBytes`: the plain file's size, if known) and do `work` on it. */
export function estimateSnapshotBytes(header: SnapshotHeader, fileBytes?: number, work: WorkBytes = { perNode: 0, perEdge: 0 }): number {
  const n = header.nodeCount;
  const e = header.edgeCount;
  const layout = nodeLayout(header.meta);
  const perNode = 1 + 4 + 4 + 4 + 4 + (layout.detachedness >= 0 ? 1 : 0) + 8 * layout.extraNames.length + OPTIONAL_SECTION_BYTES_PER_NODE;
  const strings = stringSectionBytes(n, e, layout.fieldCount, fileBytes);
  return RUNTIME_BYTES + n * (perNode + work.perNode) + e * (EDGE_BYTES + work.perEdge) + 2 * strings;
}

/** The strings section's likely size: what the number sections leave of a plain file. */
function stringSectionBytes(n: number, e: number, fields: number, fileBytes: number | undefined): number {
  if (fileBytes === undefined) return STRING_BYTES_PER_NODE * n;
  // Per node: a separator per field, name and id about as long as the node count, the
  // other fields a digit or two. Per edge: three separators (one `\n,`), a one-digit
  // type, a three-digit name, and a to_node as long as the node count × fields.
  // (V8's samples: 22.8 B a node and 13.9 an edge, against 25.5 and 14 here.)
  const nodeText = fields + 1 + 2 * digits(n) + 1.5 * (fields - 2);
  const edgeText = 4 + 1 + 3 + digits(n * fields);
  return Math.max(0, fileBytes - n * nodeText - e * edgeText);
}

function digits(x: number): number {
  return x < 10 ? 1 : Math.floor(Math.log10(x)) + 1;
}
