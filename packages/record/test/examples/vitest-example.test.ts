import { expect, test } from 'vitest';
import { assertNoLeak, leakCheck } from '@heaptrail/record';

class Session {
  constructor(readonly id: number) {}
}
const sessions: Session[] = [];

test('finds sessions pushed to a module array', async () => {
  const result = await leakCheck((i) => {
    sessions.push(new Session(i));
  });
  expect(result.growing[0]!.className).toBe('Session');
  // Vitest rewrites the module, so V8 no longer knows the array by its name.
  expect(result.growing[0]!.paths[0]!.text).toMatch(/^\(module scope( of [^)]*)?\) .*\[\] → Session$/);
});

test('passes a function that drops what it allocates', async () => {
  await assertNoLeak((i) => {
    const local = [new Session(i)];
    return local.length;
  });
});
