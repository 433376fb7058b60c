// CI budgets: each failed check becomes one entry of `verdict.failedBudgets`.
// The entries are data (which budget, its limit, what was measured); how to word
// them, and which command-line flag set them, is the report's business.
// A baseline's known findings are measured only with failOnKnown: a baseline
// exists so that CI fails on what is new.

import type { DiffBudgets } from './options.js';
import type { FailedBudget, GrowingClass } from './types.js';

export function checkBudgets(fresh: readonly GrowingClass[], known: readonly GrowingClass[], budgets: DiffBudgets): FailedBudget[] {
  // Internal classes are among the findings only with includeInternals, so they count only then.
  const gating = budgets.failOnKnown ? [...fresh, ...known] : fresh;
  const bytesGrown = gating.reduce((s, c) => s + c.growth.retainedSize, 0);
  const failed: FailedBudget[] = [];
  const classes = gating.map((c) => c.className);
  if (budgets.failOnGrowth && gating.length > 0) {
    failed.push({ budget: 'failOnGrowth', limit: null, actual: gating.length, classes });
  }
  if (budgets.maxGrowthBytes !== undefined && bytesGrown > budgets.maxGrowthBytes) {
    failed.push({ budget: 'maxGrowthBytes', limit: budgets.maxGrowthBytes, actual: bytesGrown, classes });
  }
  if (budgets.maxGrowingClasses !== undefined && gating.length > budgets.maxGrowingClasses) {
    failed.push({ budget: 'maxGrowingClasses', limit: budgets.maxGrowingClasses, actual: gating.length, classes });
  }
  return failed;
}
