import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANALYSIS_WORK_BYTES } from '@heaptrail/graph';
import { estimateSnapshotBytes, PreflightError, readSnapshot } from '@heaptrail/parser';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { diffFiles } from '../src/series/diff-files.js';
import { SERIES_LAST_WORK_BYTES } from '../src/series/load.js';
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

describe('the memory preflight of a series', () => {
  it("counts the path search and the previous id table on the last snapshot only: a limit between the two estimates refuses the last", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heaptrail-series-preflight-'));
    const files = ['a', 'b'].map((name) => {
      const b = new SnapshotBuilder();
      const nodes = Array.from({ length: 50_000 }, (_, i) => b.node(`N${i % 20}`, 32));
      b.root.edge(nodes[0]!, 'shortcut', 'g');
      nodes.forEach((n, i) => n.edge(nodes[(i + 1) % nodes.length]!, 'property', 'next'));
      const file = join(dir, `${name}.heapsnapshot`);
      writeFileSync(file, b.toJSON());
      return file;
    });
    const header = (await readSnapshot(files[1]!)).header;
    const bytes = statSync(files[1]!).size;
    const plain = estimateSnapshotBytes(header, bytes, ANALYSIS_WORK_BYTES);
    const last = estimateSnapshotBytes(header, bytes, SERIES_LAST_WORK_BYTES);
    expect(last - plain).toBe(50_001 * (SERIES_LAST_WORK_BYTES.perNode - ANALYSIS_WORK_BYTES.perNode));
    const between = Math.round((plain + last) / 2);
    const refused = await diffFiles(files, { maxMemoryBytes: between }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(PreflightError);
    // The last one is refused, with the estimate for a last snapshot; the first passed the same limit.
    expect((refused as PreflightError).source).toBe(files[1]);
    expect((refused as PreflightError).needed).toBe(last);
    await expect(diffFiles(files, { maxMemoryBytes: last + 1 })).resolves.toMatchObject({ snapshots: [{}, {}] });
  });

  it('refuses the series before reading its first snapshot when a later one cannot fit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heaptrail-series-upfront-'));
    const write = (name: string, count: number) => {
      const b = new SnapshotBuilder();
      const nodes = Array.from({ length: count }, (_, i) => b.node(`N${i % 20}`, 32));
      b.root.edge(nodes[0]!, 'shortcut', 'g');
      nodes.forEach((n, i) => n.edge(nodes[(i + 1) % nodes.length]!, 'property', 'next'));
      const file = join(dir, `${name}.heapsnapshot`);
      writeFileSync(file, b.toJSON());
      return file;
    };
    const files = [write('a', 10_000), write('b', 80_000), write('c', 10_000)];
    const need = async (file: string, work: typeof ANALYSIS_WORK_BYTES) => estimateSnapshotBytes((await readSnapshot(file)).header, statSync(file).size, work);
    const limit = Math.round(((await need(files[0]!, SERIES_LAST_WORK_BYTES)) + (await need(files[1]!, ANALYSIS_WORK_BYTES))) / 2);
    const events: string[] = [];
    const refused = await diffFiles(files, { maxMemoryBytes: limit, onProgress: (e) => events.push(e.kind) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(PreflightError);
    expect((refused as PreflightError).source).toBe(files[1]);
    expect((refused as PreflightError).needed).toBe(await need(files[1]!, ANALYSIS_WORK_BYTES));
    // Nothing was read: not even the first snapshot, which fits.
    expect(events).toEqual([]);
  });
});
