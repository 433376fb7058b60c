// The suspect of a single snapshot, on real V8 snapshots of samples/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze, classSummary } from '@heaptrail/graph';
import { readSnapshot } from '@heaptrail/parser';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { findSuspect, SUSPECT_MIN_SHARE } from '../src/suspect.js';

const samples = fileURLToPath(new URL('../../../samples/', import.meta.url));
const suspectOf = async (file: string) => {
  const graph = analyze(await readSnapshot(samples + file));
  return { graph, suspect: findSuspect(graph, classSummary(graph)) };
};

describe.skipIf(!existsSync(samples + 'near-heap-limit'))('findSuspect() on real snapshots', () => {
  it('names the leak of a post-mortem and the module variable it piles up in (near-heap-limit)', async () => {
    const { graph, suspect } = await suspectOf('near-heap-limit/s1.heapsnapshot.gz');
    expect(suspect).toMatchObject({ className: 'LeakedBlob', count: 4_167 });
    expect(suspect!.retainedShare).toBeGreaterThan(0.8);
    expect(suspect!.retainedSize).toBe(classSummary(graph).find((r) => r.className === 'LeakedBlob')!.retainedSize);
    // Two of the blobs are held by the stack of the function that was pushing them, not by `retained`.
    expect(suspect!.accumulationPoint).toMatchObject({ path: '(module scope of scenarios/near-heap-limit.mjs) retained → Array', kind: 'Array', holds: 4_165, of: 4_167 });
  });

  it("passes over V8's kinds, the builtins and classes without a source of their own held by Node's modules", async () => {
    // (array), system / Context and Array retain more than LeakedBlob there; here ModuleWrap and
    // `{javascript}` objects of Node's ES module loader retain over a tenth of a small heap.
    for (const file of ['embedding-cache/s4.heapsnapshot.gz', 'listeners/s1.heapsnapshot.gz', 'control/s4.heapsnapshot.gz']) {
      const { graph, suspect } = await suspectOf(file);
      const rows = classSummary(graph);
      expect(rows.some((r) => r.retainedSize >= SUSPECT_MIN_SHARE * graph.totalSize && !r.className.startsWith('(') && r.className !== 'Array'), file).toBe(true);
      expect(suspect, file).toBeNull();
    }
  });

  it('passes over the global object, which holds everything', () => {
    // A heap whose only big holder is `global`: a program that keeps its objects on globalThis.
    const b = new SnapshotBuilder();
    const global = b.node('global', 10, { type: 'object' });
    b.root.edge(global, 'element', 1);
    for (let i = 0; i < 50; i++) global.edge(b.node('(string)', 100, { type: 'string' }), 'property', `s${i}`);
    const graph = analyze(b.build());
    expect(classSummary(graph)[0]!.className).toBe('global');
    expect(findSuspect(graph, classSummary(graph))).toBeNull();
  });

  it("passes over a browser's C++ classes (chromium-detached-dom)", async () => {
    const { suspect } = await suspectOf('chromium-detached-dom/s4.heapsnapshot.gz');
    expect(suspect).toBeNull();
  });

  it('takes a single object that holds the leak: a program class with a constructor (node-modules-lib)', async () => {
    const { suspect } = await suspectOf('node-modules-lib/s4.heapsnapshot.gz');
    expect(suspect).toMatchObject({ className: 'Registry', count: 1 });
    expect(suspect!.accumulationPoint!.path).toBe('(module scope of scenarios/node-modules-lib.mjs) registry → Registry');
  });
});
