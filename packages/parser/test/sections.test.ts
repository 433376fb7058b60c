import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '@heaptrail/parser';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { sliced } from './helpers/fixtures.js';
import { expectSameSnapshot } from './helpers/compare.js';
import { referenceRead } from './helpers/reference-reader.js';
import { tinyHeader, tinySnapshot } from './helpers/tiny-snapshot.js';

describe('optional sections', () => {
  const traced = tinySnapshot({
    header: tinyHeader({ trace_function_count: 2 }),
    middle:
      ',\n"trace_function_infos":[1,3,4,7,10,2,2,4,4,7,20,5],' +
      '\n"trace_tree":[1,0,0,0,[2,0,3,96,[4,1,1,32,[]],3,1,2,64,[]],5,1,1,8,[]],' +
      '\n"samples":[100,3,250,5],\n"locations":[6,7,2,3]',
  });

  it('trace_function_infos, trace_tree, samples and locations match the reference reader at every chunk size', async () => {
    const expected = referenceRead(traced);
    for (const size of [1, 7, 65536]) expectSameSnapshot(await readSnapshot(sliced(Buffer.from(traced), size)), expected);
  });

  it('flattens trace_tree in pre-order with parent positions', async () => {
    const s = await readSnapshot(sliced(Buffer.from(traced), 3));
    expect(Array.from(s.traceTree!.id)).toEqual([1, 2, 4, 3, 5]);
    expect(Array.from(s.traceTree!.parent)).toEqual([0xffffffff, 0, 1, 0, 0xffffffff]);
    expect(Array.from(s.traceTree!.size)).toEqual([0, 96, 32, 64, 8]);
    expect(Array.from(s.samples!)).toEqual([100, 3, 250, 5]);
  });

  it('reads a trace_tree 100,000 levels deep without recursion', async () => {
    const depth = 100_000;
    const tree = '[1,0,1,8,'.repeat(depth) + '[]' + ']'.repeat(depth);
    const s = await readSnapshot(sliced(Buffer.from(tinySnapshot({ middle: `,\n"trace_tree":${tree}` })), 65536));
    const parent = s.traceTree!.parent;
    expect(parent.length).toBe(depth);
    expect(parent[0]).toBe(0xffffffff);
    let chained = true;
    for (let i = 1; i < depth; i++) if (parent[i] !== i - 1) chained = false;
    expect(chained).toBe(true);
  });

  it('leaves empty optional sections undefined', async () => {
    const s = await readSnapshot(sliced(Buffer.from(tinySnapshot()), 65536));
    expect(s.traceFunctionInfos).toBeUndefined();
    expect(s.traceTree).toBeUndefined();
    expect(s.samples).toBeUndefined();
    expect(s.locations).toBeUndefined();
    expect(s.skippedSections).toBeUndefined();
  });

  it('skips any valid JSON in a section it does not model, at every chunk size', async () => {
    const value = '{"a":[0,-1,2.5,-0.5e-3,1E+9,true,false,null,"x\\u0041\\n\\"]"],"b":{},"c":[[]],"d":"}"}';
    expect(() => JSON.parse(value)).not.toThrow();
    const text = tinySnapshot({ middle: `,\n"scopes":${value},\n"scope_uses": 7 ` });
    for (const size of [1, 7, 65536]) {
      const s = await readSnapshot(sliced(Buffer.from(text), size));
      expect(s.skippedSections).toEqual(['scopes', 'scope_uses']);
      expect(s.strings.length).toBe(5);
    }
  });

  it('accepts a snapshot with only the required sections (older V8, other producers)', async () => {
    const s = await readSnapshot(sliced(Buffer.from(tinySnapshot({ middle: '' })), 7));
    expect(s.header.nodeCount).toBe(3);
    expect(s.strings.length).toBe(5);
  });
});

describe('streams of unknown size', () => {
  it('grow columns past their initial capacity and keep every record in place', async () => {
    // 1.5 M nodes, each with one edge to the next: past the 2^20 records columns start with.
    const n = 1_500_000;
    const header = tinyHeader({ node_count: n, edge_count: n - 1 });
    function* text(): Generator<Buffer> {
      yield Buffer.from(`{"snapshot":${header},\n"nodes":[`);
      for (let start = 0; start < n; start += 100_000) {
        const rows: string[] = [];
        for (let i = start; i < start + 100_000; i++) rows.push(`3,${i % 5},${2 * i + 1},${i % 1000},${i < n - 1 ? 1 : 0},0`);
        yield Buffer.from((start > 0 ? '\n,' : '') + rows.join('\n,'));
      }
      yield Buffer.from('],\n"edges":[');
      for (let start = 0; start < n - 1; start += 100_000) {
        const rows: string[] = [];
        for (let i = start; i < Math.min(n - 1, start + 100_000); i++) rows.push(`2,${i % 5},${(i + 1) * 6}`);
        yield Buffer.from((start > 0 ? '\n,' : '') + rows.join('\n,'));
      }
      yield Buffer.from('],\n"strings":["a","b","c","d","e"]}');
    }
    const s = await readSnapshot(Readable.from(text()));
    expect(s.nodes.id.length).toBe(n);
    expect(s.edges.toNode.length).toBe(n - 1);
    let ok = true;
    for (let i = 0; i < n; i++) {
      if (s.nodes.id[i] !== 2 * i + 1 || s.nodes.selfSize[i] !== i % 1000 || s.nodes.name[i] !== i % 5) ok = false;
      if (i < n - 1 && (s.edges.toNode[i] !== i + 1 || s.firstEdge[i] !== i)) ok = false;
    }
    expect(ok).toBe(true);
    expect(s.firstEdge[n]).toBe(n - 1);
  });
});

describe('large optional sections', () => {
  it('locations longer than one storage block (20 000 closures, over 65 536 numbers) keep every number in order', async () => {
    const b = new SnapshotBuilder();
    for (let i = 0; i < 20_000; i++) {
      const f = b.node(`f${i % 13}`, 32, { type: 'closure' });
      b.root.edge(f, 'element', i);
      b.location(f, i % 97, i, (i * 7) % 1000);
    }
    const parsed = await readSnapshot(Readable.from([Buffer.from(b.toJSON())]));
    expect(parsed.locations!.length).toBeGreaterThan(65_536);
    expect(Array.from(parsed.locations!)).toEqual(Array.from(b.build().locations!));
  });
});
