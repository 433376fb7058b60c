import { describe, expect, it } from 'vitest';
import { enableCompileCache } from '../src/compile-cache.js';

describe('enableCompileCache()', () => {
  it('turns on the cache of a Node that has one, once', () => {
    let calls = 0;
    expect(enableCompileCache({ enableCompileCache: () => calls++ })).toBe(true);
    expect(calls).toBe(1);
  });

  it('does nothing on a Node without one, and survives one that fails', () => {
    expect(enableCompileCache({})).toBe(false);
    expect(
      enableCompileCache({
        enableCompileCache: () => {
          throw new Error('EACCES');
        },
      }),
    ).toBe(false);
  });
});
