import { analyze } from '@heaptrail/graph';
import type { HeapSnapshot } from '@heaptrail/parser';
import { describe, expect, it } from 'vitest';
import { baselineEntries } from '../../src/baseline/create.js';
import { matchBaseline, matchesEntry } from '../../src/baseline/match.js';
import type { Baseline, BaselineEntry } from '../../src/baseline/types.js';
import { diffSeries } from '../../src/diff-series.js';
import type { DiffOptions } from '../../src/options.js';
import type { GrowingClass } from '../../src/types.js';
import { FakeProcess } from '../fake-process.js';

/** A finding of `className` whose path groups have these signatures, largest first; counts and ids vary per call. */
function finding(className: string, signatures: string[], seed = 1): GrowingClass {
  return {
    className,
    category: 'user',
    origin: 'program',
    counts: [10 * seed, 20 * seed],
    shallowSizes: [0, 0],
    retainedSizes: [0, 100 * seed],
    growth: { count: 10 * seed, shallowSize: 0, retainedSize: 100 * seed, intervalsGrown: 1, intervals: 1 },
    newSurvivors: 10 * seed,
    newSurvivorsPerInterval: [10 * seed],
    paths: signatures.map((signature, i) => ({
      count: 10 * seed - i,
      retainedSize: 100 * seed,
      exampleId: 1001 + seed * 2 + i * 2,
      text: signature,
      signature,
      repeats: [],
      stringParts: 0,
      internalSteps: 0,
      steps: [],
    })),
    heldBy: null,
    accumulationPoint: null,
    evidence: { grewLastInterval: true, survivesEveryInterval: true, carriedBySurvivors: true, strength: 'strong' },
  };
}

const HISTORY = '(module scope of agent.mjs) ::agent→Object .history→Array []→ChatMessage';
const CACHE = '(module scope of cache.mjs) ::cache→Map (internal table)→(array) (internal [])→ChatMessage';
const STACK = '(GC roots) []→(Stack roots) (internal [])→(string)';

describe('matchesEntry()', () => {
  it('matches the same leak in a re-run: other counts and ids, the same class and top path', () => {
    const entry = baselineEntries([finding('ChatMessage', [HISTORY], 1)])[0]!;
    expect(matchesEntry(finding('ChatMessage', [HISTORY], 7), entry)).toBe(true);
  });

  it('does not match a leak of the same class through another path', () => {
    const [entry] = baselineEntries([finding('ChatMessage', [HISTORY])]);
    expect(matchesEntry(finding('ChatMessage', [CACHE]), entry!)).toBe(false);
  });

  it('does not match another class with the same path', () => {
    const [entry] = baselineEntries([finding('ChatMessage', [HISTORY])]);
    expect(matchesEntry(finding('Session', [HISTORY]), entry!)).toBe(false);
  });

  it('judges by the top group only, so a generic path both leaks share does not make a new leak known', () => {
    const entry: BaselineEntry = { className: '(string)', paths: [HISTORY, STACK].sort() };
    expect(matchesEntry(finding('(string)', [CACHE, STACK]), entry)).toBe(false);
    // The top group of a re-run may be the one that came second when the file was written.
    expect(matchesEntry(finding('(string)', [STACK, HISTORY]), entry)).toBe(true);
  });

  it('falls back to the class name when either side has no traced path', () => {
    expect(matchesEntry(finding('ChatMessage', []), { className: 'ChatMessage', paths: [HISTORY] })).toBe(true);
    expect(matchesEntry(finding('ChatMessage', [CACHE]), { className: 'ChatMessage', paths: [] })).toBe(true);
    expect(matchesEntry(finding('Session', []), { className: 'ChatMessage', paths: [] })).toBe(false);
  });
});

