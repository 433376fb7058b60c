// Mutations that keep the snapshot valid but make the graph strange: retargeted and
// self-looping edges, an unreachable heap, all-weak edges, odd node types, names,
// sizes and ids. The parser must accept these; the analysis must not crash on them.

function sectionNumbers(seed, name) {
  const s = seed.layout.sections.find((x) => x.name === name);
  if (!s) return undefined;
  return { section: s, values: JSON.parse(seed.bytes.toString('latin1', s.valueStart, s.valueEnd)) };
}

function headerMeta(seed) {
  return JSON.parse(seed.bytes.toString('latin1', seed.layout.headerStart, seed.layout.headerEnd)).meta;
}

/** Rebuilds the text with new nodes and edges arrays, everything else byte for byte. */
function rebuild(seed, nodes, edges) {
  const b = seed.bytes;
  const n = nodes.section;
  const e = edges.section;
  return Buffer.concat([
    b.subarray(0, n.valueStart), Buffer.from(`[${nodes.values.join(',')}]`),
    b.subarray(n.valueEnd, e.valueStart), Buffer.from(`[${edges.values.join(',')}]`),
    b.subarray(e.valueEnd),
  ]);
}

const VARIANTS = [
  'retarget-edges', 'root-self-loops', 'all-weak', 'retype-nodes', 'rename-nodes', 'huge-sizes', 'same-ids', 'shuffle-edge-types', 'detachedness', 'edges-to-root',
];

export const GRAPH_MUTATORS = [
  {
    name: 'graph-rewire', weight: 8,
    apply: (rng, seed) => {
      const nodes = sectionNumbers(seed, 'nodes');
      const edges = sectionNumbers(seed, 'edges');
      const strings = seed.layout.stringStarts.length;
      if (!nodes || !edges || strings === 0) return { bytes: seed.bytes, note: 'no sections to rewire' };
      const meta = headerMeta(seed);
      const nf = meta.node_fields.length;
      const nodeCount = nodes.values.length / nf;
      const edgeCount = edges.values.length / 3;
      if (nodeCount < 2 || edgeCount < 1) return { bytes: seed.bytes, note: 'graph too small' };
      const col = (f) => meta.node_fields.indexOf(f);
      const edgeTypes = meta.edge_types[0];
      const variant = rng.pick(VARIANTS);
      const k = rng.chance(0.5) ? rng.int(1, 10) : Math.max(1, Math.floor(edgeCount * rng.next()));
      const N = nodes.values;
      const E = edges.values;
      switch (variant) {
        case 'retarget-edges':
          for (let i = 0; i < k; i++) E[rng.int(0, edgeCount) * 3 + 2] = rng.int(0, nodeCount) * nf;
          break;
        case 'root-self-loops':
          // Every edge of the root points back at the root: the rest of the heap is unreachable.
          for (let i = 0; i < N[col('edge_count')]; i++) E[i * 3 + 2] = 0;
          break;
        case 'edges-to-root':
          for (let i = 0; i < k; i++) E[rng.int(0, edgeCount) * 3 + 2] = 0;
          break;
        case 'all-weak': {
          const weak = edgeTypes.indexOf('weak');
          for (let i = 0; i < edgeCount; i++) if (rng.chance(0.9)) E[i * 3] = weak;
          break;
        }
        case 'shuffle-edge-types':
          for (let i = 0; i < k; i++) {
            const at = rng.int(0, edgeCount) * 3;
            E[at] = rng.int(0, edgeTypes.length);
            E[at + 1] = rng.int(0, strings); // a valid string index, and a fine element index
          }
          break;
        case 'retype-nodes':
          for (let i = 0; i < k; i++) N[rng.int(0, nodeCount) * nf + col('type')] = rng.int(0, meta.node_types[0].length);
          break;
        case 'rename-nodes':
          for (let i = 0; i < k; i++) N[rng.int(0, nodeCount) * nf + col('name')] = rng.int(0, strings);
          break;
        case 'huge-sizes':
          for (let i = 0; i < k; i++) N[rng.int(0, nodeCount) * nf + col('self_size')] = rng.pick([0, 4294967295, 4294967296, 2 ** 40, 2 ** 53 - 1]);
          break;
        case 'same-ids': {
          const id = rng.pick([0, 1, 2, 4294967295]);
          for (let i = 0; i < nodeCount; i++) if (rng.chance(0.5)) N[i * nf + col('id')] = id;
          break;
        }
        case 'detachedness': {
          const d = col('detachedness');
          if (d < 0) return { bytes: seed.bytes, note: 'no detachedness field' };
          for (let i = 0; i < k; i++) N[rng.int(0, nodeCount) * nf + d] = rng.int(0, 3);
          break;
        }
      }
      return { bytes: rebuild(seed, nodes, edges), note: `${variant} (k=${k})` };
    },
  },
];
