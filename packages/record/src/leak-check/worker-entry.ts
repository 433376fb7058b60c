// The leak check's worker thread: it parses each snapshot as its chunks arrive
// from the main thread and runs the series diff. Living in its own isolate, none
// of this (parser state, graphs, the diff's per-snapshot digests) is part of the
// main thread's heap, so none of it can show up in the snapshots it reads.

import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { diffSeries } from '@heaptrail/diff';
import { analyze, type HeapGraph } from '@heaptrail/graph';
import { readSnapshot } from '@heaptrail/parser';
import { orderDiffResult } from '@heaptrail/report';
import type { FromWorker, ToWorker, WorkerSetup } from './messages.js';

const setup = workerData as WorkerSetup;
const port = parentPort!;
const streams = new Map<number, Readable>();

function stream(index: number): Readable {
  let s = streams.get(index);
  if (!s) {
    s = new Readable({ read() {} });
    streams.set(index, s);
  }
  return s;
}

port.on('message', (message: ToWorker) => {
  if (message.kind === 'chunk') stream(message.index).push(Buffer.from(message.chunk, 'utf8'));
  else stream(message.index).push(null);
});

let lastClassNames: readonly string[] | undefined;
const names = Array.from({ length: setup.count }, (_, i) => `snapshot ${i + 1}`);
const load = async (index: number): Promise<HeapGraph> => {
  const snapshot = await readSnapshot(stream(index), { sourceName: names[index]! });
  streams.delete(index);
  const graph = analyze(snapshot);
  if (setup.classNames && index === setup.count - 1) lastClassNames = [...graph.classNames];
  return graph;
};

// Keys in the order `heaptrail diff --format json` writes them (a structured clone keeps the order).
diffSeries(names, load, setup.diff).then(
  (result) => port.postMessage({ kind: 'result', result: orderDiffResult(result), ...(lastClassNames ? { classNames: lastClassNames } : {}) } satisfies FromWorker),
  (e: unknown) => port.postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e) } satisfies FromWorker),
);
