// End-to-end: a series given out of the order it was taken in. Within one process the
// object ids say the order, and the diff follows them (with a note); across processes
// they say nothing, and the order given stands.
import { describe, expect, it } from 'vitest';
import type { DiffResult } from '@heaptrail/diff';
import { readExpected, runCli } from './helpers/cli.js';

const series = (scenario: string) => readExpected(scenario).files.map((f) => `samples/${scenario}/${f}`);

async function diffJson(files: readonly string[], ...args: string[]) {
  const r = await runCli(['diff', ...files, '--format', 'json', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return { result: JSON.parse(r.stdout) as DiffResult, stderr: r.stderr };
}

const classes = (r: DiffResult) => r.growing.map((g) => [g.className, g.counts]);

describe('heaptrail diff on a series given out of order', () => {
  it('reversed, finds the same growing classes as in order, ordered by object ids, with a note', async () => {
    const files = series('agent-history');
    const inOrder = await diffJson(files);
    expect(inOrder.result.order).toEqual({ by: 'given', given: null });
    expect(inOrder.result.growing.length).toBeGreaterThan(0);
    const reversed = await diffJson([...files].reverse());
    expect(reversed.result.order).toEqual({ by: 'object-ids', given: [...files].reverse() });
    expect(reversed.result.snapshots.map((s) => s.file)).toEqual(files);
    expect(classes(reversed.result)).toEqual(classes(inOrder.result));
    expect(reversed.result.sameProcess).toBe(true);
    expect(reversed.result.idChecks).toEqual(inOrder.result.idChecks);
    expect(reversed.stderr).toMatch(/^heaptrail: note: the snapshots were not given in the order they were taken \(.*\); judged by their object ids in the order /m);
  });

  it('shuffled, likewise; --keep-order judges them as given', async () => {
    const files = series('listeners');
    const shuffled = [files[1]!, files[3]!, files[0]!, files[2]!];
    const inOrder = await diffJson(files);
    const r = await diffJson(shuffled);
    expect(r.result.order.by).toBe('object-ids');
    expect(r.result.snapshots.map((s) => s.file)).toEqual(files);
    expect(classes(r.result)).toEqual(classes(inOrder.result));
    const kept = await diffJson(shuffled, '--keep-order');
    expect(kept.result.order).toEqual({ by: 'given', given: null });
    expect(kept.result.snapshots.map((s) => s.file)).toEqual(shuffled);
    expect(kept.result.growing.map((g) => g.className)).not.toContain(inOrder.result.growing[0]!.className);
  });

  it('says so in the text report', async () => {
    const files = series('agent-history');
    const r = await runCli(['diff', ...[...files].reverse()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The snapshots were given out of the order they were taken in; ordered by their object ids');
    expect(r.stdout).toContain('ChatMessage');
  });

  it('records how a directory was ordered', async () => {
    const { result } = await diffJson(['samples/agent-history']);
    expect(result.order).toEqual({ by: 'natural', given: null });
  });

  it('keeps a cross-process series in the order given, reversed or not', async () => {
    const files = series('cross-process');
    const reversed = [...files].reverse();
    const r = await diffJson(reversed);
    expect(r.result.sameProcess).toBe(false);
    expect(r.result.order).toEqual({ by: 'given', given: null });
    expect(r.result.snapshots.map((s) => s.file)).toEqual(reversed);
    expect(r.stderr).not.toMatch(/not given in the order/);
    // Judged as given: the leak reversed shrinks, so it is not reported.
    expect(r.result.growing.map((g) => g.className)).not.toContain(readExpected('cross-process').grows[0]!.className);
  });
});
