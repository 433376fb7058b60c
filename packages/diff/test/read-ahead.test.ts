import { describe, expect, it } from 'vitest';
import { readAheadFits } from '../src/series/read-ahead.js';

const MB = 1e6;

describe('readAheadFits()', () => {
  it('reads ahead when the next snapshot fits beside the current analysis, as measured on 321 + 340 MB (peak 965–987 MB)', () => {
    expect(readAheadFits(321 * MB, 340 * MB, 24e9)).toBe(true);
    expect(readAheadFits(321 * MB, 340 * MB, 1_000 * MB)).toBe(true);
    // The measured peak must not fit in less than it took.
    expect(readAheadFits(321 * MB, 340 * MB, 965 * MB)).toBe(false);
    expect(readAheadFits(321 * MB, 340 * MB, 800 * MB)).toBe(false);
  });

  it('weighs the analysis of the current snapshot above the columns of the next', () => {
    const limit = 2_000 * MB;
    expect(readAheadFits(1_000 * MB, 300 * MB, limit)).toBe(false);
    expect(readAheadFits(300 * MB, 1_000 * MB, limit)).toBe(true);
  });

  it('reads ahead whatever the sizes when no limit is known', () => {
    expect(readAheadFits(5e9, 5e9, undefined)).toBe(true);
  });
});
