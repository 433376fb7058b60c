// Child program: runs ONE measured job of ONE tool on one snapshot and prints one result line.
//   node task.mjs <tool> <job> <file> [more files]
// tools: heaptrail | json | memlab | toolkit | vscode | loop; jobs: parse | full | redact (heaptrail) |
// summary (parse + class groups with retained sizes: toolkit, vscode) | fold (loop, over every file given).
// The parent wraps this process in /usr/bin/time -v for peak RSS; we also report our own maxRSS and the time
// spent in the work itself (module loading and node start-up excluded), so peers are compared on the same span.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { RESULT_MARK } from './measure.mjs';
import { foldDigits } from './digit-loop.mjs';

// HEAPTRAIL_BENCH_ROOT lets the bench measure a clean export of a commit instead of the working tree.
const REPO = process.env.HEAPTRAIL_BENCH_ROOT || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const [tool, job, ...files] = process.argv.slice(2);
const file = files[0];
const peersDir = process.env.HEAPTRAIL_BENCH_PEERS;

function peerRequire() {
  if (!peersDir) throw new Error('peers not installed (HEAPTRAIL_BENCH_PEERS unset)');
  return createRequire(path.join(peersDir, 'package.json'));
}

async function importPeer(name) {
  return import(pathToFileURL(peerRequire().resolve(name)).href);
}

async function importDist(pkg, file = 'index.js') {
  const entry = path.join(REPO, 'packages', pkg, 'dist', file);
  if (!fs.existsSync(entry)) throw new Error(`not built: packages/${pkg}/dist/${file}`);
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
      const cpu = cpuMs();
      let span = spans.get(phase);
      if (!span) {
        span = { start: now, cpuStart: cpu, end: null, cpuEnd: null };
        spans.set(phase, span);
        order.push(phase);
      }
      if (done === total && done !== 0) {
        span.end = now;
        span.cpuEnd = cpu;
      }
    },
    /** Wall and CPU milliseconds per phase. */
    finish(endAt, cpuEndAt) {
      const wall = {};
      const cpu = {};
      order.forEach((name, i) => {
        const span = spans.get(name);
        const next = i + 1 < order.length ? spans.get(order[i + 1]) : null;
        wall[name] = (span.end ?? next?.start ?? endAt) - span.start;
        cpu[name] = (span.cpuEnd ?? next?.cpuStart ?? cpuEndAt) - span.cpuStart;
      });
      return { wall, cpu };
    },
  };
}

