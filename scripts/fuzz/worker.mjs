// The in-process fast path: a worker thread that parses one case at a time with
// readSnapshot. Running in a worker lets the pool enforce a time bound (terminate()
// stops even a synchronous infinite loop) and a heap bound (resourceLimits), and
// gives each case its own arrayBuffers figure for the memory check.

import { createReadStream, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { checkAgainstOracle, checkInvariants } from './invariants.mjs';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

let parser;
try {
  parser = await import('@heaptrail/parser');
} catch (e) {
  parser = { loadError: String(e?.message ?? e) };
}
// The split parse's internals, from the parser's build: the tail runs on this thread.
let tail;
try {
  const dist = new URL('../../packages/parser/dist/split/', import.meta.url);
  const [{ SplitClaims }, { parseTail }] = await Promise.all([import(new URL('claims.js', dist)), import(new URL('edge-tail.js', dist))]);
  tail = { SplitClaims, parseTail };
} catch {
  tail = undefined;
}
// The analysis is fuzzed too when it is built: valid-but-strange graphs (unreachable
// nodes, long chains, self loops) are where dominators and paths break.
let graph;
try {
  graph = await import('@heaptrail/graph');
} catch {
  graph = undefined;
}

/** Runs the analysis pipeline the CLI runs; returns a description of the first failure. */
function analyse(snapshot) {
  if (typeof graph?.analyze !== 'function') return undefined;
  try {
    const g = graph.analyze(snapshot);
    const rows = graph.classSummary(g);
    graph.dominatorTree(g, { depth: 4, top: 5 });
    // Retaining paths of a few of the largest classes' first instances.
    const n = g.nodeCount ?? snapshot.header.nodeCount;
    for (let k = 0; k < Math.min(3, n); k++) graph.retainingPath(g, Math.floor((k * n) / 3));
    return { classes: rows.length };
  } catch (e) {
    return { error: describe(e) };
  }
}

/** Largest decompressed input the JSON.parse oracle is run on. */
const ORACLE_MAX_BYTES = 24 << 20;

function describe(e) {
  const err = /** @type {any} */ (e);
  return {
    name: err?.name ?? typeof e,
    constructorName: err?.constructor?.name,
    isFormatError: typeof parser.isSnapshotFormatError === 'function' && parser.isSnapshotFormatError(e),
    message: String(err?.message ?? e),
    offset: err?.offset,
    reason: err?.reason,
    source: err?.source,
    code: typeof err?.code === 'string' ? err.code : undefined,
    syscall: err?.syscall,
    stack: typeof err?.stack === 'string' ? err.stack.split('\n').slice(0, 6).join('\n') : undefined,
  };
}

/**
 * A TailStarter that parses the tail at once on this thread, the bytes before `meetAt`
 * claimed for the main thread first; `live` publishes the outcome only when the main
 * thread first waits (its reads meet the tail's claim as with a worker) and then writes
 * the tail's records again, as a worker's writes may land late.
 */
function inThreadTail(meetAt, live) {
  return (request) => {
    const claims = new tail.SplitClaims(request.claims);
    claims.claimForward(0, meetAt);
    let outcome = { low: request.end, records: 0 };
    try {
      outcome = tail.parseTail(request, claims);
    } finally {
      if (!live) claims.finish(outcome);
    }
    const from = request.edgeCount - outcome.records;
    const columns = ['type', 'nameOrIndex', 'toNode'];
    const late = columns.map((k) => request[k].slice(from));
    const publish = () => {
      if (claims.done) return;
      columns.forEach((k, i) => request[k].set(late[i], from));
      claims.finish(outcome);
    };
    return { stopped: async () => publish(), close: async () => publish() };
  };
}

/**
 * Reads the case with the two-thread parse (its tail on this thread, meeting the forward
 * scan at job.split.meetAt, published at once or when the main thread first waits) in
 * 4 KiB reads; returns how that differs from `one`, the case's own one-thread outcome
 * in its own read size (the first fault in the file is reported whatever the read sizes).
 */
async function splitDiffers(job, one) {
  if (tail === undefined) return 'split parse internals not built (packages/parser/dist/split/)';
  const startTail = inThreadTail(job.split.meetAt ?? 0, job.split.live);
  const edgeSplit = { startTail, minBytes: 0, ...(job.split.blockSize ? { blockSize: job.split.blockSize } : {}) };
  const read = async (options) => {
    try {
      return { snapshot: await parser.readSnapshot(job.path, options) };
    } catch (e) {
      return { error: describe(e) };
    }
  };
  const two = await read({ edgeSplit, chunkSize: 4096 });
  if (one.error || two.error) {
    const a = one.error ? `${one.error.reason} at ${one.error.offset}` : 'accepted';
    const b = two.error ? `${two.error.reason} at ${two.error.offset}` : 'accepted';
    return a === b ? undefined : `split parse differs from one thread: ${b} vs ${a}`;
  }
  for (const k of ['type', 'nameOrIndex', 'toNode']) {
    const x = one.snapshot.edges[k];
    const y = two.snapshot.edges[k];
    if (x.length !== y.length || x.some((v, i) => v !== y[i])) return `split parse differs from one thread in edges.${k}`;
  }
  return undefined;
}

async function runCase(job) {
  if (typeof parser.readSnapshot !== 'function') {
    return { status: 'unavailable', error: { message: parser.loadError ?? '@heaptrail/parser has no readSnapshot export (build it: npx tsc -b packages/parser)' } };
  }
  gc();
  const base = process.memoryUsage().arrayBuffers;
  let peak = 0;
  const sample = () => {
    const d = process.memoryUsage().arrayBuffers - base;
    if (d > peak) peak = d;
  };
  const options = { onProgress: sample };
  if (job.chunkSize) options.chunkSize = job.chunkSize;
  let source = job.path;
  if (job.delivery === 'stream') {
    // Unknown total size: the parser cannot trust a header against the file length here.
    options.sourceName = job.path;
    source = createReadStream(job.path, { highWaterMark: job.streamChunk });
  }
  if (job.split) options.edgeSplit = false;
  const started = performance.now();
  let snapshot;
  try {
    snapshot = await parser.readSnapshot(source, options);
  } catch (e) {
    sample();
    const error = describe(e);
    const differs = job.split ? await splitDiffers(job, { error }) : undefined;
    if (differs) return { status: 'ok', ms: performance.now() - started, peakArrayBuffers: peak, violations: [differs] };
    return { status: 'error', error, ms: performance.now() - started, peakArrayBuffers: peak };
  }
  sample();
  const differs = job.split ? await splitDiffers(job, { snapshot }) : undefined;
  if (differs) return { status: 'ok', ms: performance.now() - started, peakArrayBuffers: peak, violations: [differs] };
  const ms = performance.now() - started;
  const result = { status: 'ok', ms, peakArrayBuffers: peak, nodeCount: snapshot.header.nodeCount, edgeCount: snapshot.header.edgeCount };
  const analysed = analyse(snapshot);
  if (analysed?.error) return { status: 'analysis-error', error: analysed.error, ms: performance.now() - started, peakArrayBuffers: peak };
  if (analysed) result.classes = analysed.classes;
  try {
    result.violations = checkInvariants(snapshot);
    if (!job.directory && job.inputLength <= ORACLE_MAX_BYTES) {
      let raw = readFileSync(job.path);
      let json;
      try {
        if (raw[0] === 0x1f && raw[1] === 0x8b) raw = gunzipSync(raw);
        json = JSON.parse(raw.toString('utf8'));
      } catch (e) {
        result.oracle = `JSON.parse refuses the input (${String(e?.message ?? e).slice(0, 120)})`;
      }
      if (json !== undefined) result.oracleMismatch = checkAgainstOracle(snapshot, json);
    }
  } catch (e) {
    result.violations = [`checking the result threw: ${describe(e).message}`];
  }
  return result;
}

parentPort.on('message', async (job) => {
  let reply;
  try {
    reply = await runCase(job);
  } catch (e) {
    reply = { status: 'harness-error', error: describe(e) };
  }
  parentPort.postMessage({ id: job.id, ...reply });
});
