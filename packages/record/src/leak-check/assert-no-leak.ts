// assertNoLeak(): leakCheck that fails a test. Rejects with the text report as
// the message when any class (not in `ignore`) grows.

import type { DiffResult } from '@heaptrail/diff';
import { renderDiffText } from '@heaptrail/report';
import { leakCheck, type LeakCheckFunction } from './leak-check.js';
import type { AssertNoLeakOptions } from './options.js';

export class LeakError extends Error {
  override readonly name = 'LeakError';
  constructor(
    message: string,
    readonly result: DiffResult,
  ) {
    super(message);
  }
}

export async function assertNoLeak(fn: LeakCheckFunction, options: AssertNoLeakOptions = {}): Promise<DiffResult> {
  const result = withoutIgnored(await leakCheck(fn, options), new Set(options.ignore ?? []));
  if (result.growing.length > 0) throw new LeakError(renderDiffText(result, { color: false }), result);
  return result;
}

/** The result as if the ignored classes had not grown: their rows and their share of the verdict removed. */
export function withoutIgnored(result: DiffResult, ignore: ReadonlySet<string>): DiffResult {
  if (ignore.size === 0) return result;
  const growing = result.growing.filter((g) => !ignore.has(g.className));
  const bytesGrownPerInterval = result.verdict.bytesGrownPerInterval.map((_, k) =>
    growing.reduce((sum, g) => sum + g.retainedSizes[k + 1]! - g.retainedSizes[k]!, 0),
  );
  return {
    ...result,
    growing,
    verdict: {
      ...result.verdict,
      growingClasses: growing.length,
      growingUserClasses: growing.filter((g) => g.category === 'user').length,
      bytesGrown: growing.reduce((sum, g) => sum + g.growth.retainedSize, 0),
      bytesGrownPerInterval,
    },
  };
}
