import { computeClassNames } from '@heaptrail/graph';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { describe, expect, it } from 'vitest';
import { ClassSeries } from '../src/class-series.js';
import { buildIdTable, evenIds } from '../src/id-table.js';
import { BORN_BEFORE_FIRST, bornInterval, countSurvivors } from '../src/survivors.js';
import { FakeProcess } from './fake-process.js';

describe('bornInterval()', () => {
  const b = { maxOddIds: [99, 199, 299], evenIds: [Uint32Array.of(10), Uint32Array.of(10, 20), Uint32Array.of(10, 20, 30)] };

  it('dates odd ids by the max odd id of each earlier snapshot', () => {
    expect([1, 99, 101, 199, 201, 299, 301, 9999].map((id) => bornInterval(id, b))).toEqual([
      BORN_BEFORE_FIRST, BORN_BEFORE_FIRST, 0, 0, 1, 1, 2, 2,
    ]);
  });

  it('dates even (embedder) ids by the first snapshot that has them, since they are not ordered', () => {
    expect([10, 20, 30, 40].map((id) => bornInterval(id, b))).toEqual([BORN_BEFORE_FIRST, 0, 1, 2]);
  });
});

describe('countSurvivors()', () => {
  it('counts, per interval, the instances born then that are still alive in the last snapshot', () => {
    const p = new FakeProcess();
    const series = new ClassSeries(4);
    const boundaries = { maxOddIds: [] as number[], evenIds: [] as Uint32Array[] };
    const take = () => {
      const s = p.snapshot();
      const { classOf, names } = computeClassNames(s);
      const global = series.globalIds(names);
      const table = buildIdTable(s.nodes.id, classOf, global);
      return { s, classOf, global, table };
    };
    p.allocate('Session', 10); // before s1: old
    for (let k = 0; k < 3; k++) {
      const { table } = take();
      boundaries.maxOddIds.push(table.maxOddId);
      boundaries.evenIds.push(evenIds(table));
      p.allocate('Session', 10 * (k + 1)); // 10, 20, 30 born in intervals 0, 1, 2
      p.allocate('Temp', 5);
      p.free('Temp', 5); // born and freed in the same interval: never counted
    }
    p.free('Session', 15); // frees the 10 old ones and 5 of interval 0
    const last = take();
    const sessions = series.idOf('Session');
    const result = countSurvivors(last.s.nodes.id, last.classOf, last.global, new Set([sessions]), boundaries);
    const s = result.get(sessions)!;
    expect(Array.from(s.perInterval)).toEqual([5, 20, 30]);
    expect(s.ordinals.length).toBe(55);
    const { classOf, names } = computeClassNames(last.s);
    expect(new Set(Array.from(s.ordinals, (o) => names[classOf[o]!]))).toEqual(new Set(['Session']));
  });

  it('leaves out nodes of size 0 when given sizes, as the class summary does not count them', () => {
    const b = new SnapshotBuilder();
    b.root.edge(b.node('A', 8, { id: 501 }), 'property', 'a');
    b.root.edge(b.node('A', 0, { id: 503 }), 'property', 'b');
    const s = b.build();
    const { classOf, names } = computeClassNames(s);
    const series = new ClassSeries(2);
    const global = series.globalIds(names);
    const a = series.idOf('A');
    const boundaries = { maxOddIds: [1], evenIds: [new Uint32Array(0)] };
    expect(countSurvivors(s.nodes.id, classOf, global, new Set([a]), boundaries).get(a)!.ordinals.length).toBe(2);
    expect(Array.from(countSurvivors(s.nodes.id, classOf, global, new Set([a]), boundaries, s.nodes.selfSize).get(a)!.ordinals)).toEqual([1]);
  });

  it('leaves classes that were not asked for out', () => {
    const b = new SnapshotBuilder();
    b.root.edge(b.node('A', 8, { id: 501 }), 'property', 'a');
    const s = b.build();
    const { classOf, names } = computeClassNames(s);
    const series = new ClassSeries(2);
    const result = countSurvivors(s.nodes.id, classOf, series.globalIds(names), new Set(), { maxOddIds: [1], evenIds: [new Uint32Array(0)] });
    expect(result.size).toBe(0);
  });
});
