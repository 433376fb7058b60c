import { mkdtemp, mkdir, copyFile, rm, utimes, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyze } from '@heaptrail/graph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassSeries } from '../src/class-series.js';
import { diffSeries, SeriesDiff } from '../src/diff-series.js';
import { InputError } from '../src/errors.js';
import { diffFiles } from '../src/series/diff-files.js';
import { resolveSeriesFiles } from '../src/series/inputs.js';
import { readSnapshotFile } from '../src/series/load.js';
import { loadSnapshot } from '../src/series/load-cached.js';
import { FakeProcess } from './fake-process.js';

const SAMPLES = resolve(__dirname, '../../../samples');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'heaptrail-series-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('resolveSeriesFiles()', () => {
  it('orders a directory by the numbers in the names, keeping the paths as typed', async () => {
    const d = join(dir, 'numbered');
    await mkdir(d);
    for (const name of ['s10.heapsnapshot', 's2.heapsnapshot.gz', 's1.heapsnapshot', 'notes.txt']) await writeFile(join(d, name), '');
    const series = await resolveSeriesFiles(['numbered'], dir);
    expect(series).toEqual({ files: [join('numbered', 's1.heapsnapshot'), join('numbered', 's2.heapsnapshot.gz'), join('numbered', 's10.heapsnapshot')], order: 'natural' });
  });

  it('orders names without numbers by modification time', async () => {
    const d = join(dir, 'dated');
    await mkdir(d);
    const names = ['b.heapsnapshot', 'a.heapsnapshot', 'c.heapsnapshot'];
    for (const [k, name] of names.entries()) {
      await writeFile(join(d, name), '');
      await utimes(join(d, name), 1000 + k, 1000 + k);
    }
    expect((await resolveSeriesFiles([d])).files).toEqual(names.map((n) => join(d, n)));
  });

  it('keeps files given one by one in the order given', async () => {
    const files = ['s3.heapsnapshot.gz', 's1.heapsnapshot.gz'].map((f) => join(SAMPLES, 'control', f));
    expect(await resolveSeriesFiles(files)).toEqual({ files, order: null });
  });

  it.each([
    [[join(SAMPLES, 'control', 's1.heapsnapshot.gz')], /a diff needs at least 2 snapshots/],
    [['-', '-'], /stdin \(-\) can be only one/],
    [['missing.heapsnapshot', 'other.heapsnapshot'], /^missing\.heapsnapshot: no such file or directory$/],
  ])('refuses %j with one line', async (inputs, message) => {
    await expect(resolveSeriesFiles(inputs, dir)).rejects.toThrow(message);
    await expect(resolveSeriesFiles(inputs, dir)).rejects.toBeInstanceOf(InputError);
  });

  it('refuses a directory mixed with files, and a directory with fewer than 2 snapshots', async () => {
    await mkdir(join(dir, 'few'));
    await writeFile(join(dir, 'few', 's1.heapsnapshot'), '');
    await expect(resolveSeriesFiles(['few', 'few/s1.heapsnapshot'], dir)).rejects.toThrow(/^few: is a directory; give files, or one directory alone$/);
    // One dump: the commands that read a post-mortem are named, with the file.
    await expect(resolveSeriesFiles(['few'], dir)).rejects.toThrow(/^few: a diff needs at least 2 snapshots .* found 1 \(s1\.heapsnapshot: read it with summary --suspect and paths\)$/);
    await mkdir(join(dir, 'none'));
    await expect(resolveSeriesFiles(['none'], dir)).rejects.toThrow(/^none: a diff needs at least 2 snapshots .* found 0$/);
  });
});

