// The collection before a large snapshot's analysis: it must free what only a settled
// promise chain still held, and leave no `gc` global behind for contexts made later.

import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { RELEASE_MIN_BYTES, releaseGarbage } from '../src/series/release-garbage.js';

describe('releaseGarbage()', () => {
  it('frees an array buffer nothing holds any more before it resolves', async () => {
    let resolveFreed = () => {};
    const freed = new Promise<void>((resolve) => (resolveFreed = resolve));
    // Held by the test, or it would be collected before the buffer and never call back.
    const registry = new FinalizationRegistry<void>(() => resolveFreed());
    let buffer: ArrayBuffer | undefined = new ArrayBuffer(64 * 1024 * 1024);
    registry.register(buffer, undefined);
    buffer = undefined;
    await releaseGarbage(RELEASE_MIN_BYTES);
    // The finalizer runs on a later task once the collection found the buffer dead.
    const outcome = await Promise.race([freed.then(() => 'freed'), new Promise((r) => setTimeout(() => r('still held'), 2000))]);
    expect(outcome).toBe('freed');
    expect(registry).toBeDefined();
  });

  it('does not give contexts made afterwards a gc function', async () => {
    await releaseGarbage(RELEASE_MIN_BYTES);
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });

  it('does nothing for a small snapshot, not even wait a turn', async () => {
    let turned = false;
    setImmediate(() => (turned = true));
    await releaseGarbage(RELEASE_MIN_BYTES - 1);
    expect(turned).toBe(false);
  });
});
