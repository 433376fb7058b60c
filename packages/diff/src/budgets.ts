// CI budgets: each failed check becomes one line of `verdict.failedBudgets`
// (the CLI prints it and exits 1).

import type { DiffBudgets } from './options.js';
import type { GrowingClass } from './types.js';

export function checkBudgets(
  reported: readonly GrowingClass[],
  bytesGrown: number,
  budgets: DiffBudgets,
): string[] {
  // Internal classes are among `reported` only with --include-internals, so they count only then.
  const failed: string[] = [];
  if (budgets.failOnGrowth && reported.length > 0) {
    const names = reported.slice(0, 3).map((c) => c.className).join(', ');
    failed.push(`--fail-on-growth: ${reported.length} growing ${reported.length === 1 ? 'class' : 'classes'} (${names}${reported.length > 3 ? ', …' : ''})`);
  }
  if (budgets.maxGrowthBytes !== undefined && bytesGrown > budgets.maxGrowthBytes) {
    failed.push(`--max-growth-bytes ${budgets.maxGrowthBytes}: retained size of growing classes grew by ${bytesGrown} bytes`);
  }
  if (budgets.maxGrowingClasses !== undefined && reported.length > budgets.maxGrowingClasses) {
    failed.push(`--max-growing-classes ${budgets.maxGrowingClasses}: ${reported.length} classes grew`);
  }
  return failed;
}
