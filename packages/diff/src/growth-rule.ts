// The "keeps growing" decision for one class, from its instance counts across
// the series. memlab's unbound-shape rejects any decrease and needs ≥1000
// instances; DevTools compares two snapshots only. Here a class is reported
// when all of these hold (thresholds live in GrowthRule):
//   1. enough intervals rose: at least ceil(minGrowingIntervals × intervals)
//      (default 2/3: every interval for 2–3 snapshots, all but one for 4,
//      two thirds on long series);
//   2. few intervals shrank: a drop larger than shrinkTolerance × the count
//      before it counts as shrinking; at most floor(maxShrinkingIntervals ×
//      intervals) may (default 0: churn and sawtooth never pass);
//   3. a clear overall trend: last − first ≥ max(minCountGrowth,
//      minRelativeGrowth × first);
//   4. still growing at the end: the count rose over the later half of the
//      series (last > count at the middle snapshot), so "rose, then plateaued"
//      is not reported however steep the first rise was.
//
// With object ids (one process, 3+ snapshots) a second route admits a leak
// whose count is noisy (leaked instances among transient ones of the same
// class, so some intervals dip): rules 3 and 4 must hold, and instances born
// in *every* interval must still be alive in the last snapshot. Churn fails
// that (its early newborns are dead by the end), a bounded cache fails rule 3.

import type { GrowthRule } from './types.js';

export const DEFAULT_GROWTH_RULE: GrowthRule = {
  minGrowingIntervals: 2 / 3,
  minCountGrowth: 10,
  maxShrinkingIntervals: 0,
  minRelativeGrowth: 0.02,
  shrinkTolerance: 0.01,
};

export interface GrowthJudgement {
  readonly growing: boolean;
  /** Intervals in which the count rose. */
  readonly intervalsGrown: number;
  /** Intervals in which the count fell by more than the tolerance. */
  readonly intervalsShrunk: number;
  /** Why a class was not reported (for --explain style output and tests); empty when growing. */
  readonly reason: '' | 'too few snapshots' | 'too few growing intervals' | 'shrank' | 'growth too small' | 'plateaued';
}

/** Number of intervals that must rise: ceil(share × intervals), at least 1. */
export function requiredGrowingIntervals(rule: GrowthRule, intervals: number): number {
  // The epsilon keeps 2/3 × 3 from rounding up to 3.
  return Math.max(1, Math.min(intervals, Math.ceil(rule.minGrowingIntervals * intervals - 1e-9)));
}

/** Number of intervals that may shrink: floor(share × intervals). */
export function allowedShrinkingIntervals(rule: GrowthRule, intervals: number): number {
  return Math.floor(rule.maxShrinkingIntervals * intervals + 1e-9);
}

/** Smallest count growth first → last that counts as a trend. */
export function requiredCountGrowth(rule: GrowthRule, first: number): number {
  return Math.max(rule.minCountGrowth, Math.ceil(rule.minRelativeGrowth * first), 1);
}

export function judgeGrowth(counts: ArrayLike<number>, rule: GrowthRule = DEFAULT_GROWTH_RULE): GrowthJudgement {
  const n = counts.length;
  if (n < 2) return { growing: false, intervalsGrown: 0, intervalsShrunk: 0, reason: 'too few snapshots' };
  const intervals = n - 1;
  let grown = 0;
  let shrunk = 0;
  for (let i = 0; i < intervals; i++) {
    const before = counts[i]!;
    const delta = counts[i + 1]! - before;
    if (delta > 0) grown++;
    else if (-delta > rule.shrinkTolerance * before) shrunk++;
  }
  const first = counts[0]!;
  const last = counts[intervals]!;
  const middle = counts[Math.floor(intervals / 2)]!;
  let reason: GrowthJudgement['reason'] = '';
  if (grown < requiredGrowingIntervals(rule, intervals)) reason = 'too few growing intervals';
  else if (shrunk > allowedShrinkingIntervals(rule, intervals)) reason = 'shrank';
  else if (last - first < requiredCountGrowth(rule, first)) reason = 'growth too small';
  else if (intervals >= 2 && last <= middle) reason = 'plateaued';
  return { growing: reason === '', intervalsGrown: grown, intervalsShrunk: shrunk, reason };
}

/**
 * The survivor route (see the top of this file): counts that trend up and are
 * still rising at the end, with new survivors from every interval.
 */
export function judgeSurvivingGrowth(
  counts: ArrayLike<number>,
  newSurvivorsPerInterval: ArrayLike<number>,
  rule: GrowthRule = DEFAULT_GROWTH_RULE,
): boolean {
  const intervals = counts.length - 1;
  if (intervals < 2 || newSurvivorsPerInterval.length !== intervals) return false;
  for (let k = 0; k < intervals; k++) if (!(newSurvivorsPerInterval[k]! > 0)) return false;
  const first = counts[0]!;
  const last = counts[intervals]!;
  return last - first >= requiredCountGrowth(rule, first) && last > counts[Math.floor(intervals / 2)]!;
}
