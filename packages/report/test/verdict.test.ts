import { describe, expect, it } from 'vitest';
import { describeRule, summarizeVerdict } from '../src/verdict.js';
import { crossProcessResult, healthyResult, leakyResult } from './fixtures.js';

describe('summarizeVerdict', () => {
  it('rates a failed budget above mere growth, and growth above a healthy series', () => {
    expect(summarizeVerdict(leakyResult()).status).toBe('budget-failed');
    expect(summarizeVerdict(crossProcessResult()).status).toBe('growing');
    expect(summarizeVerdict(healthyResult()).status).toBe('healthy');
  });

  it('uses the singular for one class and one budget', () => {
    const r = leakyResult();
    const one = { ...r, verdict: { ...r.verdict, growingClasses: 1, growingUserClasses: 1, failedBudgets: r.verdict.failedBudgets.slice(0, 1) } };
    const v = summarizeVerdict(one);
    expect(v.headline).toBe('1 class grows (1 user, 0 internal) across 4 snapshots');
    expect(v.budget).toBe('1 budget exceeded');
  });
});

describe('describeRule', () => {
  it('states the default rule in words', () => {
    const rule = { minGrowingIntervals: 2 / 3, minCountGrowth: 10, maxShrinkingIntervals: 0, minRelativeGrowth: 0.02, shrinkTolerance: 0.01 };
    expect(describeRule(rule, 3)).toBe(
      'A class is reported when its count rose in at least 2 of 3 intervals, shrank in none (drops under 1% ignored), and grew by at least 10 objects and 2% overall.',
    );
    expect(describeRule({ ...rule, maxShrinkingIntervals: 0.5 }, 1)).toContain('rose in at least 1 of 1 interval, shrank in none');
    expect(describeRule({ ...rule, maxShrinkingIntervals: 0.5, minRelativeGrowth: 0 }, 4)).toContain('shrank in at most 2 (drops under 1% ignored), and grew by at least 10 objects overall.');
  });
});
