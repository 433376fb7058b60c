import { describe, expect, it } from 'vitest';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { computeDistances, computeEdgeRules, parseWeakMapEdgeName, typeIds } from '@heaptrail/graph';

describe('edge rules', () => {
  it('parseWeakMapEdgeName() reads the table id from V8 ephemeron edge names and rejects other names', () => {
    const name = '7 / part of key (Object @41) -> value (Array @43) pair in WeakMap (table @45)';
    expect(parseWeakMapEdgeName(name)).toEqual({ keyId: 41, valueId: 43, tableId: 45 });
    expect(parseWeakMapEdgeName('part of key (Object @41) -> value (Array @43) pair in WeakMap (table @45)')).toBeUndefined();
    expect(parseWeakMapEdgeName('elements')).toBeUndefined();
  });

  it('distances skip the NativeContext sloppy_function_map edge and (map descriptors) descriptor links', () => {
    const b = new SnapshotBuilder();
    const context = b.node('system / NativeContext', 8, { type: 'hidden' });
    const sloppy = b.node('system / Map', 8, { type: 'hidden' });
    const descriptors = b.node('(map descriptors)', 8, { type: 'array' });
    const kept = b.node('key', 8, { type: 'string' });
    const link = b.node('value', 8, { type: 'string' });
    b.root.edge(context, 'element').edge(descriptors, 'element');
    context.edge(sloppy, 'internal', 'sloppy_function_map');
    descriptors.edge(kept, 'element', 3).edge(link, 'element', 4);
    const s = b.build();
    const rules = computeEdgeRules(s);
    const { distance } = computeDistances(s, rules);
    expect(distance[kept.ordinal]).toBe(2);
    expect(distance[link.ordinal]).toBe(0xffffffff);
    expect(distance[sloppy.ordinal]).toBe(0xffffffff);
  });

  it('use the type ids they are given (analyze() reads them from meta once for every phase)', () => {
    const b = new SnapshotBuilder();
    const a = b.node('A', 8);
    b.root.edge(a, 'shortcut', 'a');
    a.edge(b.node('B', 8), 'weak', 'b');
    const s = b.build();
    const weakBit = (rules: { nonEssential: Uint8Array }) => rules.nonEssential[0]! & 2;
    expect(weakBit(computeEdgeRules(s))).toBe(2);
    // Ids that declare no weak type: the weak edge is an ordinary one.
    expect(weakBit(computeEdgeRules(s, { types: { ...typeIds(s), edgeWeak: -1 } }))).toBe(0);
  });

  it('list every ephemeron edge with its pair, past their first 1024', () => {
    const b = new SnapshotBuilder();
    const table = b.node('system / EphemeronHashTable', 8, { type: 'array', id: 3 });
    b.root.edge(table, 'element');
    const pairs = 1500;
    for (let k = 0; k < pairs; k++) {
      const key = b.node('Key', 8, { id: 11 + 4 * k });
      const value = b.node('Value', 8, { id: 13 + 4 * k });
      const name = `${k} / part of key (Key @${11 + 4 * k}) -> value (Value @${13 + 4 * k}) pair in WeakMap (table @3)`;
      b.root.edge(key, 'element');
      key.edge(value, 'internal', name);
      table.edge(value, 'internal', name);
    }
    const s = b.build();
    const rules = computeEdgeRules(s);
    expect(rules.ephemeronEdges).toHaveLength(2 * pairs);
    expect(rules.ephemeronPairCount).toBe(pairs);
    expect(rules.ephemeronEdges.every((edge, i) => i === 0 || edge > rules.ephemeronEdges[i - 1]!)).toBe(true);
    // Each pair's two edges (the table's, the key's) share one pair id.
    const byPair = new Map<number, number>();
    for (const p of rules.ephemeronPair) byPair.set(p, (byPair.get(p) ?? 0) + 1);
    expect([...byPair.values()].every((c) => c === 2)).toBe(true);
  });
});
