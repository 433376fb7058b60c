import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertNoLeak, leakCheck } from '@heaptrail/record';

class Session {
  constructor(id) {
    this.id = id;
  }
}
const sessions = [];

test('finds sessions pushed to a module array', async () => {
  const result = await leakCheck((i) => {
    sessions.push(new Session(i));
  });
  assert.equal(result.schema, 'heaptrail.diff/2');
  assert.equal(result.growing[0].className, 'Session');
  assert.match(result.growing[0].paths[0].text, /sessions\[\] → Session$/);
});

test('passes a function that drops what it allocates', async () => {
  await assertNoLeak((i) => {
    const local = [new Session(i)];
    return local.length;
  });
});

test('assertNoLeak fails with the report', async () => {
  await assert.rejects(
    assertNoLeak((i) => {
      sessions.push(new Session(i));
    }),
    /1 class grows[\s\S]*Session/,
  );
});