describe('loadSnapshot() and readSnapshotFile()', () => {
  const file = join(SAMPLES, 'agent-history', 's1.heapsnapshot.gz');

  it('reads stdin for "-" and a file by its path alike', async () => {
    const fromFile = await readSnapshotFile(file);
    const fromStdin = await readSnapshotFile('-', { stdin: createReadStream(file) });
    expect(fromStdin.header.nodeCount).toBe(fromFile.header.nodeCount);
    expect(Buffer.from(fromStdin.edges.toNode.buffer).equals(Buffer.from(fromFile.edges.toNode.buffer))).toBe(true);
  });

  it('names a missing file or a directory as typed, and refuses "-" without a stdin', async () => {
    await expect(loadSnapshot('nope.heapsnapshot', { cwd: dir })).rejects.toThrow(/^nope\.heapsnapshot: no such file or directory$/);
    await expect(loadSnapshot('few', { cwd: dir })).rejects.toThrow(/^few: is a directory, not a snapshot file$/);
    await expect(loadSnapshot('-')).rejects.toThrow(/stdin \(-\) is not available/);
  });

  it('reports reading progress and then each analysis phase', async () => {
    const stages = new Set<string>();
    const graph = await loadSnapshot(file, { onProgress: (stage) => void stages.add(stage) });
    expect([...stages]).toEqual(['reading', 'classes', 'dominators', 'retained sizes', 'distances']);
    expect(graph.retainedSize[0]).toBeGreaterThan(0);
  });
});

describe('diffFiles()', () => {
  it('diffs a sample directory: the leak, its path, and progress for every snapshot and the paths', async () => {
    const events: string[] = [];
    const result = await diffFiles([join(SAMPLES, 'agent-history')], {
      threads: 1,
      onProgress: (e) => void events.push(e.kind === 'load' ? `load ${e.index}/${e.count}` : `paths ${e.className}`),
    });
    expect(result.growing[0]!.className).toBe('ChatMessage');
    expect(result.growing[0]!.paths[0]!.text).toContain('history');
    expect(new Set(events.filter((e) => e.startsWith('load')))).toEqual(new Set(['load 0/4', 'load 1/4', 'load 2/4', 'load 3/4']));
    expect(events).toContain('paths ChatMessage');
  });

  it('stops at a bad file with the parser\'s one line naming it', async () => {
    const d = join(dir, 'bad');
    await mkdir(d);
    await copyFile(join(SAMPLES, 'control', 's1.heapsnapshot.gz'), join(d, 's1.heapsnapshot.gz'));
    await writeFile(join(d, 's2.heapsnapshot'), '{"snapshot":{"meta":');
    await expect(diffFiles([d], { threads: 1 })).rejects.toThrow(/s2\.heapsnapshot.*byte \d+/);
  });
});

describe('SeriesDiff', () => {
  function series(): ReturnType<FakeProcess['snapshot']>[] {
    const p = new FakeProcess();
    const out = [];
    for (let s = 0; s < 5; s++) {
      p.allocate('Session', 20);
      out.push(p.snapshot());
    }
    return out;
  }

  it('taking snapshots one at a time, without knowing how many, gives the same result as diffSeries', async () => {
    const snaps = series();
    const files = snaps.map((_, i) => `s${i + 1}`);
    const expected = await diffSeries(files, async (i) => analyze(snaps[i]!));
    const diff = new SeriesDiff();
    snaps.forEach((s, i) => diff.add(analyze(s), files[i]!));
    expect(diff.size).toBe(5);
    expect(diff.finish()).toEqual(expected);
    expect(expected.growing.map((g) => g.className)).toEqual(['Session']);
    expect(expected.growing[0]!.counts).toEqual([20, 40, 60, 80, 100]);
    // Every graph was kept: each one's collection sizes were taken when the next came.
    expect(expected.growing[0]!.accumulationPoint).toMatchObject({ kind: 'Array', sizes: [20, 40, 60, 80, 100] });
  });

  it('refuses to finish with fewer than 2 snapshots or without the last graph', () => {
    const [a, b] = series();
    const one = new SeriesDiff();
    one.add(analyze(a!), 'a');
    expect(() => one.finish()).toThrow(/at least 2 snapshots/);
    one.add(analyze(b!), 'b', false);
    expect(() => one.finish()).toThrow(/without its graph/);
  });
});

describe('ClassSeries', () => {
  it('grows past its expected length and shows rows trimmed to the snapshots recorded', () => {
    const s = new ClassSeries(1);
    for (let i = 0; i < 6; i++) s.record(i, [{ className: 'A', count: i + 1, shallowSize: 10, retainedSize: 20 }]);
    s.record(2, [{ className: 'B', count: 7, shallowSize: 1, retainedSize: 1 }]);
    expect(s.snapshotCount).toBe(6);
    expect(Array.from(s.counts[s.idOf('A')]!)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(s.counts[s.idOf('B')]!)).toEqual([0, 0, 7, 0, 0, 0]);
  });
});
