// SeriesDiff.digestBeside: the id table and collection sizes computed beside a snapshot's
// dominators give the diff that add() alone gives, on real series; parts computed for
// another snapshot are not taken. Likewise the last snapshot's id order, sorted by its
// analysis (`idOrder`, on the worker in a real diff).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeSizes, type SizedGraph } from '@heaptrail/graph';
import { readSnapshot } from '@heaptrail/parser';
import { SeriesDiff } from '../src/diff-series.js';

const samples = fileURLToPath(new URL('../../../samples/', import.meta.url));
const SERIES = ['agent-history', 'closure-chain', 'string-service', 'timers'];

async function read(dir: string) {
  const files = readdirSync(samples + dir).filter((f) => /\.heapsnapshot(\.gz)?$/.test(f)).sort();
  return Promise.all(files.map(async (f) => ({ file: f, snapshot: await readSnapshot(`${samples}${dir}/${f}`) })));
}

/** The diff with `early(i, graphs)` called before each snapshot but the last is added. */
function diffWith(graphs: SizedGraph[], last: ReturnType<typeof analyze>, files: string[], early?: (diff: SeriesDiff, i: number) => void) {
  const diff = new SeriesDiff({});
  graphs.forEach((g, i) => {
    early?.(diff, i);
    diff.add(g, files[i]!, false);
  });
  diff.add(last, files.at(-1)!);
  return JSON.stringify(diff.finish());
}

describe('SeriesDiff.digestBeside', () => {
  it.each(SERIES)('gives the same diff as add() alone on samples/%s', async (dir) => {
    const snapshots = await read(dir);
    expect(snapshots.length).toBeGreaterThan(2);
    const files = snapshots.map((s) => s.file);
    const graphs = snapshots.slice(0, -1).map((s) => analyzeSizes(s.snapshot, { threads: 1 }));
    const last = analyze(snapshots.at(-1)!.snapshot, { threads: 1 });
    const plain = diffWith(graphs, last, files);
    const beside = diffWith(graphs, last, files, (diff, i) => diff.digestBeside(graphs[i]!));
    expect(beside).toBe(plain);
    // The parts of another snapshot (here the next one's) are left, and this one's computed again.
    const crossed = diffWith(graphs, last, files, (diff, i) => diff.digestBeside(i + 1 < graphs.length ? graphs[i + 1]! : last));
    expect(crossed).toBe(plain);
  });
});

describe('the last snapshot sorted by its analysis (idOrder)', () => {
  it.each(SERIES)('gives the same diff as the table add() sorts, on samples/%s', async (dir) => {
    const snapshots = await read(dir);
    const files = snapshots.map((s) => s.file);
    const graphs = snapshots.slice(0, -1).map((s) => analyzeSizes(s.snapshot, { threads: 1 }));
    const lastSnapshot = snapshots.at(-1)!.snapshot;
    const plain = diffWith(graphs, analyze(lastSnapshot, { threads: 1 }), files);
    const sorted = analyze(lastSnapshot, { threads: 1, idOrder: true });
    expect(sorted.idOrder).toBeDefined();
    expect(diffWith(graphs, sorted, files)).toBe(plain);
    // The order is what add() reads: with its ordinals reversed, the identity check differs.
    const { ids, ordinals } = sorted.idOrder!;
    const reversed = Uint32Array.from(ordinals).reverse();
    const wrong = JSON.parse(diffWith(graphs, { ...sorted, idOrder: { ids, ordinals: reversed } }, files)) as { idChecks: unknown };
    expect(wrong.idChecks).not.toEqual((JSON.parse(plain) as { idChecks: unknown }).idChecks);
  });
});
