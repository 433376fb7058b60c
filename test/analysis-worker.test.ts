// analyze() with its real worker thread, which runs only from the built package
// (packages/graph/dist/parallel/worker-entry.js): every array is the one-thread
// analysis's, on built graphs and every sample snapshot, and a worker that fails to
// start, never takes its job or fails in it leaves the work to the main thread.
// `waitForClaim` makes the main thread wait for the worker to take its job instead of
// taking it back when it is ready first, so no outcome depends on timing.

import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type * as Graph from '@heaptrail/graph';
import type * as Parser from '@heaptrail/parser';
import { randomSnapshot } from '../packages/graph/test/reference/random-graph.js';
import { ROOT, SAMPLES } from './helpers/cli.js';

const GRAPH = join(ROOT, 'packages/graph/dist');
const PARSER = join(ROOT, 'packages/parser/dist');
const ARRAYS = ['distance', 'parentEdge', 'dominator', 'retainedSize', 'selfSize', 'classOf', 'firstDominatorChild', 'dominatorChildren'] as const;

const graphModule = () => import(join(GRAPH, 'index.js')) as Promise<typeof Graph>;
const parserModule = () => import(join(PARSER, 'index.js')) as Promise<typeof Parser>;

/** The snapshot with its edge starts and targets copied into shared memory, as the two-thread parse leaves them. */
function withSharedEdges(s: Parser.HeapSnapshot): Parser.HeapSnapshot {
  const shared = (a: Uint32Array) => {
    const copy = new Uint32Array(new SharedArrayBuffer(a.byteLength));
    copy.set(a);
    return copy;
  };
  return { ...s, firstEdge: shared(s.firstEdge), edges: { ...s.edges, toNode: shared(s.edges.toNode) } };
}

/** Analyses on two threads (the worker made to take its job) and on one; returns which thread ran the job. */
async function analyseBothWays(snapshot: Parser.HeapSnapshot, worker: Graph.AnalyzeOptions['worker'] = {}): Promise<{ two: Graph.HeapGraph; one: Graph.HeapGraph; jobs: string[] }> {
  const { analyze } = await graphModule();
  const jobs: string[] = [];
  const two = analyze(snapshot, { worker: { minNodes: 0, waitForClaim: true, onJob: (t) => jobs.push(t), ...worker } });
  const one = analyze(snapshot, { threads: 1 });
  return { two, one, jobs };
}

