// A deliberately naive snapshot reader for checking generated samples: JSON.parse on the whole file.
// Fine for a few MB; the real parser lives in packages/parser. Kept independent of it on purpose,
// so a parser bug cannot make the samples agree with it.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export function readSnapshot(file) {
  const bytes = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  return indexSnapshot(JSON.parse(text));
}

/** Adds the column offsets and a per-node first-edge index to the raw V8 JSON. */
export function indexSnapshot(raw) {
  const meta = raw.snapshot.meta;
  const nodeFields = meta.node_fields;
  const edgeFields = meta.edge_fields;
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const nf = nodeFields.length;
  const ef = edgeFields.length;
  const nodeCount = raw.nodes.length / nf;
  const firstEdge = new Uint32Array(nodeCount + 1);
  const edgeCountAt = nodeFields.indexOf('edge_count');
  for (let i = 0; i < nodeCount; i++) firstEdge[i + 1] = firstEdge[i] + raw.nodes[i * nf + edgeCountAt];
  return {
    raw,
    nodeCount,
    nf,
    ef,
    typeAt: nodeFields.indexOf('type'),
    nameAt: nodeFields.indexOf('name'),
    idAt: nodeFields.indexOf('id'),
    edgeTypeAt: edgeFields.indexOf('type'),
    edgeNameAt: edgeFields.indexOf('name_or_index'),
    edgeToAt: edgeFields.indexOf('to_node'),
    nodeTypes,
    edgeTypes,
    firstEdge,
  };
}

export function nodeType(s, ordinal) {
  return s.nodeTypes[s.raw.nodes[ordinal * s.nf + s.typeAt]];
}
export function nodeName(s, ordinal) {
  return s.raw.strings[s.raw.nodes[ordinal * s.nf + s.nameAt]];
}
export function nodeId(s, ordinal) {
  return s.raw.nodes[ordinal * s.nf + s.idAt];
}

/** Ordinals of the nodes with this type and name. */
export function findNodes(s, match) {
  const found = [];
  for (let i = 0; i < s.nodeCount; i++) {
    if (nodeType(s, i) === match.type && nodeName(s, i) === match.name) found.push(i);
  }
  return found;
}

/**
 * Largest id V8 gave a heap object. Heap objects get odd ids from a counter that only goes up within a process;
 * embedder (Node C++ / Blink) nodes get even ids derived from addresses that change between snapshots, so they are
 * left out.
 */
export function maxHeapObjectId(s) {
  let max = 0;
  for (let i = 0; i < s.nodeCount; i++) {
    const id = nodeId(s, i);
    if (id % 2 === 1 && id > max) max = id;
  }
  return max;
}

export function edgeLabel(s, e) {
  const type = s.edgeTypes[s.raw.edges[e * s.ef + s.edgeTypeAt]];
  const nameOrIndex = s.raw.edges[e * s.ef + s.edgeNameAt];
  return type === 'element' || type === 'hidden' ? String(nameOrIndex) : s.raw.strings[nameOrIndex];
}

/**
 * Breadth-first distances from the GC roots as DevTools computes them (user roots first, weak edges skipped),
 * keeping the edge each node was first reached by, so a shortest retaining path can be read back.
 */
export function shortestPaths(s) {
  const n = s.nodeCount;
  const parentEdge = new Int32Array(n).fill(-1);
  const parentNode = new Int32Array(n).fill(-1);
  const seen = new Uint8Array(n);
  const queue = new Uint32Array(n);
  let head = 0;
  let tail = 0;
  const visit = (from) => {
    for (let e = s.firstEdge[from]; e < s.firstEdge[from + 1]; e++) {
      if (s.edgeTypes[s.raw.edges[e * s.ef + s.edgeTypeAt]] === 'weak') continue;
      const to = s.raw.edges[e * s.ef + s.edgeToAt] / s.nf;
      if (seen[to]) continue;
      seen[to] = 1;
      parentEdge[to] = e;
      parentNode[to] = from;
      queue[tail++] = to;
    }
  };
  // Pass 1: user roots (non-synthetic children of the root); pass 2: whatever only the system roots reach.
  seen[0] = 1;
  for (let e = s.firstEdge[0]; e < s.firstEdge[1]; e++) {
    const to = s.raw.edges[e * s.ef + s.edgeToAt] / s.nf;
    if (nodeType(s, to) === 'synthetic' || seen[to]) continue;
    seen[to] = 1;
    parentEdge[to] = e;
    parentNode[to] = 0;
    queue[tail++] = to;
  }
  for (let pass = 0; pass < 2; pass++) {
    if (pass === 1) visit(0);
    while (head < tail) visit(queue[head++]);
  }
  return {
    /** Edge labels from the root down to `ordinal`, e.g. ["(GC roots)", ..., "history", "12"]. */
    pathTo(ordinal) {
      const labels = [];
      for (let at = ordinal; parentEdge[at] >= 0; at = parentNode[at]) labels.push(edgeLabel(s, parentEdge[at]));
      return labels.reverse();
    },
    reachable: (ordinal) => seen[ordinal] === 1,
    /** The node `ordinal` was first reached from (-1 for the root and unreachable nodes). */
    parentOf: (ordinal) => parentNode[ordinal],
  };
}