/** User + system CPU of this process so far, in ms: robust against other work sharing the machine. */
function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const jobs = {
  async 'heaptrail:parse'() {
    const { readSnapshot } = await importDist('parser');
    if (typeof readSnapshot !== 'function') throw new Error('not available yet: @heaptrail/parser has no readSnapshot');
    const t0 = performance.now();
    const c0 = cpuMs();
    const snap = await readSnapshot(file);
    const ms = performance.now() - t0;
    const workCpuMs = cpuMs() - c0;
    return { ms, workCpuMs, nodes: snap.header.nodeCount, edges: snap.header.edgeCount };
  },
  async 'heaptrail:full'() {
    const { readSnapshot } = await importDist('parser');
    const { analyze } = await importDist('graph');
    if (typeof readSnapshot !== 'function') throw new Error('not available yet: @heaptrail/parser has no readSnapshot');
    if (typeof analyze !== 'function') throw new Error('not available yet: @heaptrail/graph has no analyze');
    const clock = phaseClock();
    const t0 = performance.now();
    const c0 = cpuMs();
    const snap = await readSnapshot(file);
    const t1 = performance.now();
    const c1 = cpuMs();
    const graph = await analyze(snap, { onProgress: clock.onProgress });
    const t2 = performance.now();
    const c2 = cpuMs();
    const { wall, cpu } = clock.finish(t2, c2);
    // touch the result so the work cannot be skipped, and prove it is plausible
    const rootRetained = graph.retainedSize[0];
    return {
      ms: t2 - t0,
      workCpuMs: c2 - c0,
      phases: { parse: t1 - t0, ...wall },
      phasesCpu: { parse: c1 - c0, ...cpu },
      nodes: graph.nodeCount,
      edges: graph.edgeCount,
      rootRetained,
    };
  },
  async 'heaptrail:redact'() {
    const { redactSnapshot } = await importDist('parser', 'redact/index.js');
    if (typeof redactSnapshot !== 'function') throw new Error('not available yet: @heaptrail/parser has no redactSnapshot');
    // The output goes where the bench keeps nothing: it is as large as the input.
    const out = path.join(os.tmpdir(), `heaptrail-bench-redact-${process.pid}.heapsnapshot`);
    try {
      const t0 = performance.now();
      const c0 = cpuMs();
      const r = await redactSnapshot(file, out, { salt: 'bench' });
      const ms = performance.now() - t0;
      const workCpuMs = cpuMs() - c0;
      return { ms, workCpuMs, nodes: r.kept.nodes, edges: r.kept.edges, redactedStrings: r.redacted.strings, outputBytes: fs.statSync(out).size };
    } finally {
      fs.rmSync(out, { force: true });
    }
  },
  async 'json:parse'() {
    const t0 = performance.now();
    const c0 = cpuMs();
    // readFileSync as a string is where JSON.parse's 512 MiB limit bites first (ERR_STRING_TOO_LONG)
    const obj = JSON.parse(fs.readFileSync(file, 'utf8'));
    const ms = performance.now() - t0;
    const workCpuMs = cpuMs() - c0;
    return { ms, workCpuMs, nodes: obj.snapshot.node_count, edges: obj.snapshot.edge_count };
  },
  async 'memlab:parse'() {
    const core = (await importPeer('@memlab/core')).default;
    const t0 = performance.now();
    const c0 = cpuMs();
    const snap = await core.utils.getSnapshotFromFile(file, { buildNodeIdIndex: false, verbose: false });
    const ms = performance.now() - t0;
    const workCpuMs = cpuMs() - c0;
    if (!snap) throw new Error('memlab returned no snapshot');
    return { ms, workCpuMs, nodes: snap.nodes.length, edges: snap.edges.length };
  },
  async 'memlab:full'() {
    const ha = (await importPeer('@memlab/heap-analysis')).default;
    const t0 = performance.now();
    const c0 = cpuMs();
    const snap = await ha.getFullHeapFromFile(file);
    const ms = performance.now() - t0;
    const workCpuMs = cpuMs() - c0;
    if (!snap) throw new Error('memlab returned no snapshot');
    return { ms, workCpuMs, nodes: snap.nodes.length, edges: snap.edges.length };
  },
  async 'toolkit:parse'() {
    const { DevToolsAPI } = await importPeer('heap-snapshot-toolkit');
    const t0 = performance.now();
    const c0 = cpuMs();
    const loader = new DevToolsAPI.HeapSnapshotLoader.HeapSnapshotLoader();
    await new Promise((resolve, reject) => {
      const s = fs.createReadStream(file);
      s.on('error', reject).on('end', resolve).on('data', (c) => loader.write(c));
    });
    loader.close();
    await loader.parsingComplete;
    const ms = performance.now() - t0;
    const workCpuMs = cpuMs() - c0;
    return { ms, workCpuMs };
  },
  async 'toolkit:summary'() {
    const { parse, DevToolsAPI } = await importPeer('heap-snapshot-toolkit');
    const t0 = performance.now();
    const c0 = cpuMs();
    const snap = await parse(fs.createReadStream(file));
    // DevTools' Summary view: per constructor, count, shallow size and retained size (maxRet)
    const groups = Object.values(snap.aggregatesWithFilter(new DevToolsAPI.HeapSnapshotModel.NodeFilter()));
    groups.sort((a, b) => b.maxRet - a.maxRet);
    const ms = performance.now() - t0;
    const workCpuMs = cpuMs() - c0;
    return { ms, workCpuMs, nodes: snap.nodeCount, edges: snap.edgeCount, classes: groups.length, topClass: groups[0]?.name };
  },
  async 'vscode:summary'() {
    const { decode_bytes } = peerRequire()('@vscode/v8-heap-parser');
    const t0 = performance.now();
    const c0 = cpuMs();
    // its only entry point takes the whole file as bytes
    const graph = decode_bytes(fs.readFileSync(file));
    // every class group, sorted by retained size (computing the dominators on the way), as VS Code's view asks
    const groups = graph.get_class_groups(0, 2 ** 32 - 1, false);
    const top = groups[0] ? { name: groups[0].name(), retained: Number(groups[0].retained_size) } : null;
    const ms = performance.now() - t0;
    const workCpuMs = cpuMs() - c0;
    return { ms, workCpuMs, classes: groups.length, topClass: top?.name, topRetained: top?.retained };
  },
  async 'loop:fold'() {
    const t0 = performance.now();
    const c0 = cpuMs();
    const { bytes, checksum } = foldDigits(files);
    const ms = performance.now() - t0;
    const workCpuMs = cpuMs() - c0;
    return { ms, workCpuMs, bytes, checksum };
  },
  async 'toolkit:full'() {
    const { parse } = await importPeer('heap-snapshot-toolkit');
    const t0 = performance.now();
    const c0 = cpuMs();
    const snap = await parse(fs.createReadStream(file));
    const ms = performance.now() - t0;
    const workCpuMs = cpuMs() - c0;
    return { ms, workCpuMs, nodes: snap.nodeCount, edges: snap.edgeCount };
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
