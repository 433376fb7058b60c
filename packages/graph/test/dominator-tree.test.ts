import { describe, expect, it } from 'vitest';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { analyze } from '../src/analyze.js';
import { dominatorTree } from '../src/dominator-tree.js';
import type { DominatorTreeNode } from '../src/types.js';

function heap() {
  const b = new SnapshotBuilder();
  const global = b.node('global', 1);
  b.root.edge(global, 'shortcut', 'global');
  const sizes = [50, 40, 30, 20, 10];
  const kids = sizes.map((s, i) => {
    const k = b.node(`K${i}`, s);
    global.edge(k, 'property', `k${i}`);
    return k;
  });
  kids[0]!.edge(b.node('Leaf', 5), 'property', 'leaf');
  return analyze(b.build(), { reattributeShallowSizes: false });
}

function sumsUp(node: DominatorTreeNode): boolean {
  const children = node.children.reduce((s, c) => s + c.retainedSize, 0) + node.otherSize;
  return children === node.retainedSize - node.selfSize && node.children.every(sumsUp);
}

describe('dominatorTree()', () => {
  it('keeps the `top` largest children per node and sums the rest into otherSize/otherCount', () => {
    const tree = dominatorTree(heap(), { depth: 3, top: 2 });
    const global = tree.children[0]!;
    expect(global.className).toBe('global');
    expect(global.children.map((c) => [c.className, c.retainedSize])).toEqual([['K0', 55], ['K1', 40]]);
    expect(global.otherSize).toBe(60);
    expect(global.otherCount).toBe(3);
    expect(global.children[0]!.children.map((c) => c.className)).toEqual(['Leaf']);
  });

  it('cuts at `depth` levels below the root, folding deeper nodes into otherSize', () => {
    const tree = dominatorTree(heap(), { depth: 1, top: 10 });
    const global = tree.children[0]!;
    expect(global.children).toEqual([]);
    expect(global.otherCount).toBe(5);
    expect(global.otherSize).toBe(155);
  });

  it('adds up at every level: children + other = retained - self', () => {
    expect(sumsUp(dominatorTree(heap(), { depth: 5, top: 3 }))).toBe(true);
    expect(sumsUp(dominatorTree(heap(), { depth: 2, top: 1 }))).toBe(true);
  });

  it('carries id, raw name and sizes of each node', () => {
    const tree = dominatorTree(heap(), { depth: 2, top: 1 });
    const k0 = tree.children[0]!.children[0]!;
    expect(k0).toMatchObject({ name: 'K0', className: 'K0', selfSize: 50, retainedSize: 55 });
    expect(tree.retainedSize).toBe(156);
  });
});
