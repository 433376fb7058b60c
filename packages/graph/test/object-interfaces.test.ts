// Interface inference works per property sequence (shape); these pin that shapes only
// group the work and never change what DevTools' per-object rules give.

import { describe, expect, it } from 'vitest';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { computeClassNames } from '../src/class-names.js';

function classesOf(b: SnapshotBuilder): string[] {
  const { classOf, names } = computeClassNames(b.build());
  return Array.from(classOf, (c) => names[c]!);
}

function plain(b: SnapshotBuilder, props: string[]) {
  const o = b.node('Object', 16);
  for (const p of props) o.edge(b.node('x', 8, { type: 'string' }), 'property', p);
  return o;
}

describe('plain Object interfaces by shape', () => {
  it('counts two shapes whose proposals are cut to the same name as one proposal seen twice', () => {
    const b = new SnapshotBuilder();
    const head = Array.from({ length: 40 }, (_, i) => `property${i}`);
    // Each shape is seen once; they differ only past the 120-character cut.
    const first = plain(b, [...head, 'tailA']);
    const second = plain(b, [...head, 'tailB']);
    const names = classesOf(b);
    expect(names[first.ordinal]).toMatch(/^\{property0, property1, .*\}$/);
    expect(names[second.ordinal]).toBe(names[first.ordinal]);
  });

  it('gives the same properties in another edge order the same interface, though they propose another name', () => {
    const b = new SnapshotBuilder();
    plain(b, ['a', 'b']);
    plain(b, ['a', 'b']);
    const reversed = plain(b, ['b', 'a']);
    const names = classesOf(b);
    expect(names[reversed.ordinal]).toBe('{a, b}');
  });

  it('keeps hundreds of distinct shapes apart', () => {
    const b = new SnapshotBuilder();
    const objects = [];
    // 450 shapes of two objects each (900 objects: kept from 2 sightings): each object gets its own.
    for (let i = 0; i < 450; i++) {
      for (let k = 0; k < 2; k++) objects.push([plain(b, [`p${i % 50}`, `q${Math.floor(i / 50)}`]), i] as const);
    }
    const names = classesOf(b);
    const wrong = objects.filter(([o, i]) => names[o.ordinal] !== `{p${i % 50}, q${Math.floor(i / 50)}}`);
    expect(wrong).toEqual([]);
  });
});
