import { describe, expect, it } from 'vitest';
import { DEFAULT_GROWTH_RULE, judgeGrowth, judgeSurvivingGrowth, requiredGrowingIntervals } from '../src/growth-rule.js';

const rule = DEFAULT_GROWTH_RULE;

describe('judgeGrowth() with the default rule', () => {
  it('reports a steady leak that rises in every interval', () => {
    const j = judgeGrowth([1000, 1500, 2000, 2500]);
    expect(j).toEqual({ growing: true, intervalsGrown: 3, intervalsShrunk: 0, reason: '' });
  });

  it('reports a slow leak of a few dozen objects on top of a large stable population', () => {
    expect(judgeGrowth([5000, 5040, 5080, 5120, 5160]).growing).toBe(true);
  });

  it('does not report a slow drift below 2% of the first count', () => {
    expect(judgeGrowth([5000, 5020, 5040, 5060, 5080])).toMatchObject({ growing: false, reason: 'growth too small' });
  });

  it('does not report churn that goes up and down', () => {
    expect(judgeGrowth([1000, 1300, 900, 1250, 1100])).toMatchObject({ growing: false });
    expect(judgeGrowth([1000, 1300, 1200, 1500, 1800]).reason).toBe('shrank');
  });

  it('does not report a class that rose once and then plateaued', () => {
    expect(judgeGrowth([100, 900, 900, 900])).toMatchObject({ growing: false, reason: 'too few growing intervals' });
  });

  it('does not report a class that rose twice and then stayed flat for the later half of a long series', () => {
    expect(judgeGrowth([100, 400, 700, 700, 700, 701, 701]).growing).toBe(false);
  });

  it('rule 4 alone rejects a class that passes rules 1-3 but was flat over the later half', () => {
    // Two of four intervals rose (enough at a share of 0.5), none shrank, +100 is enough: only the plateau rule says no.
    const rule = { ...DEFAULT_GROWTH_RULE, minGrowingIntervals: 0.5 };
    expect(judgeGrowth([100, 150, 200, 200, 200], rule)).toMatchObject({ growing: false, reason: 'plateaued', intervalsGrown: 2, intervalsShrunk: 0 });
    // One more rise at the end and the same class is reported.
    expect(judgeGrowth([100, 150, 200, 200, 260], rule)).toMatchObject({ growing: true, reason: '' });
  });

  it('does not report a sawtooth (a cache filled and flushed)', () => {
    expect(judgeGrowth([100, 600, 100, 600, 100, 600]).growing).toBe(false);
  });

  it('does not report a single spike', () => {
    expect(judgeGrowth([500, 500, 5000, 500])).toMatchObject({ growing: false, reason: 'too few growing intervals' });
  });

  it('reports two snapshots when the count rose clearly, the only evidence there is', () => {
    expect(judgeGrowth([100, 300])).toMatchObject({ growing: true, intervalsGrown: 1 });
    expect(judgeGrowth([100, 105]).reason).toBe('growth too small');
  });

  it('does not report counts that are all equal', () => {
    expect(judgeGrowth([42, 42, 42, 42])).toMatchObject({ growing: false, intervalsGrown: 0, intervalsShrunk: 0 });
  });

  it('does not report a decline', () => {
    expect(judgeGrowth([900, 700, 500, 300])).toMatchObject({ growing: false, intervalsShrunk: 3 });
  });

  it('tolerates one flat interval in four when the trend is clear and still rising at the end', () => {
    expect(judgeGrowth([100, 200, 200, 300, 400])).toMatchObject({ growing: true, intervalsGrown: 3 });
  });

  it('treats a dip under 1% of the count as noise, not shrinking', () => {
    expect(judgeGrowth([10000, 11000, 10950, 12000, 13000])).toMatchObject({ growing: true, intervalsShrunk: 0 });
  });

  it('counts a class absent from the first snapshot as growing from zero', () => {
    expect(judgeGrowth([0, 50, 100]).growing).toBe(true);
  });

  it('needs at least two snapshots', () => {
    expect(judgeGrowth([5]).reason).toBe('too few snapshots');
  });
});

describe('judgeGrowth() thresholds are options', () => {
  it('minCountGrowth lets a handful of leaked objects through when lowered', () => {
    expect(judgeGrowth([1, 2, 3, 4]).growing).toBe(false);
    expect(judgeGrowth([1, 2, 3, 4], { ...rule, minCountGrowth: 3 }).growing).toBe(true);
  });

  it('maxShrinkingIntervals admits one shrinking interval when raised', () => {
    const counts = [1000, 1300, 1200, 1500, 1800];
    expect(judgeGrowth(counts).growing).toBe(false);
    expect(judgeGrowth(counts, { ...rule, maxShrinkingIntervals: 0.25 }).growing).toBe(true);
  });

  it('minGrowingIntervals = 1 demands growth in every interval', () => {
    expect(judgeGrowth([100, 200, 200, 300, 400], { ...rule, minGrowingIntervals: 1 }).reason).toBe('too few growing intervals');
  });

  it('requires every interval for 2 or 3 snapshots and all but one for 4 with the default share', () => {
    expect([1, 2, 3, 4, 9].map((m) => requiredGrowingIntervals(rule, m))).toEqual([1, 2, 2, 3, 6]);
  });
});

describe('judgeSurvivingGrowth(): the route for noisy counts when ids are comparable', () => {
  it('admits a leak among transient instances whose count dips, when every interval left survivors', () => {
    const counts = [250, 200, 450, 400];
    expect(judgeGrowth(counts).growing).toBe(false);
    expect(judgeSurvivingGrowth(counts, [100, 100, 100])).toBe(true);
  });

  it('rejects churn: the early intervals left no survivors', () => {
    expect(judgeSurvivingGrowth([250, 200, 450, 400], [0, 0, 150])).toBe(false);
  });

  it('rejects a cache that filled and stopped, even with survivors from every interval', () => {
    expect(judgeSurvivingGrowth([100, 400, 400, 400], [300, 2, 1])).toBe(false);
  });

  it('rejects growth below the count thresholds', () => {
    expect(judgeSurvivingGrowth([1000, 990, 1005, 1008], [3, 3, 3])).toBe(false);
  });

  it('needs three snapshots: with two, a survivor is only an object born in between', () => {
    expect(judgeSurvivingGrowth([100, 300], [200])).toBe(false);
  });
});
