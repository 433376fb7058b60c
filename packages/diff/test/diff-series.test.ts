import { analyze, analyzeSizes, type HeapGraph, type SizedGraph } from '@heaptrail/graph';
import type { HeapSnapshot } from '@heaptrail/parser';
import { describe, expect, it } from 'vitest';
import { diffSeries } from '../src/diff-series.js';
import type { DiffOptions } from '../src/options.js';
import { FakeProcess } from './fake-process.js';

/** Runs the diff over in-memory snapshots, named s1…sN. */
function diff(snapshots: HeapSnapshot[], options: DiffOptions = {}) {
  const files = snapshots.map((_, i) => `s${i + 1}.heapsnapshot`);
  return diffSeries(files, async (i) => analyze(snapshots[i]!), options);
}

/** A process that leaks 20 Sessions per step, churns Temps, and fills a Warm cache once. */
function leakySeries(steps = 4): HeapSnapshot[] {
  const p = new FakeProcess();
  p.allocate('Config', 5);
  const out: HeapSnapshot[] = [];
  for (let s = 0; s < steps; s++) {
    p.allocate('Session', 20, { child: 'Payload', childSize: 512 });
    p.allocate('Temp', s % 2 === 0 ? 40 : 5);
    if (s === 1) p.allocate('Warm', 100);
    out.push(p.snapshot());
    p.free('Temp', 100);
  }
  return out;
}

describe('diffSeries() on one process', () => {
  it('reports the leaking class with its counts, its new survivors per interval and the path that holds them', async () => {
    const r = await diff(leakySeries());
    expect(r.sameProcess).toBe(true);
    const session = r.growing.find((g) => g.className === 'Session')!;
    expect(session.counts).toEqual([20, 40, 60, 80]);
    expect(session.newSurvivorsPerInterval).toEqual([20, 20, 20]);
    expect(session.newSurvivors).toBe(60);
    expect(session.growth).toMatchObject({ count: 60, intervalsGrown: 3, intervals: 3 });
    expect(session.paths[0]!.count).toBe(60);
    expect(session.paths[0]!.text).toContain('sessions');
  });

  it('leaves churn, a plateau and stable classes out', async () => {
    const r = await diff(leakySeries());
    const names = r.growing.map((g) => g.className);
    expect(names).not.toContain('Temp');
    expect(names).not.toContain('Warm');
    expect(names).not.toContain('Config');
  });

  it('ranks a class held by another growing class after it, even when it retains more', async () => {
    const r = await diff(leakySeries());
    expect(r.growing.map((g) => [g.className, g.heldBy])).toEqual([
      ['Session', null],
      ['Payload', 'Session'],
    ]);
    const [session, payload] = r.growing;
    expect(payload!.growth.shallowSize).toBeGreaterThan(session!.growth.shallowSize);
  });

  it('sums the retained bytes grown over the reported classes, per interval and overall', async () => {
    const r = await diff(leakySeries());
    const total = r.growing.reduce((a, g) => a + g.growth.retainedSize, 0);
    expect(r.verdict.bytesGrown).toBe(total);
    expect(r.verdict.bytesGrownPerInterval.reduce((a, b) => a + b, 0)).toBe(total);
    expect(r.verdict).toMatchObject({ growingClasses: 2, growingUserClasses: 2, failedBudgets: [] });
  });

  it('traces paths only for the first pathClasses classes; the rest follow with none', async () => {
    const r = await diff(leakySeries(), { pathClasses: 1 });
    expect(r.growing.map((g) => [g.className, g.paths.length, g.heldBy])).toEqual([
      ['Session', 1, null],
      ['Payload', 0, null],
    ]);
  });

  it('is deterministic: the same input gives the same JSON', async () => {
    const a = JSON.stringify(await diff(leakySeries()));
    const b = JSON.stringify(await diff(leakySeries()));
    expect(a).toBe(b);
  });

  it('asks its loader for the last snapshot in full and for the others without distances, to the same result', async () => {
    const snaps = leakySeries();
    const asked: boolean[] = [];
    function load(i: number, last: true): Promise<HeapGraph>;
    function load(i: number, last: false): Promise<SizedGraph>;
    async function load(i: number, last: boolean): Promise<SizedGraph> {
      asked.push(last);
      return last ? analyze(snaps[i]!) : analyzeSizes(snaps[i]!);
    }
    const sized = await diffSeries(snaps.map((_, i) => `s${i + 1}.heapsnapshot`), load);
    expect(asked).toEqual([false, false, false, true]);
    expect(sized.growing[0]!.accumulationPoint).toMatchObject({ kind: 'Array', sizes: [20, 40, 60, 80] });
    expect(JSON.stringify(sized)).toBe(JSON.stringify(await diff(snaps)));
  });

  it('records each snapshot as given with its max odd id', async () => {
    const r = await diff(leakySeries(3));
    expect(r.snapshots.map((s) => s.file)).toEqual(['s1.heapsnapshot', 's2.heapsnapshot', 's3.heapsnapshot']);
    expect(r.snapshots[1]!.maxObjectId).toBeGreaterThan(r.snapshots[0]!.maxObjectId);
    expect(r.idChecks).toHaveLength(2);
  });
});

