// The verdict sentences every renderer opens with, so text, Markdown and HTML agree.

import { allowedShrinkingIntervals, requiredGrowingIntervals, type DiffResult, type GrowthRule } from '@heaptrail/diff';
import { formatBytes, formatCount, formatSignedBytes } from './format.js';
import { leadSentence } from './lead.js';
import { baselineSentence } from './baseline.js';

export type VerdictStatus = 'healthy' | 'growing' | 'budget-failed';

export interface VerdictSummary {
  readonly status: VerdictStatus;
  /** "3 classes grow (2 user, 1 internal) across 4 snapshots" or "No class grows across 4 snapshots". */
  readonly headline: string;
  /**
   * "heap +1.2 MB (+400 kB, +400 kB, +400 kB per interval), 1.1 MB retained by the new
   * survivors": the heap's own growth and what the new instances hold, each byte once;
   * empty when healthy.
   */
  readonly bytes: string;
  /** The thing to fix (see lead.ts); null when nothing grows. */
  readonly lead: string | null;
  /** "2 budgets exceeded" / "no budget exceeded". */
  readonly budget: string;
  /** "baseline b.json: 2 known leaks (not gated), 1 entry fixed"; empty without a baseline. */
  readonly baseline: string;
  /** Facts worth a line: a cross-process series. */
  readonly notes: readonly string[];
  /** Suggestions a person may act on (hidden internals and the option that shows them); `--quiet` drops them. */
  readonly hints: readonly string[];
}

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

export function summarizeVerdict(result: DiffResult): VerdictSummary {
  const v = result.verdict;
  const snaps = plural(result.snapshots.length, 'snapshot', 'snapshots');
  const internal = v.growingClasses - v.growingUserClasses;
  // With a baseline, `growing` holds only what is new, and the headline says so.
  const fresh = result.baseline === null ? '' : 'new ';
  const headline =
    v.growingClasses === 0
      ? `No ${fresh}class grows across ${snaps}`
      : `${formatCount(v.growingClasses)} ${fresh}${v.growingClasses === 1 ? 'class grows' : 'classes grow'} (${formatCount(v.growingUserClasses)} user, ${formatCount(internal)} internal) across ${snaps}`;
  const perInterval = v.heapBytesGrownPerInterval.map(formatSignedBytes).join(', ');
  const survivors = v.newSurvivorBytes === null || v.growingClasses === 0 ? '' : `, ${formatBytes(v.newSurvivorBytes)} retained by the new survivors`;
  const known = result.baseline?.known.length ?? 0;
  const bytes =
    v.growingClasses === 0 && known === 0
      ? ''
      : `heap ${formatSignedBytes(v.heapBytesGrown)}` + (v.heapBytesGrownPerInterval.length > 1 ? ` (${perInterval} per interval)` : '') + survivors;
  const budget = v.failedBudgets.length === 0 ? 'no budget exceeded' : plural(v.failedBudgets.length, 'budget exceeded', 'budgets exceeded');
  const notes: string[] = [];
  const hints: string[] = [];
  if (result.order.by === 'object-ids') {
    notes.push(`The snapshots were given out of the order they were taken in; ordered by their object ids: ${result.snapshots.map((s) => s.file).join(', ')}`);
  }
  if (result.hiddenWeakClasses > 0) {
    hints.push(`${plural(result.hiddenWeakClasses, 'class', 'classes')} left out on weak evidence (churn: their growth is not carried by instances that stay alive)`);
  }
  if (result.hiddenInternalClasses > 0) {
    hints.push(`${plural(result.hiddenInternalClasses, 'growing internal class', 'growing internal classes')} hidden (--include-internals shows them)`);
  }
  const choice = result.pathChoice;
  if (choice.order === 'shortest') notes.push('Retaining paths are the plain shortest ones, as DevTools shows them');
  else if (choice.avoid.length > 0) notes.push(`Retaining paths go around ${choice.avoid.join(', ')} wherever another path exists`);
  if (!result.sameProcess) {
    notes.push('Snapshots come from different processes: object ids are not comparable, so new survivors are unknown');
  }
  const status: VerdictStatus = v.failedBudgets.length > 0 ? 'budget-failed' : v.growingClasses + known > 0 ? 'growing' : 'healthy';
  return { status, headline, bytes, budget, baseline: baselineSentence(result), notes, hints, lead: leadSentence(result) };
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/**
 * The growth rule in words, for readers of a report: "rose in at least 2 of 3 intervals,
 * shrank in none (drops under 1% ignored), and grew by at least 10 objects and 2% overall".
 * The thresholds are growth-rule.ts's own (packages/diff).
 */
export function describeRule(rule: GrowthRule, intervals: number): string {
  const rising = requiredGrowingIntervals(rule, intervals);
  const shrinking = allowedShrinkingIntervals(rule, intervals);
  const shrank = shrinking === 0 ? 'shrank in none' : `shrank in at most ${shrinking}`;
  const relative = rule.minRelativeGrowth > 0 ? ` and ${percent(rule.minRelativeGrowth)}` : '';
  return (
    `A class is reported when its count rose in at least ${rising} of ${intervals} ${intervals === 1 ? 'interval' : 'intervals'}, ` +
    `${shrank} (drops under ${percent(rule.shrinkTolerance)} ignored), and grew by at least ${formatCount(rule.minCountGrowth)} objects${relative} overall.`
  );
}

/** "12 → 1,012 → 2,012 → 4,012". */
export function formatSeries(values: readonly number[]): string {
  return values.map(formatCount).join(' → ');
}

/** "+4,000" / "-3" / "0". */
export function formatSignedCount(n: number): string {
  return n > 0 ? `+${formatCount(n)}` : formatCount(n);
}
