import { describe, expect, it } from 'vitest';
import { compareNatural, orderSnapshotFiles } from '../src/snapshot-order.js';

const at = (name: string, mtimeMs = 0) => ({ name, mtimeMs });
const names = (r: { files: { name: string }[] }) => r.files.map((f) => f.name);

describe('orderSnapshotFiles()', () => {
  it("orders Node's Heap.<date>.<time>.<pid>.<tid>.<seq> names by date, time, then sequence", () => {
    const r = orderSnapshotFiles([
      at('Heap.20260102.090000.77.0.001.heapsnapshot', 3),
      at('Heap.20260101.235959.77.0.010.heapsnapshot', 2),
      at('Heap.20260101.235959.77.0.002.heapsnapshot.gz', 1),
      at('Heap.20251231.120000.99.0.004.heapsnapshot', 9),
    ]);
    expect(r.rule).toBe('node-name');
    expect(names(r)).toEqual([
      'Heap.20251231.120000.99.0.004.heapsnapshot',
      'Heap.20260101.235959.77.0.002.heapsnapshot.gz',
      'Heap.20260101.235959.77.0.010.heapsnapshot',
      'Heap.20260102.090000.77.0.001.heapsnapshot',
    ]);
  });

  it('orders s1 … s10 naturally, not alphabetically', () => {
    const r = orderSnapshotFiles([at('s10.heapsnapshot'), at('s2.heapsnapshot.gz'), at('s1.heapsnapshot')]);
    expect(r.rule).toBe('natural');
    expect(names(r)).toEqual(['s1.heapsnapshot', 's2.heapsnapshot.gz', 's10.heapsnapshot']);
  });

  it('falls back to modification time when the names carry no order', () => {
    const r = orderSnapshotFiles([at('after.heapsnapshot', 200), at('before.heapsnapshot', 100), at('middle.heapsnapshot', 150)]);
    expect(r.rule).toBe('mtime');
    expect(names(r)).toEqual(['before.heapsnapshot', 'middle.heapsnapshot', 'after.heapsnapshot']);
  });

  it('ignores files that are not snapshots, and hidden files', () => {
    const r = orderSnapshotFiles([at('s1.heapsnapshot'), at('expected.json'), at('.s0.heapsnapshot'), at('s2.heapsnapshot'), at('notes.txt')]);
    expect(names(r)).toEqual(['s1.heapsnapshot', 's2.heapsnapshot']);
  });

  it('uses the name as tie-breaker for equal modification times, so the order is deterministic', () => {
    const r = orderSnapshotFiles([at('b.heapsnapshot', 5), at('a.heapsnapshot', 5)]);
    expect(names(r)).toEqual(['a.heapsnapshot', 'b.heapsnapshot']);
  });
});

describe('compareNatural()', () => {
  it('compares digit runs as numbers and the rest case-insensitively', () => {
    expect(['run2-s10', 'run10-s1', 'run2-s9', 'Run2-s1'].sort(compareNatural)).toEqual(['Run2-s1', 'run2-s9', 'run2-s10', 'run10-s1']);
  });
});