describe('diffSeries() on a leak hidden in noisy counts', () => {
  /** 100 Sessions leak per step; 150 or 0 more are in flight at each snapshot and then freed. */
  function noisyLeak(): HeapSnapshot[] {
    const p = new FakeProcess();
    return [150, 0, 150, 0].map((inFlight) => {
      p.free('Session', 1000, 'inflight');
      p.allocate('Session', 100, { via: 'leaked' });
      p.allocate('Session', inFlight, { via: 'inflight' });
      return p.snapshot();
    });
  }

  it('reports it by its new survivors, which every interval left behind', async () => {
    const r = await diff(noisyLeak());
    const session = r.growing.find((g) => g.className === 'Session')!;
    expect(session.counts).toEqual([250, 200, 450, 400]);
    expect(session.newSurvivorsPerInterval).toEqual([100, 100, 100]);
    expect(session.paths[0]!.text).toContain('leaked');
  });

  it('does not report it with the survivor route off, nor across processes where survivors are unknown', async () => {
    expect((await diff(noisyLeak(), { survivorRoute: false })).growing).toEqual([]);
    expect((await diff(noisyLeak(), { sameProcess: false })).growing).toEqual([]);
  });
});

describe('diffSeries() on a count that rose and then stood still', () => {
  /**
   * 400 Sockets open; 12, then 4 more open and stay; in the last interval `last`
   * more open while 2 + `last` of the first close: the count passes the growth
   * rule (400 → 412 → 416 → 414) without rising at the end.
   */
  function settling(last: number): HeapSnapshot[] {
    const p = new FakeProcess();
    return [400, 12, 4, last].map((opened, step) => {
      if (step === 3) p.free('Socket', 2 + last);
      p.allocate('Socket', opened);
      return p.snapshot();
    });
  }

  it('leaves it out, and counts it, when some interval left no survivor', async () => {
    const r = await diff(settling(0));
    expect(r.growing.map((g) => g.className)).toEqual([]);
    expect(r.hiddenWeakClasses).toBe(1);
  });

  it('shows it as weak when every interval left survivors', async () => {
    const r = await diff(settling(2));
    const socket = r.growing.find((g) => g.className === 'Socket')!;
    expect(socket.counts).toEqual([400, 412, 416, 414]);
    expect(socket.newSurvivorsPerInterval).toEqual([12, 4, 2]);
    expect(socket.evidence).toMatchObject({ grewLastInterval: false, survivesEveryInterval: true, carriedBySurvivors: true, strength: 'weak' });
    expect(r.hiddenWeakClasses).toBe(0);
  });

  it('shows it across processes, where survivors are unknown', async () => {
    const r = await diff(settling(0), { sameProcess: false });
    expect(r.growing.map((g) => [g.className, g.evidence.strength])).toEqual([['Socket', 'weak']]);
    expect(r.hiddenWeakClasses).toBe(0);
  });
});

describe('diffSeries() on requests in flight at each snapshot', () => {
  /** 400 Connections stay; 0, 12, 16, 20 more are open at the snapshots, each closed before the next. */
  function inFlight(): HeapSnapshot[] {
    const p = new FakeProcess();
    p.allocate('Connection', 400, { via: 'pool' });
    return [0, 12, 16, 20].map((open) => {
      p.free('Connection', 1000, 'open');
      p.allocate('Connection', open, { via: 'open' });
      return p.snapshot();
    });
  }

  it('leaves the count out: its survivors were all born in the last interval', async () => {
    const r = await diff(inFlight());
    expect(r.growing).toEqual([]);
    expect(r.hiddenWeakClasses).toBe(1);
  });

  it('shows it across processes, where survivors are unknown', async () => {
    const r = await diff(inFlight(), { sameProcess: false });
    expect(r.growing.map((g) => [g.className, g.counts])).toEqual([['Connection', [400, 412, 416, 420]]]);
  });
});

