import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClassSeries } from '@heaptrail/diff';
import { describe, expect, it } from 'vitest';
import { leakCheckWithClasses } from '../src/leak-check/leak-check.js';
import { assertNoLeak, leakCheck, LeakError } from '../src/index.js';

const packages = fileURLToPath(new URL('../../', import.meta.url));

/** Every class declared in the packages a leak check runs (parser to record). */
function heaptrailClassNames(): string[] {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/^(?:export )?class (\w+)/gm)) names.add(m[1]!);
    }
  };
  for (const pkg of ['parser', 'graph', 'diff', 'report', 'record']) walk(join(packages, pkg, 'src'));
  return [...names];
}

class Order {
  constructor(readonly id: number) {}
}
const orders: Order[] = [];

describe('leakCheck', () => {
  it('keeps heaptrail out of the heap it measures: none of its classes has an instance in the snapshots', async () => {
    const ours = heaptrailClassNames();
    expect(ours).toContain('SnapshotScanner');
    // The control: one object of a heaptrail class held on this thread is seen.
    const held = new ClassSeries(2);
    const { result, classNames } = await leakCheckWithClasses(() => undefined, { snapshots: 3, iterations: 1 }, true);
    expect(held.names).toEqual([]);
    expect(classNames).toContain('ClassSeries');
    expect(ours.filter((c) => c !== 'ClassSeries' && classNames!.includes(c))).toEqual([]);
    expect(result.growing).toEqual([]);
  });

  it('counts each interval: iterations × objects leaked per call', async () => {
    const result = await leakCheck(
      (i) => {
        orders.push(new Order(i), new Order(i));
      },
      { iterations: 5, snapshots: 3, warmup: 0 },
    );
    const order = result.growing.find((g) => g.className === 'Order')!;
    expect(order.counts[1]! - order.counts[0]!).toBe(10);
    expect(order.counts[2]! - order.counts[1]!).toBe(10);
    expect(result.snapshots).toHaveLength(3);
  });

  it('awaits an async function', async () => {
    const result = await leakCheck(async (i) => {
      await new Promise((r) => setTimeout(r, 1));
      orders.push(new Order(i));
    }, { iterations: 12, snapshots: 3 });
    expect(result.growing.map((g) => g.className)).toContain('Order');
  });

  it('refuses options it cannot honour', async () => {
    await expect(leakCheck(() => undefined, { snapshots: 1 })).rejects.toThrow(/snapshots must be a whole number ≥ 2/);
    await expect(leakCheck(() => undefined, { iterations: 0 })).rejects.toThrow(/iterations must be/);
  });

  it('passes an error thrown by fn through', async () => {
    await expect(
      leakCheck(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow(/^boom$/);
  });
});

describe('assertNoLeak', () => {
  it('rejects with the text report, and lets an ignored class grow', async () => {
    const leaky = (i: number): void => void orders.push(new Order(i));
    const error = await assertNoLeak(leaky, { snapshots: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeakError);
    expect((error as Error).message).toMatch(/^heaptrail: 1 class grows[\s\S]*\nOrder /m);
    const passed = await assertNoLeak(leaky, { snapshots: 3, ignore: ['Order'] });
    expect(passed.growing).toEqual([]);
    expect(passed.verdict.bytesGrown).toBe(0);
  });
});

describe('the node:test example', () => {
  // Three leak checks in a child: on a loaded machine that takes longer than the suite's default minute.
  it('passes under node --test', () => {
    const file = fileURLToPath(new URL('./examples/node-test-example.mjs', import.meta.url));
    const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', file], { encoding: 'utf8', timeout: 170_000 });
    expect(run.stdout).toMatch(/^# pass 3$/m);
    expect(run.status).toBe(0);
  }, 180_000);
});
