// CI budgets: each failed check becomes one entry of `verdict.failedBudgets`.
// The entries are data (which budget, its limit, what was measured); how to word
// them, and which command-line flag set them, is the report's business.

import type { DiffBudgets } from './options.js';
import type { FailedBudget, GrowingClass } from './types.js';

export function checkBudgets(reported: readonly GrowingClass[], bytesGrown: number, budgets: DiffBudgets): FailedBudget[] {
  // Internal classes are among `reported` only with includeInternals, so they count only then.
  const failed: FailedBudget[] = [];
  const classes = reported.map((c) => c.className);
  if (budgets.failOnGrowth && reported.length > 0) {
    failed.push({ budget: 'failOnGrowth', limit: null, actual: reported.length, classes });
  }
  if (budgets.maxGrowthBytes !== undefined && bytesGrown > budgets.maxGrowthBytes) {
    failed.push({ budget: 'maxGrowthBytes', limit: budgets.maxGrowthBytes, actual: bytesGrown, classes });
  }
  if (budgets.maxGrowingClasses !== undefined && reported.length > budgets.maxGrowingClasses) {
    failed.push({ budget: 'maxGrowingClasses', limit: budgets.maxGrowingClasses, actual: reported.length, classes });
  }
  return failed;
}