describe('diffSeries() internals and budgets', () => {
  function withInternals(): HeapSnapshot[] {
    const p = new FakeProcess();
    const out: HeapSnapshot[] = [];
    for (let s = 0; s < 3; s++) {
      p.allocate('Session', 20);
      p.allocate('lazyCompiled', 50, { type: 'code', via: 'code' });
      out.push(p.snapshot());
    }
    return out;
  }

  it('hides growing V8 internals and counts them', async () => {
    const r = await diff(withInternals());
    expect(r.growing.map((g) => g.className)).toEqual(['Session']);
    expect(r.hiddenInternalClasses).toBe(1);
  });

  it('shows internals after user classes with includeInternals', async () => {
    const r = await diff(withInternals(), { includeInternals: true });
    expect(r.growing.map((g) => [g.className, g.category])).toEqual([
      ['Session', 'user'],
      ['(compiled code)', 'internal'],
    ]);
    expect(r.hiddenInternalClasses).toBe(0);
  });

  it('fails the budgets that are exceeded and only those', async () => {
    const r = await diff(leakySeries(), { budgets: { failOnGrowth: true, maxGrowthBytes: 1e9, maxGrowingClasses: 1 } });
    expect(r.verdict.failedBudgets).toEqual([
      { budget: 'failOnGrowth', limit: null, actual: 2, classes: ['Session', 'Payload'] },
      { budget: 'maxGrowingClasses', limit: 1, actual: 2, classes: ['Session', 'Payload'] },
    ]);
  });

  it('passes a byte budget the growth stays under, and fails it once lowered', async () => {
    const ok = await diff(leakySeries(), { budgets: { maxGrowthBytes: 1e9 } });
    expect(ok.verdict.failedBudgets).toEqual([]);
    const tight = await diff(leakySeries(), { budgets: { maxGrowthBytes: 1000 } });
    expect(tight.verdict.failedBudgets).toEqual([
      { budget: 'maxGrowthBytes', limit: 1000, actual: tight.verdict.bytesGrown, classes: ['Session', 'Payload'] },
    ]);
    expect(tight.verdict.bytesGrown).toBeGreaterThan(1000);
  });
});

describe('diffSeries() across processes', () => {
  function crossProcess(): HeapSnapshot[] {
    // Each snapshot from a fresh process that ran the leak for longer: ids restart, and
    // the heap is laid out (so numbered) differently, as in real runs.
    return [1, 2, 3, 4].map((steps) => {
      const p = new FakeProcess();
      p.allocate('Config', 5);
      p.allocate('Job', 7 * steps);
      p.allocate('Session', 20 * steps);
      return p.snapshot();
    });
  }

  it('detects that ids are not comparable and still reports the class by counts', async () => {
    const r = await diff(crossProcess());
    expect(r.sameProcess).toBe(false);
    const session = r.growing.find((g) => g.className === 'Session')!;
    expect(session.counts).toEqual([20, 40, 60, 80]);
    expect(session.newSurvivors).toBeNull();
    expect(session.newSurvivorsPerInterval).toBeNull();
    // Paths over every instance in the last snapshot, not just new ones.
    expect(session.paths[0]!.count).toBe(80);
  });

  it('lets the caller override the detection', async () => {
    const r = await diff(leakySeries(), { sameProcess: false });
    expect(r.sameProcess).toBe(false);
    expect(r.growing[0]!.newSurvivors).toBeNull();
  });
});

describe('diffSeries() rule options', () => {
  it('applies a custom rule and echoes it in the result', async () => {
    const r = await diff(leakySeries(), { rule: { minCountGrowth: 1000 } });
    expect(r.growing).toEqual([]);
    expect(r.rule.minCountGrowth).toBe(1000);
    expect(r.rule.minGrowingIntervals).toBeCloseTo(2 / 3);
  });

  it('needs at least two snapshots', async () => {
    await expect(diff(leakySeries(1))).rejects.toThrow(/at least 2 snapshots/);
  });
});

