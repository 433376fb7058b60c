// Agreement with the DevTools engine (heap-snapshot-toolkit, run by
// scripts/fixtures/devtools-reference.mjs) on real samples, plus invariants every
// analysed snapshot must satisfy.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSnapshot, type HeapSnapshot } from '@heaptrail/parser';
import { analyze, NONE, type HeapGraph } from '@heaptrail/graph';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const fixtureDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

interface Fixture {
  readonly sample: string;
  readonly sha256: string;
  readonly nodeCount: number;
  readonly rootRetainedSize: number;
  readonly allNodesDigest: string;
  readonly top: readonly {
    id: number;
    selfSize: number;
    retainedSize: number;
    distance: number;
    dominatorId: number;
  }[];
}

const fixtures = readdirSync(fixtureDir)
  .filter((f) => f.startsWith('devtools-') && f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(fixtureDir + f, 'utf8')) as Fixture);

/** Reads with our parser: a sample it rejects fails the test. */
const readAny = (path: string): Promise<HeapSnapshot> => readSnapshot(path);

function ordinalById(graph: HeapGraph): Map<number, number> {
  const map = new Map<number, number>();
  const ids = graph.snapshot.nodes.id;
  for (let o = 0; o < graph.nodeCount; o++) map.set(ids[o]!, o);
  return map;
}

describe('analyze() on real samples', () => {
  for (const fixture of fixtures) {
    it(`agrees with DevTools on every node (and lists the 200 largest) of ${fixture.sample}`, async () => {
      const path = repo + fixture.sample;
      const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
      expect(sha, `${fixture.sample} changed: rerun scripts/fixtures/devtools-reference.mjs`).toBe(fixture.sha256);
      const snapshot = await readAny(path);
      const graph = analyze(snapshot);
      expect(graph.nodeCount).toBe(fixture.nodeCount);
      expect(graph.retainedSize[0]).toBe(fixture.rootRetainedSize);
      const byId = ordinalById(graph);
      const ids = graph.snapshot.nodes.id;
      const mismatches: string[] = [];
      for (const want of fixture.top) {
        const o = byId.get(want.id)!;
        const got = {
          id: want.id,
          selfSize: graph.selfSize[o],
          retainedSize: graph.retainedSize[o],
          distance: graph.distance[o] === NONE ? -5 : graph.distance[o],
          dominatorId: ids[graph.dominator[o]!],
        };
        if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${JSON.stringify(want)} → ${JSON.stringify(got)}`);
      }
      expect(mismatches).toEqual([]);
      // Then every node at once (same fields, same order as the script).
      const all = createHash('sha256');
      for (let o = 0; o < graph.nodeCount; o++) {
        const distance = graph.distance[o] === NONE ? -5 : graph.distance[o];
        all.update(`${ids[o]},${graph.selfSize[o]},${graph.retainedSize[o]},${distance},${ids[graph.dominator[o]!]}\n`);
      }
      expect(all.digest('hex')).toBe(fixture.allNodesDigest);
    });
  }

  it('keeps the retained-size invariants on every sample snapshot', async () => {
    const samples = readdirSync(repo + 'samples', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `${repo}samples/${d.name}/s1.heapsnapshot.gz`)
      .filter((p) => existsSync(p));
    expect(samples.length).toBeGreaterThan(0);
    for (const path of samples) {
      const snapshot = await readAny(path);
      const graph = analyze(snapshot);
      let sum = 0;
      const bad: number[] = [];
      for (let o = 0; o < graph.nodeCount; o++) {
        sum += graph.selfSize[o]!;
        const r = graph.retainedSize[o]!;
        if (r < graph.selfSize[o]! || graph.retainedSize[graph.dominator[o]!]! < r) bad.push(o);
      }
      expect(graph.retainedSize[0], path).toBe(sum);
      expect(bad, path).toEqual([]);
    }
  });
});
