// What "succeeded" must mean: a parse that returns is only a success if the model is
// internally consistent and agrees with a naive JSON.parse reading of the same text.
// Anything else is a wrong result, which is worse than a crash.

const NAMED_EDGE_EXCEPTIONS = new Set(['element', 'hidden']);
const MAX_REPORTED = 5;

/** Internal consistency of a parsed HeapSnapshot; returns human-readable violations. */
export function checkInvariants(s) {
  const out = [];
  const bad = (msg) => out.length < MAX_REPORTED && out.push(msg);
  const n = s.header.nodeCount;
  const e = s.header.edgeCount;
  const { nodes, edges, firstEdge, strings } = s;
  for (const [k, col] of Object.entries({ type: nodes.type, name: nodes.name, id: nodes.id, selfSize: nodes.selfSize, edgeCount: nodes.edgeCount })) {
    if (!col || col.length !== n) bad(`nodes.${k} has length ${col?.length}, header says ${n}`);
  }
  for (const [k, col] of Object.entries({ type: edges.type, nameOrIndex: edges.nameOrIndex, toNode: edges.toNode })) {
    if (!col || col.length !== e) bad(`edges.${k} has length ${col?.length}, header says ${e}`);
  }
  if (!firstEdge || firstEdge.length !== n + 1) bad(`firstEdge has length ${firstEdge?.length}, want ${n + 1}`);
  if (out.length) return out;
  if (firstEdge[0] !== 0 || firstEdge[n] !== e) bad(`firstEdge spans [${firstEdge[0]}, ${firstEdge[n]}], want [0, ${e}]`);
  const nodeTypes = s.header.meta.nodeTypes.length;
  const edgeTypeNames = s.header.meta.edgeTypes;
  const stringCount = strings.length;
  for (let i = 0; i < n; i++) {
    if (firstEdge[i + 1] - firstEdge[i] !== nodes.edgeCount[i]) bad(`node ${i}: firstEdge step ${firstEdge[i + 1] - firstEdge[i]} != edgeCount ${nodes.edgeCount[i]}`);
    if (nodes.type[i] >= nodeTypes) bad(`node ${i}: type ${nodes.type[i]} outside node_types (${nodeTypes})`);
    if (nodes.name[i] >= stringCount) bad(`node ${i}: name index ${nodes.name[i]} >= ${stringCount} strings`);
    if (!(nodes.selfSize[i] >= 0)) bad(`node ${i}: selfSize ${nodes.selfSize[i]}`);
    if (out.length >= MAX_REPORTED) return out;
  }
  for (let k = 0; k < e; k++) {
    if (edges.toNode[k] >= n) bad(`edge ${k}: toNode ${edges.toNode[k]} >= ${n} nodes`);
    const t = edgeTypeNames[edges.type[k]];
    if (t === undefined) bad(`edge ${k}: type ${edges.type[k]} outside edge_types`);
    else if (!NAMED_EDGE_EXCEPTIONS.has(t) && edges.nameOrIndex[k] >= stringCount) bad(`edge ${k}: name index ${edges.nameOrIndex[k]} >= ${stringCount} strings`);
    if (out.length >= MAX_REPORTED) return out;
  }
  const limit = Math.min(stringCount, 200_000);
  for (let i = 0; i < limit; i++) {
    if (typeof strings.get(i) !== 'string') bad(`strings.get(${i}) is not a string`);
    if (out.length >= MAX_REPORTED) break;
  }
  return out;
}

/** Compares the parsed model with a plain JSON.parse of the same text; returns mismatches. */
export function checkAgainstOracle(s, json) {
  const out = [];
  const bad = (msg) => out.length < MAX_REPORTED && out.push(msg);
  const head = json?.snapshot;
  const meta = head?.meta;
  if (!meta || !Array.isArray(meta.node_fields) || !Array.isArray(json.nodes) || !Array.isArray(json.edges) || !Array.isArray(json.strings)) {
    return ['parser accepted a document without snapshot.meta.node_fields / nodes / edges / strings arrays'];
  }
  const fields = meta.node_fields;
  const fc = fields.length;
  const n = s.header.nodeCount;
  const e = s.header.edgeCount;
  if (head.node_count !== n) bad(`node_count: parsed ${n}, JSON ${head.node_count}`);
  if (head.edge_count !== e) bad(`edge_count: parsed ${e}, JSON ${head.edge_count}`);
  if (json.nodes.length !== n * fc) bad(`nodes has ${json.nodes.length} numbers, parsed ${n} × ${fc} fields`);
  if (json.edges.length !== e * 3) bad(`edges has ${json.edges.length} numbers, parsed ${e} × 3`);
  if (json.strings.length !== s.strings.length) bad(`strings: parsed ${s.strings.length}, JSON ${json.strings.length}`);
  if (out.length) return out;
  const columns = { type: s.nodes.type, name: s.nodes.name, id: s.nodes.id, self_size: s.nodes.selfSize, edge_count: s.nodes.edgeCount, trace_node_id: s.nodes.traceNodeId, detachedness: s.nodes.detachedness };
  fields.forEach((f, j) => {
    const col = columns[f];
    if (!col) return;
    for (let i = 0; i < n; i++) {
      if (col[i] !== json.nodes[i * fc + j]) {
        bad(`node ${i} ${f}: parsed ${col[i]}, JSON ${json.nodes[i * fc + j]}`);
        return;
      }
    }
  });
  const ef = meta.edge_fields ?? ['type', 'name_or_index', 'to_node'];
  const ti = ef.indexOf('type');
  const ni = ef.indexOf('name_or_index');
  const toi = ef.indexOf('to_node');
  for (let k = 0; k < e && out.length < MAX_REPORTED; k++) {
    const row = k * ef.length;
    if (s.edges.type[k] !== json.edges[row + ti]) bad(`edge ${k} type: parsed ${s.edges.type[k]}, JSON ${json.edges[row + ti]}`);
    if (s.edges.nameOrIndex[k] !== json.edges[row + ni]) bad(`edge ${k} name_or_index: parsed ${s.edges.nameOrIndex[k]}, JSON ${json.edges[row + ni]}`);
    if (s.edges.toNode[k] * fc !== json.edges[row + toi]) bad(`edge ${k} to_node: parsed ordinal ${s.edges.toNode[k]}, JSON index ${json.edges[row + toi]}`);
  }
  const limit = Math.min(json.strings.length, 200_000);
  for (let i = 0; i < limit && out.length < MAX_REPORTED; i++) {
    if (s.strings.get(i) !== json.strings[i]) bad(`string ${i}: parsed ${JSON.stringify(s.strings.get(i)).slice(0, 60)}, JSON ${JSON.stringify(json.strings[i]).slice(0, 60)}`);
  }
  return out;
}
