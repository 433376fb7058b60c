// A failed CI budget in words, named by the option that sets it, so a person can
// find the setting from the message: "--max-growth-bytes 1000000: retained size of
// growing classes grew by 2900000 bytes".

import type { FailedBudget } from '@heaptrail/diff';
import { formatCount } from './format.js';

export const BUDGET_FLAGS: Readonly<Record<FailedBudget['budget'], string>> = {
  failOnGrowth: '--fail-on-growth',
  maxGrowthBytes: '--max-growth-bytes',
  maxGrowingClasses: '--max-growing-classes',
};

export function describeBudget(b: FailedBudget): string {
  const flag = b.limit === null ? BUDGET_FLAGS[b.budget] : `${BUDGET_FLAGS[b.budget]} ${b.limit}`;
  const names = b.classes.slice(0, 3).join(', ') + (b.classes.length > 3 ? ', …' : '');
  const classes = `${formatCount(b.classes.length)} growing ${b.classes.length === 1 ? 'class' : 'classes'} (${names})`;
  switch (b.budget) {
    case 'failOnGrowth':
      return `${flag}: ${classes}`;
    case 'maxGrowthBytes':
      return `${flag}: retained size of growing classes grew by ${b.actual} bytes`;
    case 'maxGrowingClasses':
      return `${flag}: ${formatCount(b.actual)} classes grew`;
  }
}