function expectSameArrays(two: Graph.HeapGraph, one: Graph.HeapGraph, where: string): void {
  for (const k of ARRAYS) expect(Buffer.compare(bytes(two[k]), bytes(one[k])), `${where}: ${k}`).toBe(0);
  expect(two.classNames, where).toEqual(one.classNames);
  expect(two.totalSize, where).toBe(one.totalSize);
}

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Claims the job, spoils the in-degrees, and reports a failure (code for an eval'd worker). */
const FAILING_WORKER = `
const { workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
import(pathToFileURL(workerData.controlModule).href).then(({ claimJob, failed }) => {
  require('node:worker_threads').parentPort.once('message', (job) => {
    if (claimJob(workerData.control)) {
      job.essentialInDegree.fill(0);
      workerData.port.postMessage({ kind: 'failed', message: 'out of memory' });
      failed(workerData.control);
    }
    workerData.port.close();
    require('node:worker_threads').parentPort.close();
  });
});
`;

/** Runs the real job but the id sort, then reports a failure in place of the sort's reply. */
const FAILING_SORT_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
Promise.all([import(pathToFileURL(workerData.controlModule).href), import(pathToFileURL(workerData.jobModule).href)]).then(([control, { runWorkerJob }]) => {
  parentPort.once('message', (job) => {
    if (control.claimJob(workerData.control)) {
      let count = 0;
      runWorkerJob(workerData, { ...job, ids: undefined }, (reply) => {
        workerData.port.postMessage(reply);
        control.replied(workerData.control, ++count);
      });
      workerData.port.postMessage({ kind: 'failed', message: 'out of memory' });
      control.failed(workerData.control);
    }
    workerData.port.close();
    parentPort.close();
  });
});
`;

/** A starter for code run as the worker, given the control and job modules' paths. */
function evalWorker(code: string): NonNullable<Graph.AnalyzeOptions['worker']>['start'] {
  return (setup) => {
    const { port1, port2 } = new MessageChannel();
    const modules = { controlModule: join(GRAPH, 'parallel/control.js'), jobModule: join(GRAPH, 'parallel/worker-job.js') };
    const worker = new Worker(code, { eval: true, workerData: { ...setup, port: port2, ...modules }, transferList: [port2] });
    return {
      port: port1,
      post: (job) => worker.postMessage(job),
      stop() {
        port1.close();
        void worker.terminate();
      },
    };
  };
}

/** A starter whose worker is never there: its job stays unclaimed. */
function absentWorker(): Graph.StartedWorker {
  const { port1, port2 } = new MessageChannel();
  return {
    port: port1,
    post: () => undefined,
    stop() {
      port1.close();
      port2.close();
    },
  };
}

describe.skipIf(!existsSync(join(GRAPH, 'parallel/worker-entry.js')))('analyze() with its worker thread', () => {
  it('gives the one-thread arrays on random graphs, the worker running the dominators and distances', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { two, one, jobs } = await analyseBothWays(withSharedEdges(randomSnapshot(seed)));
      expect(jobs, `seed ${seed}`).toEqual(['worker']);
      expectSameArrays(two, one, `seed ${seed}`);
    }
  });

  it('gives analyzeSizes the one-thread arrays on two threads, the worker stopping after the dominators', async () => {
    const { analyzeSizes } = await graphModule();
    const SIZED = ARRAYS.filter((k) => k !== 'distance' && k !== 'parentEdge');
    for (let seed = 1; seed <= 40; seed++) {
      const jobs: string[] = [];
      // Past 2^32 on every third seed: the other layout of the sizes.
      const s = withSharedEdges(seed % 3 === 0 ? randomSnapshot(seed, 4e7) : randomSnapshot(seed));
      const two = analyzeSizes(s, { worker: { minNodes: 0, waitForClaim: true, onJob: (t) => jobs.push(t) } });
      const one = analyzeSizes(s, { threads: 1 });
      expect(jobs, `seed ${seed}`).toEqual(['worker']);
      for (const k of SIZED) expect(Buffer.compare(bytes(two[k]), bytes(one[k])), `seed ${seed}: ${k}`).toBe(0);
      expect('distance' in two).toBe(false);
      expect(two.classNames).toEqual(one.classNames);
      expect(two.totalSize).toBe(one.totalSize);
    }
    // `beside` runs once, with the classes named, while the worker has the dominators.
    const s = withSharedEdges(randomSnapshot(5));
    const seen: Graph.ClassedGraph[] = [];
    const withBeside = analyzeSizes(s, { worker: { minNodes: 0, waitForClaim: true }, beside: (g) => seen.push(g) });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.snapshot).toBe(s);
    expect(seen[0]!.classOf).toBe(withBeside.classOf);
    expect(seen[0]!.classNames).toEqual(withBeside.classNames);
    // A worker that never takes its job leaves it to this thread, with the same result, and no `beside`.
    const jobs: string[] = [];
    const taken = analyzeSizes(s, { worker: { minNodes: 0, start: absentWorker, onJob: (t) => jobs.push(t) }, beside: (g) => seen.push(g) });
    expect(jobs).toEqual(['main']);
    analyzeSizes(s, { threads: 1, beside: (g) => seen.push(g) });
    expect(seen).toHaveLength(1);
    expect(Array.from(taken.retainedSize)).toEqual(Array.from(analyzeSizes(s, { threads: 1 }).retainedSize));
  });

  it('sorts the ids on the worker (idOrder) as on one thread, leaving the dominator children whole', async () => {
    const { analyze, sortNodeIds } = await graphModule();
    for (let seed = 1; seed <= 30; seed++) {
      const jobs: string[] = [];
      const s = withSharedEdges(seed % 3 === 0 ? randomSnapshot(seed, 4e7) : randomSnapshot(seed));
      const two = analyze(s, { idOrder: true, worker: { minNodes: 0, waitForClaim: true, onJob: (t) => jobs.push(t) } });
      const one = analyze(s, { idOrder: true, threads: 1 });
      expect(jobs, `seed ${seed}`).toEqual(['worker']);
      expectSameArrays(two, one, `seed ${seed}`);
      const want = sortNodeIds(s.nodes.id);
      for (const g of [two, one]) {
        expect(Array.from(g.idOrder!.ids), `seed ${seed}`).toEqual(Array.from(want.ids));
        expect(Array.from(g.idOrder!.ordinals), `seed ${seed}`).toEqual(Array.from(want.ordinals));
      }
      expect(two.idOrder!.ids.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(analyze(s, { threads: 1 }).idOrder).toBeUndefined();
    }
  });

  it('gives the one-thread arrays when the sizes sum past 2^32 (Float64 sizes, distances in the slots)', async () => {
    let wide = 0;
    for (let seed = 41; seed <= 80; seed++) {
      const { two, one, jobs } = await analyseBothWays(withSharedEdges(randomSnapshot(seed, 4e7)));
      expect(jobs, `seed ${seed}`).toEqual(['worker']);
      expectSameArrays(two, one, `seed ${seed}`);
      if (one.retainedSize instanceof Float64Array) wide++;
    }
    expect(wide).toBeGreaterThan(5);
  });

  const sampleDirs = readdirSync(SAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  it.each(sampleDirs)('gives the one-thread arrays on every snapshot of samples/%s', async (dir) => {
    const { readSnapshot } = await parserModule();
    const names = readdirSync(join(SAMPLES, dir)).filter((f) => /\.heapsnapshot(\.gz)?$/.test(f));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const snapshot = withSharedEdges(await readSnapshot(join(SAMPLES, dir, name)));
      const { two, one, jobs } = await analyseBothWays(snapshot);
      expect(jobs).toEqual(['worker']);
      expectSameArrays(two, one, `${dir}/${name}`);
    }
  }, 300_000);

  it('gets shared edges from the two-thread parse, with no copy', async () => {
    const { readSnapshot } = await parserModule();
    const { SnapshotBuilder } = (await import(join(PARSER, 'builder/index.js'))) as typeof import('@heaptrail/parser/builder');
    const b = new SnapshotBuilder();
    const nodes = Array.from({ length: 20_000 }, (_, i) => b.node(`N${i % 50}`, 16 + (i % 100)));
    b.root.edge(nodes[0]!, 'shortcut', 'g');
    nodes.forEach((n, i) => {
      n.edge(nodes[(i + 1) % nodes.length]!, 'property', 'next');
      n.edge(nodes[(i * 7919) % nodes.length]!, 'element', i);
      n.edge(nodes[(i * 31) % nodes.length]!, 'weak', 'back');
    });
    const path = join(mkdtempSync(join(tmpdir(), 'heaptrail-analysis-worker-')), 'split.heapsnapshot');
    writeFileSync(path, b.toJSON());
    // Small reads, so the split starts before the edges section opens.
    const snapshot = await readSnapshot(path, { chunkSize: 65536, edgeSplit: { minBytes: 0 } });
    expect(snapshot.firstEdge.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(snapshot.edges.toNode.buffer).toBeInstanceOf(SharedArrayBuffer);
    const { two, one, jobs } = await analyseBothWays(snapshot);
    expect(jobs).toEqual(['worker']);
    expectSameArrays(two, one, 'split parse');
  });

  it('reads a file on a worker with its edges in shared memory, which the analysis then gives its own worker', async () => {
    const { readSnapshotInWorker, readSnapshot } = await parserModule();
    // A plain copy of a sample (gzip keeps to moved buffers: its edge count is trusted only once read).
    const plain = join(mkdtempSync(join(tmpdir(), 'heaptrail-shared-read-')), 'plain.heapsnapshot');
    writeFileSync(plain, gunzipSync(readFileSync(join(SAMPLES, 'agent-history', 's4.heapsnapshot.gz'))));
    // Small reads: the header is read before the edges section opens, as in any file larger than one read.
    const read = await readSnapshotInWorker(plain, { chunkSize: 65536 });
    expect(read.firstEdge.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(read.edges.toNode.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(read.edges.type.buffer).toBeInstanceOf(SharedArrayBuffer);
    const here = await readSnapshot(plain, { edgeSplit: false });
    expect(here.edges.toNode.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    for (const k of ['toNode', 'type', 'nameOrIndex'] as const) expect(Buffer.compare(bytes(read.edges[k]), bytes(here.edges[k])), k).toBe(0);
    const { two, one, jobs } = await analyseBothWays(read);
    expect(jobs).toEqual(['worker']);
    expectSameArrays(two, one, 'read on a worker');
  });

  it('runs `beside` once, on the graph it returns, while the worker has the dominators: what it memoizes is kept', async () => {
    const { analyze, preferredPaths, computePreferredPaths } = await graphModule();
    for (let seed = 1; seed <= 20; seed++) {
      const seen: { graph: Graph.HeapGraph; hadClasses: boolean; hadDominators: boolean }[] = [];
      let search: Graph.PreferredPaths | undefined;
      const graph = analyze(withSharedEdges(randomSnapshot(seed)), {
        worker: { minNodes: 0, waitForClaim: true },
        beside: (g) => {
          seen.push({ graph: g, hadClasses: g.classOf !== undefined && g.classNames !== undefined, hadDominators: 'dominator' in g });
          search = preferredPaths(g);
        },
      });
      expect(seen.length, `seed ${seed}`).toBe(1);
      expect(seen[0]!.graph).toBe(graph);
      expect(seen[0]!.hadClasses).toBe(true);
      expect(seen[0]!.hadDominators).toBe(false);
      // The memo holds the search made beside: the paths asked for later are that one's.
      expect(preferredPaths(graph)).toBe(search);
      const fresh = computePreferredPaths(analyze(randomSnapshot(seed), { threads: 1 }));
      const all = Array.from({ length: graph.nodeCount }, (_, v) => v);
      expect(all.map((v) => search!.internalSteps(v)), `seed ${seed}`).toEqual(all.map((v) => fresh.internalSteps(v)));
      const reached = all.filter((v) => fresh.internalSteps(v) !== 0xffffffff);
      expect(reached.map((v) => search!.parentEdge[v]), `seed ${seed}`).toEqual(reached.map((v) => fresh.parentEdge[v]));
    }
    // On one thread there is no wait to fill: never called.
    let called = 0;
    analyze(randomSnapshot(3), { threads: 1, beside: () => called++ });
    analyze(withSharedEdges(randomSnapshot(3)), { worker: { minNodes: 10 ** 9 }, beside: () => called++ });
    expect(called).toBe(0);
  });

  it('stays on one thread by default, when asked to, when the snapshot is small, and when its edges are not shared', async () => {
    const { analyze } = await graphModule();
    const s = randomSnapshot(7);
    const jobs: string[] = [];
    const onJob = (t: string) => jobs.push(t);
    analyze(withSharedEdges(s), { worker: { onJob } });
    analyze(withSharedEdges(s), { threads: 1, worker: { minNodes: 0, onJob } });
    analyze(withSharedEdges(s), { worker: { minNodes: s.header.nodeCount + 1, onJob } });
    analyze(s, { worker: { minNodes: 0, onJob } });
    expect(jobs).toEqual([]);
  });

  it('falls back to one thread when the worker cannot start, never takes its job, or fails in it', async () => {
    const snapshot = withSharedEdges(randomSnapshot(11));
    const cannotStart = await analyseBothWays(snapshot, {
      start: () => {
        throw new Error('no thread to be had');
      },
    });
    expect(cannotStart.jobs).toEqual([]);
    expectSameArrays(cannotStart.two, cannotStart.one, 'cannot start');

    const absent = await analyseBothWays(snapshot, { start: absentWorker, waitForClaim: false });
    expect(absent.jobs).toEqual(['main']);
    expectSameArrays(absent.two, absent.one, 'never claims');

    // A worker that claims its job and fails in it, after spoiling the in-degrees it took over.
    const failing = evalWorker(FAILING_WORKER);
    const fails = await analyseBothWays(snapshot, { start: failing });
    expect(fails.jobs).toEqual(['worker']);
    expectSameArrays(fails.two, fails.one, 'fails in its job');

    // One that gives the dominators and distances, then fails before the id order: this thread sorts.
    const { analyze, sortNodeIds } = await graphModule();
    const jobs: string[] = [];
    const sortFails = analyze(snapshot, { idOrder: true, worker: { minNodes: 0, waitForClaim: true, start: evalWorker(FAILING_SORT_WORKER), onJob: (t) => jobs.push(t) } });
    expect(jobs).toEqual(['worker']);
    expectSameArrays(sortFails, fails.one, 'fails in the sort');
    expect(Array.from(sortFails.idOrder!.ordinals)).toEqual(Array.from(sortNodeIds(snapshot.nodes.id).ordinals));
    expect(sortFails.idOrder!.ids.buffer).not.toBeInstanceOf(SharedArrayBuffer);
  });
});
