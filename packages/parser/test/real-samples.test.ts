import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readSnapshot, type HeapSnapshot } from '@heaptrail/parser';
import { expectSameSnapshot, snapshotDifferences } from './helpers/compare.js';
import { referenceRead } from './helpers/reference-reader.js';
import { sliced } from './helpers/fixtures.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

// Committed samples (picked up as they are added) plus one written here by this Node.
const fresh = join(mkdtempSync(join(tmpdir(), 'heaptrail-real-')), 'fresh.heapsnapshot');
execFileSync(process.execPath, [
  '-e',
  `globalThis.keep = Array.from({ length: 2000 }, (_, i) => ({ i, s: 'ü' + i, f: () => i }));
   require('v8').writeHeapSnapshot(${JSON.stringify(fresh)});`,
]);
const committed = existsSync(join(repo, 'samples'))
  ? readdirSync(join(repo, 'samples'), { recursive: true, encoding: 'utf8' }).filter((p) => /\.heapsnapshot(\.gz)?$/.test(p))
  : [];
// With allocation tracking: 7 node fields, trace_function_infos and a nested trace_tree.
const traced = join(fresh, '..', 'traced.heapsnapshot');
execFileSync(process.execPath, [
  '--track-heap-objects',
  '-e',
  `globalThis.keep = Array.from({ length: 500 }, (_, i) => ({ i, f: () => i }));
   require('v8').writeHeapSnapshot(${JSON.stringify(traced)});`,
]);
const samples = [fresh, traced, ...committed.sort().map((p) => join(repo, 'samples', p))];
const name = (p: string) =>
  p === fresh ? 'a snapshot written by this Node' : p === traced ? 'a snapshot written with --track-heap-objects' : relative(repo, p);
const text = (p: string) => {
  const raw = readFileSync(p);
  return raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
};

describe('readSnapshot agrees with a JSON.parse reference reader on real snapshots', () => {
  for (const path of samples) {
    it(`${name(path)}`, async () => {
      const parsed = await readSnapshot(path);
      const bytes = text(path);
      expectSameSnapshot(parsed, referenceRead(bytes.toString('utf8')));
      expect(parsed.byteLength).toBe(bytes.length);
    });
  }

  it('reads the allocation traces of a --track-heap-objects snapshot', async () => {
    const s = await readSnapshot(traced);
    expect(s.header.traceFunctionCount).toBeGreaterThan(0);
    expect(s.traceFunctionInfos!.length).toBe(s.header.traceFunctionCount * s.header.meta.traceFunctionInfoFields.length);
    expect(s.traceTree!.id.length).toBeGreaterThan(1);
    expect(s.traceTree!.parent[0]).toBe(0xffffffff);
    expect(s.nodes.traceNodeId).toBeDefined();
  });

  it('reads a real snapshot identically in 7-byte slices and 64 KiB file chunks', async () => {
    const path = samples[samples.length - 1]!;
    const whole = await readSnapshot(path);
    expect(snapshotDifferences(await readSnapshot(path, { chunkSize: 65536 }), whole)).toEqual([]);
    expect(snapshotDifferences(await readSnapshot(sliced(text(path), 7)), whole)).toEqual([]);
  });
});

// heapsnapshot-parser (2015, JSON.parse based) as a second, independent oracle for
// node fields and edge endpoints. Not for element/hidden edge names: it looks
// them up in the string table although they are numbers.
describe('readSnapshot agrees with heapsnapshot-parser on nodes and edge endpoints', () => {
  const oracle = createRequire(import.meta.url)('heapsnapshot-parser') as { parse(text: string): OracleSnapshot };
  const firstOfEach = samples.filter((p, i) => p === fresh || p === traced || !samples.slice(0, i).some((q) => q.split('/').slice(0, -1).join('/') === p.split('/').slice(0, -1).join('/')));
  for (const path of firstOfEach) {
    it(`${name(path)}`, async () => {
      const s = await readSnapshot(path);
      const o = oracle.parse(text(path).toString('utf8'));
      expect(o.nodes.length).toBe(s.header.nodeCount);
      expect(o.edges.length).toBe(s.header.edgeCount);
      expect(firstNodeMismatch(s, o)).toBe('');
      expect(firstEdgeMismatch(s, o)).toBe('');
    });
  }
});

interface OracleNode {
  type: string;
  name: string;
  id: number;
  self_size: number;
  edge_count: number;
}
interface OracleEdge {
  type: string;
  fromNode: OracleNode;
  toNode: OracleNode;
}
interface OracleSnapshot {
  nodes: OracleNode[];
  edges: OracleEdge[];
}

function firstNodeMismatch(s: HeapSnapshot, o: OracleSnapshot): string {
  const types = s.header.meta.nodeTypes;
  for (let i = 0; i < s.header.nodeCount; i++) {
    const n = o.nodes[i]!;
    const ours = [types[s.nodes.type[i]!], s.strings.get(s.nodes.name[i]!), s.nodes.id[i], s.nodes.selfSize[i], s.nodes.edgeCount[i]];
    const theirs = [n.type, n.name, n.id, n.self_size, n.edge_count];
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) return `node ${i}: ${JSON.stringify(ours)} != ${JSON.stringify(theirs)}`;
  }
  return '';
}

function firstEdgeMismatch(s: HeapSnapshot, o: OracleSnapshot): string {
  const index = new Map(o.nodes.map((n, i) => [n, i]));
  const types = s.header.meta.edgeTypes;
  for (let n = 0; n < s.header.nodeCount; n++) {
    for (let e = s.firstEdge[n]!; e < s.firstEdge[n + 1]!; e++) {
      const edge = o.edges[e]!;
      const ours = [n, s.edges.toNode[e], types[s.edges.type[e]!]];
      const theirs = [index.get(edge.fromNode), index.get(edge.toNode), edge.type];
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) return `edge ${e}: ${JSON.stringify(ours)} != ${JSON.stringify(theirs)}`;
    }
  }
  return '';
}