describe('matchBaseline()', () => {
  it('splits findings into new and known, keeping their order, and lists the entries nothing matched as fixed', () => {
    const entries: BaselineEntry[] = [
      { className: 'ChatMessage', paths: [HISTORY] },
      { className: 'Gone', paths: ['(module scope) ::gone→Array []→Gone'] },
      { className: 'Session', paths: [] },
    ];
    const findings = [finding('Session', ['x']), finding('ChatMessage', [CACHE]), finding('Timer', []), finding('ChatMessage', [HISTORY])];
    const m = matchBaseline(findings, entries);
    expect(m.fresh.map((f) => [f.className, f.paths[0]?.signature])).toEqual([
      ['ChatMessage', CACHE],
      ['Timer', undefined],
    ]);
    expect(m.known.map((f) => [f.className, f.paths[0]?.signature])).toEqual([
      ['Session', 'x'],
      ['ChatMessage', HISTORY],
    ]);
    expect(m.fixed).toEqual([entries[1]]);
  });

  it('with an empty baseline, everything is new and nothing fixed', () => {
    const m = matchBaseline([finding('A', ['a'])], []);
    expect(m.fresh.map((f) => f.className)).toEqual(['A']);
    expect(m.known).toEqual([]);
    expect(m.fixed).toEqual([]);
  });
});

describe('baselineEntries()', () => {
  it('sorts entries by class and their signatures, dropping duplicate signatures, whatever the findings order', () => {
    const a = baselineEntries([finding('b', ['z', 'y', 'z']), finding('a', ['q'])]);
    const b = baselineEntries([finding('a', ['q']), finding('b', ['y', 'z'])]);
    expect(a).toEqual([
      { className: 'a', paths: ['q'] },
      { className: 'b', paths: ['y', 'z'] },
    ]);
    expect(b).toEqual(a);
  });
});

/** 20 Sessions leak per step under global.sessions; from step `from` on, 20 Orders per step too. */
function series(orders: boolean): HeapSnapshot[] {
  const p = new FakeProcess();
  const out: HeapSnapshot[] = [];
  for (let s = 0; s < 4; s++) {
    p.allocate('Session', 20);
    if (orders) p.allocate('Order', 20);
    out.push(p.snapshot());
  }
  return out;
}

const diff = (snapshots: HeapSnapshot[], options: DiffOptions) =>
  diffSeries(
    snapshots.map((_, i) => `s${i + 1}.heapsnapshot`),
    async (i) => analyze(snapshots[i]!),
    options,
  );

describe('diffSeries() with a baseline', () => {
  it('lists known findings apart and leaves them out of growing, the verdict and the budgets', async () => {
    const first = await diff(series(false), {});
    expect(first.baseline).toBeNull();
    const baseline: Baseline = { file: 'known.json', entries: baselineEntries(first.growing) };
    expect(baseline.entries.map((e) => e.className)).toEqual(['Session']);

    const again = await diff(series(false), { baseline, budgets: { failOnGrowth: true, maxGrowingClasses: 0, maxGrowthBytes: 0 } });
    expect(again.growing).toEqual([]);
    expect(again.baseline!.known.map((g) => g.className)).toEqual(['Session']);
    expect(again.baseline!.fixed).toEqual([]);
    expect(again.verdict.growingClasses).toBe(0);
    expect(again.verdict.bytesGrown).toBe(0);
    expect(again.verdict.failedBudgets).toEqual([]);
  });

  it('counts known findings in the budgets with failOnKnown', async () => {
    const first = await diff(series(false), {});
    const baseline: Baseline = { file: 'known.json', entries: baselineEntries(first.growing) };
    const r = await diff(series(false), { baseline, budgets: { failOnGrowth: true, failOnKnown: true } });
    expect(r.baseline!.failOnKnown).toBe(true);
    expect(r.verdict.failedBudgets).toEqual([{ budget: 'failOnGrowth', limit: null, actual: 1, classes: ['Session'] }]);
  });

  it('gates a new leak beside a known one, and reports an entry nothing matches as fixed', async () => {
    const first = await diff(series(false), {});
    const gone: BaselineEntry = { className: 'Gone', paths: [] };
    const baseline: Baseline = { file: 'known.json', entries: [...baselineEntries(first.growing), gone] };
    const r = await diff(series(true), { baseline, budgets: { failOnGrowth: true } });
    expect(r.growing.map((g) => g.className)).toEqual(['Order']);
    expect(r.baseline!.known.map((g) => g.className)).toEqual(['Session']);
    expect(r.baseline!.fixed).toEqual([gone]);
    expect(r.verdict.failedBudgets.map((b) => b.classes)).toEqual([['Order']]);
    expect(r.verdict.bytesGrown).toBe(r.growing[0]!.growth.retainedSize);
  });
});