describe('diffSeries() on a series given out of the order it was taken in', () => {
  /** Runs the diff over `order` (indices of `snapshots`), counting the loads of each. */
  async function diffIn(snapshots: HeapSnapshot[], order: number[], options: DiffOptions = {}) {
    const names = snapshots.map((_, i) => `s${i + 1}.heapsnapshot`);
    const loads: number[] = [];
    const reordered: (readonly number[])[] = [];
    const r = await diffSeries(
      order.map((i) => names[i]!),
      async (k) => {
        loads.push(order[k]!);
        return analyze(snapshots[order[k]!]!);
      },
      options,
      (taken) => reordered.push(taken),
    );
    return { r, loads, reordered, names };
  }

  it('reads a series in order once, and says it was given', async () => {
    const { r, loads, reordered } = await diffIn(leakySeries(), [0, 1, 2, 3]);
    expect(loads).toEqual([0, 1, 2, 3]);
    expect(reordered).toEqual([]);
    expect(r.order).toEqual({ by: 'given', given: null });
  });

  it('judges a reversed series in the order of its ids, as if given in order, reusing the oldest graph', async () => {
    const snapshots = leakySeries();
    const inOrder = await diffIn(snapshots, [0, 1, 2, 3]);
    const { r, loads, reordered, names } = await diffIn(snapshots, [3, 2, 1, 0]);
    expect(reordered).toEqual([[3, 2, 1, 0]]);
    // Second reading: the last graph of the first one (s1) is not read again.
    expect(loads).toEqual([3, 2, 1, 0, 1, 2, 3]);
    expect(r.order).toEqual({ by: 'object-ids', given: [...names].reverse() });
    expect(r.snapshots.map((s) => s.file)).toEqual(names);
    expect({ ...r, order: null }).toEqual({ ...inOrder.r, order: null });
  });

  it('judges a shuffled series in the order of its ids', async () => {
    const snapshots = leakySeries();
    const inOrder = await diffIn(snapshots, [0, 1, 2, 3]);
    const { r, loads } = await diffIn(snapshots, [1, 3, 0, 2]);
    expect(loads).toEqual([1, 3, 0, 2, 0, 1, 2, 3]);
    expect(r.order.by).toBe('object-ids');
    expect(r.growing).toEqual(inOrder.r.growing);
  });

  it('keeps the order given with keepOrder or when the ids say nothing (another process, or sameProcess: false)', async () => {
    const snapshots = leakySeries();
    const kept = await diffIn(snapshots, [3, 2, 1, 0], { keepOrder: true });
    expect(kept.loads).toEqual([3, 2, 1, 0]);
    expect(kept.r.order).toEqual({ by: 'given', given: null });
    expect(kept.r.growing.map((g) => g.className)).not.toContain('Session');
    const told = await diffIn(snapshots, [3, 2, 1, 0], { sameProcess: false });
    expect(told.loads).toEqual([3, 2, 1, 0]);
    // Four processes, each with a longer run: the later ones have the larger ids too.
    const processes = [1, 2, 3, 4].map((steps, i) => {
      const p = new FakeProcess(101 + i * 4);
      p.allocate('Session', 20 * steps);
      return p.snapshot();
    });
    const cross = await diffIn(processes, [3, 2, 1, 0]);
    expect(cross.loads).toEqual([3, 2, 1, 0]);
    expect(cross.r.sameProcess).toBe(false);
    expect(cross.r.order).toEqual({ by: 'given', given: null });
  });
});

describe('diffSeries() on a class that grew and then plateaued (README rule 4)', () => {
  /**
   * A bounded cache: 40 entries at start, 20 more a step, and once it holds 80 the 20 oldest
   * evicted a step (counts 40, 60, 80, 80, 80). Entries born in every interval are alive at
   * the end, so the survivor route sees it too.
   */
  function boundedCache(): HeapSnapshot[] {
    const p = new FakeProcess();
    p.allocate('Entry', 40);
    const out: HeapSnapshot[] = [];
    for (let s = 0; s < 5; s++) {
      if (s > 0) p.allocate('Entry', 20);
      if (s >= 3) p.free('Entry', 20);
      p.allocate('Session', 20);
      out.push(p.snapshot());
    }
    return out;
  }

  it('is not reported, whether rule 1 lets it through (a share of 0.5) or it takes the survivor route', async () => {
    const series = boundedCache();
    for (const rule of [{}, { minGrowingIntervals: 0.5 }]) {
      const r = await diff(series, { rule, includeInternals: true });
      const entry = r.growing.find((g) => g.className === 'Entry');
      expect(entry, JSON.stringify(rule)).toBeUndefined();
      expect(r.growing.map((g) => g.className)).toContain('Session');
    }
    // What makes it a plateau and not churn: the counts, and survivors from every interval.
    const r = await diff(series, { rule: { minGrowingIntervals: 0.25 } });
    expect(r.growing.find((g) => g.className === 'Entry')).toBeUndefined();
    const off = await diff(series, { rule: { minGrowingIntervals: 0.5 }, sameProcess: false });
    expect(off.growing.find((g) => g.className === 'Entry')).toBeUndefined();
  });
});
