// CI budgets: each failed check becomes one line of `verdict.failedBudgets`
// (the CLI prints it and exits 1).

import type { DiffBudgets } from './options.js';
import type { GrowingClass } from './types.js';

export function checkBudgets(
  reported: readonly GrowingClass[],
  bytesGrown: number,
  budgets: DiffBudgets,
  includeInternals: boolean,
): string[] {
  const failed: string[] = [];
  const counted = includeInternals ? reported : reported.filter((c) => c.category === 'user');
  if (budgets.failOnGrowth && counted.length > 0) {
    const names = counted.slice(0, 3).map((c) => c.className).join(', ');
    failed.push(`--fail-on-growth: ${counted.length} growing ${counted.length === 1 ? 'class' : 'classes'} (${names}${counted.length > 3 ? ', …' : ''})`);
  }
  if (budgets.maxGrowthBytes !== undefined && bytesGrown > budgets.maxGrowthBytes) {
    failed.push(`--max-growth-bytes ${budgets.maxGrowthBytes}: retained size of growing classes grew by ${bytesGrown} bytes`);
  }
  if (budgets.maxGrowingClasses !== undefined && counted.length > budgets.maxGrowingClasses) {
    failed.push(`--max-growing-classes ${budgets.maxGrowingClasses}: ${counted.length} classes grew`);
  }
  return failed;
}
