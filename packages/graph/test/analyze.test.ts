// DevTools' own heap-snapshot test graphs (HeapSnapshot.test.ts and the legacy
// heap_profiler_test_runner) with their expected values, plus extra cases for what
// those leave out (weak-only and unreachable nodes, cycles, WeakMap pairs), run
// through the whole analyze() pipeline.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '@heaptrail/parser';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { analyze, analyzeSizes, buildRetainers, classSummary, NONE, SYSTEM_DISTANCE, type AnalyzePhase } from '@heaptrail/graph';

function devtoolsMock() {
  // Fixture A: a hidden root and objects A..E with ids 2..6 and sizes 2..6.
  const b = new SnapshotBuilder({ rootType: 'hidden' });
  const [A, B, C, D, E] = ['A', 'B', 'C', 'D', 'E'].map((name, i) => b.node(name, i + 2, { id: i + 2 }));
  b.root.edge(A!, 'property', 'a').edge(B!, 'property', 'b');
  A!.edge(B!, 'element', 1).edge(C!, 'property', 'ac');
  B!.edge(C!, 'property', 'bc').edge(D!, 'property', 'bd');
  C!.edge(E!, 'property', 'ce');
  return b.build();
}

const ids = (graph: { dominator: Uint32Array }) => Array.from(graph.dominator);

