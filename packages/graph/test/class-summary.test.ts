import { describe, expect, it } from 'vitest';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { analyze } from '../src/analyze.js';
import { classSummary } from '../src/class-summary.js';
import { randomSnapshot } from './reference/random-graph.js';

const noReattribution = { reattributeShallowSizes: false } as const;

describe('classSummary()', () => {
  it('counts instances and sums shallow and retained sizes per class', () => {
    const b = new SnapshotBuilder();
    const global = b.node('global', 100);
    b.root.edge(global, 'shortcut', 'global');
    const a1 = b.node('A', 10);
    const a2 = b.node('A', 20);
    global.edge(a1, 'property', 'a1').edge(a2, 'property', 'a2');
    a1.edge(b.node('B', 5), 'property', 'b');
    const rows = classSummary(analyze(b.build(), noReattribution));
    expect(rows).toEqual([
      { className: 'global', count: 1, shallowSize: 100, retainedSize: 135 },
      { className: 'A', count: 2, shallowSize: 30, retainedSize: 35 },
      { className: 'B', count: 1, shallowSize: 5, retainedSize: 5 },
    ]);
  });

  it('does not double count nested instances of the same class (a linked list is its head)', () => {
    const b = new SnapshotBuilder();
    const global = b.node('global', 0);
    b.root.edge(global, 'shortcut', 'global');
    let prev = b.node('ListNode', 10);
    global.edge(prev, 'property', 'head');
    for (let i = 0; i < 4; i++) {
      const next = b.node('ListNode', 10);
      prev.edge(next, 'property', 'next');
      prev = next;
    }
    const row = classSummary(analyze(b.build(), noReattribution)).find((r) => r.className === 'ListNode')!;
    expect(row).toEqual({ className: 'ListNode', count: 5, shallowSize: 50, retainedSize: 50 });
  });

  it('counts a class again below an instance of another class, and separately in sibling subtrees', () => {
    const b = new SnapshotBuilder();
    const global = b.node('global', 0);
    b.root.edge(global, 'shortcut', 'global');
    const outer = b.node('Box', 10);
    const wrapper = b.node('Wrapper', 1);
    const inner = b.node('Box', 10);
    const sibling = b.node('Box', 7);
    global.edge(outer, 'property', 'outer').edge(sibling, 'property', 'sibling');
    outer.edge(wrapper, 'property', 'w');
    wrapper.edge(inner, 'property', 'box');
    const rows = classSummary(analyze(b.build(), noReattribution));
    expect(rows.find((r) => r.className === 'Box')!.retainedSize).toBe(21 + 7);
    expect(rows.find((r) => r.className === 'Wrapper')!.retainedSize).toBe(11);
  });

  it('leaves out nodes with zero self size, like the synthetic roots', () => {
    const b = new SnapshotBuilder();
    const gc = b.node('(GC roots)', 0, { type: 'synthetic' });
    b.root.edge(gc, 'element', 1);
    gc.edge(b.node('Thing', 8), 'element', 0);
    const rows = classSummary(analyze(b.build(), noReattribution));
    expect(rows.map((r) => r.className)).toEqual(['Thing']);
  });

  it('sorts by retained size, then by name', () => {
    const b = new SnapshotBuilder();
    const global = b.node('global', 1);
    b.root.edge(global, 'shortcut', 'global');
    for (const name of ['Zed', 'Alpha', 'Mid']) global.edge(b.node(name, name === 'Mid' ? 9 : 4), 'property', name);
    const rows = classSummary(analyze(b.build(), noReattribution));
    expect(rows.map((r) => r.className)).toEqual(['global', 'Mid', 'Alpha', 'Zed']);
  });
});

describe('classSummary() against a brute-force reference on random graphs', () => {
  /** Per class: a node counts towards retained size unless a dominator ancestor of the same class has a self size. */
  function naive(graph: ReturnType<typeof analyze>): Map<string, { count: number; shallowSize: number; retainedSize: number }> {
    const out = new Map<string, { count: number; shallowSize: number; retainedSize: number }>();
    for (let v = 0; v < graph.nodeCount; v++) {
      if (graph.selfSize[v]! <= 0) continue;
      const name = graph.classNames[graph.classOf[v]!]!;
      const row = out.get(name) ?? { count: 0, shallowSize: 0, retainedSize: 0 };
      row.count++;
      row.shallowSize += graph.selfSize[v]!;
      let nested = false;
      for (let x = v; x !== 0 && !nested; ) {
        x = graph.dominator[x]!;
        nested = graph.classOf[x] === graph.classOf[v] && graph.selfSize[x]! > 0;
      }
      if (!nested) row.retainedSize += graph.retainedSize[v]!;
      out.set(name, row);
    }
    return out;
  }

  it('matches on 500 seeded graphs with few class names (many nested instances)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const graph = analyze(randomSnapshot(seed));
      const rows = classSummary(graph);
      const expected = naive(graph);
      expect(rows.length, `seed ${seed}`).toBe(expected.size);
      for (const r of rows) expect(r, `seed ${seed} ${r.className}`).toEqual({ className: r.className, ...expected.get(r.className)! });
    }
  });
});
