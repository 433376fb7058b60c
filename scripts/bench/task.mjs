// Child program: runs ONE measured job of ONE tool on one snapshot and prints one result line.
//   node task.mjs <tool> <job> <file>
// tools: heaptrail | json | memlab | toolkit; jobs: parse | full.
// The parent wraps this process in /usr/bin/time -v for peak RSS; we also report our own maxRSS and the time
// spent in the work itself (module loading and node start-up excluded), so peers are compared on the same span.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { RESULT_MARK } from './measure.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const [tool, job, file] = process.argv.slice(2);
const peersDir = process.env.HEAPTRAIL_BENCH_PEERS;

function peerRequire() {
  if (!peersDir) throw new Error('peers not installed (HEAPTRAIL_BENCH_PEERS unset)');
  return createRequire(path.join(peersDir, 'package.json'));
}

async function importPeer(name) {
  return import(pathToFileURL(peerRequire().resolve(name)).href);
}

async function importDist(pkg) {
  const entry = path.join(REPO, 'packages', pkg, 'dist', 'index.js');
  if (!fs.existsSync(entry)) throw new Error(`not built: packages/${pkg}/dist/index.js`);
  return import(pathToFileURL(entry).href);
}

/**
 * Phase timings from analyze()'s onProgress, which reports done = 0 as a phase starts and done = total as it
 * ends. A phase with no end report is taken to run until the next phase starts (or analyze returns).
 */
function phaseClock() {
  const order = [];
  const spans = new Map();
  return {
    onProgress(phase, done, total) {
      const now = performance.now();
      let span = spans.get(phase);
      if (!span) {
        span = { start: now, end: null };
        spans.set(phase, span);
        order.push(phase);
      }
      if (done === total && done !== 0) span.end = now;
    },
    finish(endAt) {
      const phases = {};
      order.forEach((name, i) => {
        const span = spans.get(name);
        const end = span.end ?? (i + 1 < order.length ? spans.get(order[i + 1]).start : endAt);
        phases[name] = end - span.start;
      });
      return phases;
    },
  };
}

const jobs = {
  async 'heaptrail:parse'() {
    const { readSnapshot } = await importDist('parser');
    if (typeof readSnapshot !== 'function') throw new Error('not available yet: @heaptrail/parser has no readSnapshot');
    const t0 = performance.now();
    const snap = await readSnapshot(file);
    const ms = performance.now() - t0;
    return { ms, nodes: snap.header.nodeCount, edges: snap.header.edgeCount };
  },
  async 'heaptrail:full'() {
    const { readSnapshot } = await importDist('parser');
    const { analyze } = await importDist('graph');
    if (typeof readSnapshot !== 'function') throw new Error('not available yet: @heaptrail/parser has no readSnapshot');
    if (typeof analyze !== 'function') throw new Error('not available yet: @heaptrail/graph has no analyze');
    const clock = phaseClock();
    const t0 = performance.now();
    const snap = await readSnapshot(file);
    const t1 = performance.now();
    const graph = await analyze(snap, { onProgress: clock.onProgress });
    const t2 = performance.now();
    const phases = { parse: t1 - t0, ...clock.finish(t2) };
    // touch the result so the work cannot be skipped, and prove it is plausible
    const rootRetained = graph.retainedSize[0];
    return { ms: t2 - t0, phases, nodes: graph.nodeCount, edges: graph.edgeCount, rootRetained };
  },
  async 'json:parse'() {
    const t0 = performance.now();
    // readFileSync as a string is where JSON.parse's 512 MiB limit bites first (ERR_STRING_TOO_LONG)
    const obj = JSON.parse(fs.readFileSync(file, 'utf8'));
    const ms = performance.now() - t0;
    return { ms, nodes: obj.snapshot.node_count, edges: obj.snapshot.edge_count };
  },
  async 'memlab:parse'() {
    const core = (await importPeer('@memlab/core')).default;
    const t0 = performance.now();
    const snap = await core.utils.getSnapshotFromFile(file, { buildNodeIdIndex: false, verbose: false });
    const ms = performance.now() - t0;
    if (!snap) throw new Error('memlab returned no snapshot');
    return { ms, nodes: snap.nodes.length, edges: snap.edges.length };
  },
  async 'memlab:full'() {
    const ha = (await importPeer('@memlab/heap-analysis')).default;
    const t0 = performance.now();
    const snap = await ha.getFullHeapFromFile(file);
    const ms = performance.now() - t0;
    if (!snap) throw new Error('memlab returned no snapshot');
    return { ms, nodes: snap.nodes.length, edges: snap.edges.length };
  },
  async 'toolkit:parse'() {
    const { DevToolsAPI } = await importPeer('heap-snapshot-toolkit');
    const t0 = performance.now();
    const loader = new DevToolsAPI.HeapSnapshotLoader.HeapSnapshotLoader();
    await new Promise((resolve, reject) => {
      const s = fs.createReadStream(file);
      s.on('error', reject).on('end', resolve).on('data', (c) => loader.write(c));
    });
    loader.close();
    await loader.parsingComplete;
    const ms = performance.now() - t0;
    return { ms };
  },
  async 'toolkit:full'() {
    const { parse } = await importPeer('heap-snapshot-toolkit');
    const t0 = performance.now();
    const snap = await parse(fs.createReadStream(file));
    const ms = performance.now() - t0;
    return { ms, nodes: snap.nodeCount, edges: snap.edgeCount };
  },
};

const run = jobs[`${tool}:${job}`];
if (!run) {
  console.error(`unknown job ${tool}:${job}`);
  process.exit(2);
}
try {
  const result = await run();
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${RESULT_MARK}${JSON.stringify({ ok: true, ...result, maxRssBytes })}\n`);
  process.exit(0);
} catch (e) {
  const line = String(e?.stack ?? e).split('\n')[0];
  process.stdout.write(`${RESULT_MARK}${JSON.stringify({ ok: false, error: line })}\n`);
  process.exit(1);
}