describe('analyze() on DevTools test graphs', () => {
  it('computes the 6-node mock dominators, retained sizes, retainers and distances', () => {
    const snapshot = devtoolsMock();
    const graph = analyze(snapshot);
    expect(ids(graph)).toEqual([0, 0, 0, 0, 2, 3]);
    expect(Array.from(graph.retainedSize)).toEqual([20, 2, 8, 10, 5, 6]);
    expect(graph.totalSize).toBe(20);
    const name = (o: number) => snapshot.strings.get(snapshot.nodes.name[o]!);
    const index = buildRetainers(snapshot);
    const retainers = (o: number) =>
      Array.from(index.retainerNode.subarray(index.firstRetainer[o], index.firstRetainer[o + 1])).map(name);
    expect([0, 1, 2, 3, 4, 5].map(retainers)).toEqual([[], [''], ['', 'A'], ['A', 'B'], ['B'], ['C']]);
    expect(Array.from(graph.distance)).toEqual([SYSTEM_DISTANCE, 1, 1, 2, 2, 3]);
  });

  it('lists dominator tree children as DevTools does (dominatedNodes)', () => {
    const graph = analyze(devtoolsMock());
    expect(Array.from(graph.firstDominatorChild)).toEqual([0, 3, 3, 4, 5, 5, 5]);
    expect(Array.from(graph.dominatorChildren)).toEqual([1, 2, 3, 4, 5]);
  });

  it('sums retained sizes past 2^32 (a chain of six 1e9-byte objects)', () => {
    const b = new SnapshotBuilder({ rootType: 'hidden' });
    let prev = b.root;
    for (let i = 0; i < 6; i++) {
      const next = b.node(`Node${i}`, 1e9);
      prev.edge(next, 'element');
      prev = next;
    }
    const graph = analyze(b.build());
    expect(graph.retainedSize[0]).toBe(6e9);
    expect(Array.from(graph.retainedSize)).toEqual([6e9, 6e9, 5e9, 4e9, 3e9, 2e9, 1e9]);
  });

  it('keeps sizes in Uint32 arrays up to a total of 2^32 - 1, exactly, and in Float64 ones past it', () => {
    for (const extra of [0, 1]) {
      const b = new SnapshotBuilder({ rootType: 'hidden' });
      const a = b.node('A', 0xffffffff - 3);
      const c = b.node('C', 2 + extra);
      const d = b.node('D', 1);
      b.root.edge(a, 'element');
      a.edge(c, 'element');
      c.edge(d, 'element');
      const graph = analyze(b.build());
      expect(graph.retainedSize).toBeInstanceOf(extra === 0 ? Uint32Array : Float64Array);
      expect(Array.from(graph.retainedSize)).toEqual([0xffffffff + extra, 0xffffffff + extra, 3 + extra, 1]);
      expect(graph.totalSize).toBe(0xffffffff + extra);
    }
  });

  it('gives a diamond join the root as dominator, not its first retainer', () => {
    const b = new SnapshotBuilder();
    const [A, B, C] = [b.node('A', 1), b.node('B', 1), b.node('C', 5)];
    b.root.edge(A, 'property', 'a').edge(B, 'property', 'b');
    A.edge(C, 'property', 'c');
    B.edge(C, 'property', 'c');
    const graph = analyze(b.build());
    expect(graph.dominator[C.ordinal]).toBe(0);
    expect(graph.retainedSize[A.ordinal]).toBe(1);
    expect(graph.retainedSize[0]).toBe(7);
  });

  it('treats objects reachable only through weak edges as held by the root, and counts their subtree', () => {
    const b = new SnapshotBuilder();
    const A = b.node('A', 1);
    const X = b.node('X', 10);
    const Y = b.node('Y', 100);
    b.root.edge(A, 'property', 'a');
    A.edge(X, 'weak', 'w');
    X.edge(Y, 'property', 'y');
    const graph = analyze(b.build());
    expect(graph.dominator[X.ordinal]).toBe(0);
    expect(graph.dominator[Y.ordinal]).toBe(X.ordinal);
    expect(graph.retainedSize[X.ordinal]).toBe(110);
    expect(graph.retainedSize[A.ordinal]).toBe(1);
    expect(graph.retainedSize[0]).toBe(111);
    expect(graph.distance[X.ordinal]).toBe(NONE);
    expect(graph.parentEdge[X.ordinal]).toBe(NONE);
  });

  it('credits a WeakMap value to its key, not the table, and puts it one past the later of the two', () => {
    const b = new SnapshotBuilder();
    const key = b.node('Key', 1, { id: 101 });
    const map = b.node('WeakMap', 1, { id: 103 });
    const table = b.node('system / EphemeronHashTable', 1, { type: 'hidden', id: 105 });
    const value = b.node('Value', 50, { id: 107 });
    b.root.edge(key, 'shortcut', 'k').edge(map, 'shortcut', 'm');
    map.edge(table, 'internal', 'table');
    const pair = ' / part of key (Key @101) -> value (Value @107) pair in WeakMap (table @105)';
    key.edge(value, 'internal', `1${pair}`);
    table.edge(value, 'internal', `2${pair}`);
    const graph = analyze(b.build());
    expect(graph.dominator[value.ordinal]).toBe(key.ordinal);
    expect(graph.retainedSize[key.ordinal]).toBe(51);
    expect(graph.distance[key.ordinal]).toBe(1);
    expect(graph.distance[table.ordinal]).toBe(2);
    expect(graph.distance[value.ordinal]).toBe(3);
    expect(graph.parentEdge[value.ordinal]).toBe(graph.snapshot.firstEdge[table.ordinal]);
  });

  it('hangs a cycle nobody reaches from the root, member by member', () => {
    const b = new SnapshotBuilder();
    const A = b.node('A', 1);
    const X = b.node('X', 10);
    const Y = b.node('Y', 20);
    b.root.edge(A, 'property', 'a');
    X.edge(Y, 'property', 'y');
    Y.edge(X, 'property', 'x');
    const graph = analyze(b.build());
    expect(graph.dominator[X.ordinal]).toBe(0);
    expect(graph.dominator[Y.ordinal]).toBe(0);
    expect(graph.retainedSize[0]).toBe(31);
    expect(graph.distance[X.ordinal]).toBe(NONE);
  });

  it('ignores shortcut edges from nodes other than the root', () => {
    const b = new SnapshotBuilder();
    const [A, B, C] = [b.node('A', 1), b.node('B', 1), b.node('C', 5)];
    b.root.edge(A, 'property', 'a').edge(B, 'property', 'b');
    A.edge(C, 'property', 'c');
    B.edge(C, 'shortcut', 'c');
    const graph = analyze(b.build());
    expect(graph.dominator[C.ordinal]).toBe(A.ordinal);
    expect(graph.retainedSize[A.ordinal]).toBe(6);
  });

  it('does not let a self edge count as a retainer', () => {
    // X is held only by itself: it has no essential retainer, so it is a weak-only
    // root child and dominates Y. Were the self edge essential, X would be an
    // unreachable cycle and Y a root child too.
    const b = new SnapshotBuilder();
    const X = b.node('X', 1);
    const Y = b.node('Y', 2);
    X.edge(X, 'property', 'self').edge(Y, 'property', 'y');
    const graph = analyze(b.build());
    expect(graph.dominator[X.ordinal]).toBe(0);
    expect(graph.dominator[Y.ordinal]).toBe(X.ordinal);
    expect(graph.retainedSize[X.ordinal]).toBe(3);
  });

  it('keeps a debugger-held reference from stealing a page-owned object (PageOwned fixture)', () => {
    const b = new SnapshotBuilder({ rootType: 'hidden' });
    const debuggerNode = b.node('Debugger', 1);
    const window = b.node('Window', 1);
    const pageOwned = b.node('PageOwnedNode', 1);
    const debuggerOwned = b.node('debuggerOwnedNode', 1);
    b.root.edge(debuggerNode, 'element').edge(window, 'shortcut', 'w');
    window.edge(pageOwned, 'element');
    debuggerNode.edge(pageOwned, 'property', 'debugger2pageOwnedNode').edge(debuggerOwned, 'element');
    expect(analyze(b.build()).dominator[pageOwned.ordinal]).toBe(window.ordinal);
    expect(analyze(b.build(), { pageOwnedRule: false }).dominator[pageOwned.ordinal]).toBe(0);
  });

  it('moves the size of an internal array with one owner into its owner, unless told not to', () => {
    const b = new SnapshotBuilder();
    const arr = b.node('Array', 16);
    const store = b.node('', 800, { type: 'array' });
    const shared = b.node('', 40, { type: 'hidden' });
    const other = b.node('Other', 8);
    b.root.edge(arr, 'shortcut', 'g').edge(other, 'shortcut', 'o');
    arr.edge(store, 'internal', 'elements').edge(shared, 'internal', 'map');
    other.edge(shared, 'internal', 'map');
    const snapshot = b.build();
    const graph = analyze(snapshot);
    expect(graph.selfSize[arr.ordinal]).toBe(816);
    expect(graph.selfSize[store.ordinal]).toBe(0);
    expect(graph.selfSize[shared.ordinal]).toBe(40);
    expect(graph.totalSize).toBe(864);
    expect(snapshot.nodes.selfSize[arr.ordinal]).toBe(16);
    const raw = analyze(snapshot, { reattributeShallowSizes: false });
    expect(raw.selfSize[arr.ordinal]).toBe(16);
    expect(raw.retainedSize[arr.ordinal]).toBe(816);
  });

  it('reports each phase starting and ending, in pipeline order', () => {
    const seen: string[] = [];
    analyze(devtoolsMock(), { onProgress: (phase: AnalyzePhase, done, total) => seen.push(`${phase} ${done}/${total}`) });
    expect(seen).toEqual([
      'classes 0/6', 'classes 6/6', 'dominators 0/6', 'dominators 6/6',
      'retained sizes 0/6', 'retained sizes 6/6', 'distances 0/6', 'distances 6/6',
    ]);
  });

  it('copes with eval() paths longer than its preallocated compression stack', () => {
    // root → C0 → C1 → … → C4999 → C1, and root → C3. The first eval() climbs the
    // whole uncompressed chain; the semidominator that matters (C3's, the root) sits
    // at its far end, so a truncated compression stack would give C1 the idom C0.
    const b = new SnapshotBuilder();
    const chain = Array.from({ length: 5000 }, (_, i) => b.node(`C${i}`, 1));
    b.root.edge(chain[0]!, 'shortcut', 'g').edge(chain[3]!, 'shortcut', 'h');
    chain.forEach((c, i) => {
      if (i + 1 < chain.length) c.edge(chain[i + 1]!, 'property', 'next');
    });
    chain[4999]!.edge(chain[1]!, 'property', 'back');
    const graph = analyze(b.build());
    expect(graph.dominator[chain[1]!.ordinal]).toBe(0);
    expect(graph.dominator[chain[2]!.ordinal]).toBe(chain[1]!.ordinal);
    expect(graph.dominator[chain[3]!.ordinal]).toBe(0);
    expect(graph.dominator[chain[4999]!.ordinal]).toBe(chain[4998]!.ordinal);
    expect(graph.retainedSize[chain[0]!.ordinal]).toBe(1);
  });

  it('copes with a fan wider than its preallocated ownership stack', () => {
    const b = new SnapshotBuilder();
    const owner = b.node('Owner', 0);
    b.root.edge(owner, 'shortcut', 'o');
    // Every cell is pending on the stack at once, and each owns one more cell below it.
    for (let i = 0; i < 5000; i++) {
      const cell = b.node('', 2, { type: 'hidden' });
      owner.edge(cell, 'internal', 'cell');
      cell.edge(b.node('', 1, { type: 'array' }), 'internal', 'store');
    }
    const graph = analyze(b.build());
    expect(graph.selfSize[owner.ordinal]).toBe(15000);
    expect(graph.retainedSize[owner.ordinal]).toBe(15000);
  });

  it('handles an empty graph with only the root', () => {
    const graph = analyze(new SnapshotBuilder().build());
    expect(Array.from(graph.dominator)).toEqual([0]);
    expect(graph.totalSize).toBe(0);
    expect(graph.distance[0]).toBe(0);
  });
});

describe('analyzeSizes()', () => {
  const sample = fileURLToPath(new URL('../../../samples/agent-history/s2.heapsnapshot.gz', import.meta.url));

  it('gives analyze()\'s classes, dominators, dominator children and sizes on a real snapshot, without distances', async () => {
    const full = analyze(await readSnapshot(sample));
    const phases: string[] = [];
    const sized = analyzeSizes(await readSnapshot(sample), { onProgress: (phase, done) => void (done === 0 && phases.push(phase)) });
    expect(phases).toEqual(['classes', 'dominators', 'retained sizes']);
    expect('distance' in sized || 'parentEdge' in sized).toBe(false);
    expect(sized.classNames).toEqual(full.classNames);
    for (const key of ['classOf', 'dominator', 'firstDominatorChild', 'dominatorChildren', 'selfSize', 'retainedSize'] as const) {
      expect(Buffer.from(sized[key].buffer, sized[key].byteOffset, sized[key].byteLength).equals(Buffer.from(full[key].buffer, full[key].byteOffset, full[key].byteLength)), key).toBe(true);
    }
    expect(sized.totalSize).toBe(full.totalSize);
    expect(classSummary(sized)).toEqual(classSummary(full));
  });
});
