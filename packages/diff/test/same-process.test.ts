import { computeClassNames } from '@heaptrail/graph';
import type { HeapSnapshot } from '@heaptrail/parser';
import { describe, expect, it } from 'vitest';
import { ClassSeries } from '../src/class-series.js';
import { buildIdTable, findId, type IdTable } from '../src/id-table.js';
import { checkIdentity, looksSameProcess } from '../src/same-process.js';
import { FakeProcess } from './fake-process.js';

function tables(snapshots: HeapSnapshot[]): IdTable[] {
  const series = new ClassSeries(snapshots.length);
  return snapshots.map((s) => {
    const { classOf, names } = computeClassNames(s);
    return buildIdTable(s.nodes.id, classOf, series.globalIds(names));
  });
}

describe('buildIdTable()', () => {
  it('sorts ids ascending, keeps each id with its class and finds the largest odd id', () => {
    const p = new FakeProcess(1001);
    p.allocate('B', 2, { via: 'all' });
    p.allocate('A', 1, { via: 'all' });
    const s = p.snapshot();
    const [t] = tables([s]);
    expect(Array.from(t!.ids)).toEqual([1, 3, 5, 1001, 1003, 1005, 1007]);
    expect(t!.maxOddId).toBe(1007);
    const { names } = computeClassNames(s);
    const series = new ClassSeries(1);
    series.globalIds(names);
    expect(series.names[t!.classes[findId(t!.ids, 1007)]!]).toBe('A');
    expect(findId(t!.ids, 1004)).toBe(-1);
  });
});

describe('buildIdTable() against a naive sort', () => {
  it('orders random ids across the whole 32-bit range exactly as a comparison sort does, classes alongside', () => {
    let seed = 12345;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let round = 0; round < 20; round++) {
      const n = 1 + (random() % 3000);
      const ids = new Uint32Array(n);
      const classOf = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        ids[i] = round % 2 ? random() : random() % 70000; // both radix digits, or mostly the low one
        classOf[i] = random() % 7;
      }
      const globalClass = Uint32Array.of(10, 11, 12, 13, 14, 15, 16);
      const t = buildIdTable(ids, classOf, globalClass);
      const naive = Array.from(ids, (id, i) => [id, globalClass[classOf[i]!]!] as const).sort((a, b) => a[0] - b[0] || 0);
      expect(Array.from(t.ids)).toEqual(naive.map((p) => p[0]));
      // Equal ids keep node order in both (stable sorts), so classes agree too.
      expect(Array.from(t.classes)).toEqual(naive.map((p) => p[1]));
    }
  });
});

describe('checkIdentity()', () => {
  it('finds every old id again, same class, in a later snapshot of the same process', () => {
    const p = new FakeProcess();
    p.allocate('Session', 100);
    p.allocate('Timer', 50);
    const s1 = p.snapshot();
    p.free('Timer', 50);
    p.allocate('Session', 100);
    const s2 = p.snapshot();
    const [t1, t2] = tables([s1, s2]);
    const check = checkIdentity(t1!, t2!);
    expect(check.checked).toBe(105); // root, (GC roots), global, two arrays and the first 100 sessions
    expect(check.matched).toBe(105);
    expect(check.newIds).toBe(100);
    expect(looksSameProcess(check)).toBe(true);
  });

  it('rejects snapshots of two processes even when their first ids coincide', () => {
    const a = new FakeProcess();
    a.allocate('Config', 20);
    a.allocate('Session', 200);
    const b = new FakeProcess();
    b.allocate('Config', 20); // deterministic startup: same ids, same classes
    b.allocate('Request', 150);
    b.allocate('Session', 400);
    const [ta, tb] = tables([a.snapshot(), b.snapshot()]);
    const check = checkIdentity(ta!, tb!);
    // root, (GC roots), global, 20 configs and their array, an array in each that lines
    // up by chance, and 49 sessions whose ids happen to coincide
    expect(check.matched).toBe(74);
    expect(check.checked).toBe(225);
    expect(looksSameProcess(check)).toBe(false);
  });

  it('rejects a later snapshot whose ids are all lower: a restarted process', () => {
    const a = new FakeProcess(5001);
    a.allocate('Session', 10);
    const b = new FakeProcess(101);
    b.allocate('Session', 20);
    const check = checkIdentity(...(tables([a.snapshot(), b.snapshot()]) as [IdTable, IdTable]));
    expect(check.newIds).toBe(0);
    expect(looksSameProcess(check)).toBe(false);
  });

  it('accepts a few objects that changed class (a plain object that gained a property)', () => {
    // The same ids in both snapshots; 3 of 300 plain objects moved from {a} to {a, b}.
    const before = new FakeProcess();
    before.allocate('Item', 297, { via: 'all' });
    before.allocate('{a}', 3, { via: 'all' });
    const after = new FakeProcess();
    after.allocate('Item', 297, { via: 'all' });
    after.allocate('{a, b}', 3, { via: 'all' });
    const check = checkIdentity(...(tables([before.snapshot(), after.snapshot()]) as [IdTable, IdTable]));
    expect(check.matched).toBe(301);
    expect(check.checked).toBe(304);
    expect(looksSameProcess(check)).toBe(true);
  });

  it('rejects a pair where one id in ten names another object, as between two runs of one script', () => {
    const before = new FakeProcess();
    before.allocate('Item', 270, { via: 'all' });
    before.allocate('Job', 30, { via: 'all' });
    const after = new FakeProcess();
    after.allocate('Item', 270, { via: 'all' });
    after.allocate('Event', 30, { via: 'all' });
    const check = checkIdentity(...(tables([before.snapshot(), after.snapshot()]) as [IdTable, IdTable]));
    expect(check.matched).toBe(274);
    expect(looksSameProcess(check)).toBe(false);
  });
});
