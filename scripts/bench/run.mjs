// heaptrail benchmark suite: `npm run bench` (builds first) or `node scripts/bench/run.mjs [options]`.
//   --sizes small,medium,large,huge,series | all   inputs to run (default all; huge = 5 GB, heaptrail only,
//                                              made of copies of the 1 GB snapshot: about 8 GB of RAM)
//   --jobs parse,full,redact,diff,record       jobs to run (default all; record: see record-bench.mjs; also cache,
//                                              only when asked: summary --cache twice on 1 GB, cache-bench.mjs)
//   --tools heaptrail,json,memlab,toolkit      tools to run (default all; diff uses heaptrail and memlab)
//   --repeat N                                 best of N for small and medium inputs (default 3; 1 GB and diff: 1)
//   --timeout S                                per-run timeout in seconds (default 600)
//   --quick                                    smoke run: 20 MB snapshot and a 3 × 25 MB series, one repeat
//   --record-mb N                              heap of the recorded child (default 300; 20 with --quick)
//   --out FILE                                 results file (default bench-out/results.json)
//   --heaptrail DIR                            measure the built packages under DIR (e.g. a clean export of a
//                                              commit, see export-commit.sh) instead of this working tree
// Snapshots and peers are cached in $HEAPTRAIL_BENCH_DIR or ~/.cache/heaptrail-bench; results go to
// bench-out/results.json (gitignored). Speed is measured here, never asserted in tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ensureSnapshot, ensureSeries, SNAPSHOTS, REPLICATED, cacheRoot } from './snapshots.mjs';
import { ensurePeers, memlabBin } from './peers.mjs';
import { measure, warmPageCache, hasGnuTime } from './measure.mjs';
import { checkTargets } from './targets.mjs';
import { renderTable, renderPhases, renderTargets, timeOf, failureKind } from './table.mjs';
import { runRecordBench, renderRecordTable } from './record-bench.mjs';
import { runCacheBench } from './cache-bench.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const OUT = path.join(REPO, 'bench-out');
// Every measured process gets the same generous heap so nobody fails on Node's default limit.
const NODE_FLAGS = ['--max-old-space-size=16000'];

const { values: opt } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'all' },
    jobs: { type: 'string', default: 'parse,full,redact,diff,record' },
    tools: { type: 'string', default: 'heaptrail,json,memlab,toolkit' },
    repeat: { type: 'string', default: '3' },
    timeout: { type: 'string', default: '600' },
    quick: { type: 'boolean', default: false },
    'record-mb': { type: 'string' },
    heaptrail: { type: 'string' },
    out: { type: 'string' },
  },
});
const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);
let sizes = opt.sizes === 'all' ? ['small', 'medium', 'large', 'huge', 'series'] : list(opt.sizes);
let repeat = Number(opt.repeat);
if (opt.quick) {
  sizes = ['small', 'series-small'];
  repeat = 1;
}
const jobs = list(opt.jobs);
// Where the measured heaptrail lives: this checkout, or a separate export (--heaptrail DIR).
const HEAPTRAIL_ROOT = opt.heaptrail ? path.resolve(opt.heaptrail) : REPO;
const RESULTS_FILE = opt.out ? path.resolve(opt.out) : path.join(OUT, 'results.json');
const tools = list(opt.tools);
const timeoutMs = Number(opt.timeout) * 1000;
const log = (...a) => console.error(...a);

function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    cpu: model.trim(),
    cores: os.availableParallelism?.() ?? os.cpus().length,
    ramBytes: os.totalmem(),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg(),
  };
}

/** The commit the measured heaptrail was built from, and whether package sources had uncommitted changes. */
function revision() {
  const exported = path.join(HEAPTRAIL_ROOT, '.bench-revision'); // written by export-commit.sh
  if (fs.existsSync(exported)) return { commit: fs.readFileSync(exported, 'utf8').trim(), uncommittedPackageChanges: 0, exported: true };
  const git = (...args) => spawnSync('git', args, { cwd: HEAPTRAIL_ROOT, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
  const head = git('rev-parse', '--short', 'HEAD');
  const dirty = git('status', '--porcelain', '--', 'packages');
  return head.status === 0 ? { commit: head.stdout.trim(), uncommittedPackageChanges: dirty.stdout.trim().split('\n').filter(Boolean).length } : null;
}

function builtDist(pkg) {
  return fs.existsSync(path.join(HEAPTRAIL_ROOT, 'packages', pkg, 'dist', 'index.js'));
}

/** Runs a job `n` times and keeps the fastest successful run (and every run's figures). */
async function bestOf(n, once) {
  const all = [];
  for (let i = 0; i < n; i++) {
    const r = await once();
    all.push(r);
    if (!r.ok) break; // a crash or timeout will not get better by repeating it
  }
  const ok = all.filter((r) => r.ok);
  const best = ok.length ? ok.reduce((a, b) => (timeOf(b) < timeOf(a) ? b : a)) : all.at(-1);
  return {
    ...best,
    repeats: all.length,
    all: all.map((r) => ({ ok: r.ok, ms: r.ms, wallMs: r.wallMs, cpuMs: r.cpuMs, peakRssBytes: r.peakRssBytes, loadAverage1: r.loadAverage1 })),
  };
}

const runs = [];
function record(base, result) {
  const { stderrTail, ...rest } = result;
  const status = result.ok ? 'ok' : failureKind(result) === 'FAILED' ? 'failed' : 'not available';
  const row = { ...base, status, ...rest, ...(result.ok ? {} : { stderrTail }) };
  runs.push(row);
  const what = `${base.job} ${base.size} ${base.tool}`;
  log(result.ok ? `  ${what}: ${(timeOf(result) / 1000).toFixed(2)} s, ${((result.peakRssBytes ?? 0) / 1e6).toFixed(0)} MB RSS`
    : `  ${what}: ${failureKind(result)} ${result.error}`);
}

const SNAPSHOT_JOBS = {
  parse: ['heaptrail', 'json', 'memlab', 'toolkit'],
  full: ['heaptrail', 'memlab', 'toolkit'],
  redact: ['heaptrail'],
};
const PEER_TOOLS = new Set(['memlab', 'toolkit']);

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const startedAt = new Date();
  const rev = revision();
  const host = machine(); // load average before the first run
  log(`heaptrail bench: sizes ${sizes.join(',')}, jobs ${jobs.join(',')}, best of ${repeat} (1 for 1 GB, 5 GB and diff)`);
  if (!hasGnuTime) log('note: /usr/bin/time not found; peak RSS comes from the child\'s process.resourceUsage()');

  const peers = tools.some((t) => PEER_TOOLS.has(t)) || jobs.includes('diff') ? ensurePeers(log) : null;
  if (peers?.error) log(`peers unavailable: ${peers.error}`);
  const peerEnv = { HEAPTRAIL_BENCH_ROOT: HEAPTRAIL_ROOT, ...(peers && !peers.error ? { HEAPTRAIL_BENCH_PEERS: peers.dir } : {}) };

  const single = (s) => s in SNAPSHOTS || s in REPLICATED;
  const snapshots = {};
  for (const size of sizes) {
    if (single(size)) snapshots[size] = await ensureSnapshot(size, log);
    else snapshots[size] = await ensureSeries(size, log);
  }

  for (const size of sizes.filter(single)) {
    const snap = snapshots[size];
    const n = size === 'large' || size in REPLICATED ? 1 : repeat;
    // Past 1 GB only heaptrail runs: JSON.parse cannot read it, and the peers would need several times its size in RAM.
    const toolsHere = size in REPLICATED ? tools.filter((t) => t === 'heaptrail') : tools;
    log(`\n${snap.label} snapshot: ${snap.file} (${snap.nodes} nodes, ${snap.edges} edges)`);
    for (const job of jobs.filter((j) => j in SNAPSHOT_JOBS)) {
      for (const tool of SNAPSHOT_JOBS[job].filter((t) => toolsHere.includes(t))) {
        const base = { job, size, tool, inputBytes: snap.bytes };
        if (PEER_TOOLS.has(tool) && !peerEnv.HEAPTRAIL_BENCH_PEERS) {
          record(base, { ok: false, error: `peer not installed: ${peers?.error ?? 'skipped'}`, repeats: 0 });
          continue;
        }
        await warmPageCache(snap.file);
        const argv = [process.execPath, ...NODE_FLAGS, path.join(HERE, 'task.mjs'), tool, job, snap.file];
        const result = await bestOf(n, () => measure(argv, { timeoutMs, env: peerEnv, expectResult: true }));
        record(base, result);
      }
    }
  }

  for (const size of sizes.filter((s) => !single(s))) {
    if (!jobs.includes('diff')) continue;
    const series = snapshots[size];
    log(`\n${series.label} series: ${series.dir}`);
    for (const f of series.files) await warmPageCache(f.file);
    const files = series.files.map((f) => f.file);
    const base = { job: 'diff', size, inputBytes: series.bytes };

    if (tools.includes('heaptrail')) {
      const bin = path.join(HEAPTRAIL_ROOT, 'packages', 'cli', 'dist', 'bin.js');
      const outFile = path.join(OUT, 'heaptrail-diff.json');
      if (!fs.existsSync(bin)) {
        record({ ...base, tool: 'heaptrail' }, { ok: false, error: 'not available yet: packages/cli/dist/bin.js not built', repeats: 0 });
      } else {
        const command = [process.execPath, ...NODE_FLAGS, bin, 'diff', ...files, '--format', 'json'];
        // exit 1 = growth over budget: a verdict, not a failure
        const r = await bestOf(1, () => measure(command, { timeoutMs, stdoutFile: outFile, okCodes: [0, 1] }));
        if (r.ok) {
          try {
            const diff = JSON.parse(fs.readFileSync(outFile, 'utf8'));
            // evidence that the run did the job: the class the series grows should lead the report
            const growing = Array.isArray(diff.growing) ? diff.growing : [];
            r.foundLeak = growing.some((g) => g.className === 'LeakyRequestContext');
            r.topFindings = growing.slice(0, 3).map((g) => `${g.className} ${(g.counts ?? []).join(' > ')}`);
          } catch (e) {
            Object.assign(r, { ok: false, error: `output is not JSON: ${String(e.message).split('\n')[0]}` });
          }
        }
        record({ ...base, tool: 'heaptrail', command: command.join(' ') }, r);
      }
    }
    if (tools.includes('memlab')) {
      if (!peerEnv.HEAPTRAIL_BENCH_PEERS) {
        record({ ...base, tool: 'memlab' }, { ok: false, error: `peer not installed: ${peers?.error}`, repeats: 0 });
      } else {
        const workDir = path.join(cacheRoot(), 'memlab-work');
        fs.rmSync(workDir, { recursive: true, force: true });
        fs.mkdirSync(workDir, { recursive: true });
        const outFile = path.join(OUT, 'memlab-unbound-object.txt');
        // memlab's own launcher caps the heap at 4 GB; we start its entry with node and a 16 GB cap instead
        const command = [process.execPath, ...NODE_FLAGS, memlabBin(peers.dir), 'analyze', 'unbound-object',
          '--snapshot-dir', series.dir, '--work-dir', workDir];
        const r = await bestOf(1, () => measure(command, { timeoutMs, stdoutFile: outFile }));
        // memlab reports growing objects (not classes) in its work dir; keep its top rows as evidence
        const csv = path.join(workDir, 'data', 'out', 'unbound-object.csv');
        if (r.ok && fs.existsSync(csv)) r.topFindings = fs.readFileSync(csv, 'utf8').split('\n').slice(0, 3);
        record({ ...base, tool: 'memlab', command: command.join(' ') }, r);
      }
    }
  }

  // heaptrail record of a live child against --heapsnapshot-signal + diff (a 20 MB heap with --quick).
  const recordRows = jobs.includes('record')
    ? await runRecordBench({ mb: Number(opt['record-mb'] ?? (opt.quick ? 20 : 300)), count: 3, intervalS: 2, heaptrailRoot: HEAPTRAIL_ROOT, timeoutMs, log })
    : [];

  const cacheRows = jobs.includes('cache') && snapshots.large
    ? await runCacheBench({ snap: snapshots.large, size: 'large', heaptrailRoot: HEAPTRAIL_ROOT, nodeFlags: NODE_FLAGS, timeoutMs, log })
    : [];

  // A series' total size stands in as its "file size" in the tables.
  const bySize = snapshots;
  const targets = checkTargets(runs, bySize);
  const results = {
    schema: 'heaptrail.bench/1',
    date: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    loadAverageAtEnd: os.loadavg(),
    command: `node scripts/bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    machine: host,
    notes: {
      timing: 'ms = time inside the child for the work itself (imports and node start excluded); wallMs = whole process; cpuMs = user + system CPU of the whole process',
      load: 'loadAverage1 = 1-minute load average when each run started (the machine may be shared)',
      rss: hasGnuTime ? 'peak RSS from /usr/bin/time -v (whole process)' : 'peak RSS from process.resourceUsage().maxRSS',
      repeats: `best of ${repeat} for small and medium; 1 run for 1 GB, 5 GB and for diff`,
      nodeFlags: NODE_FLAGS.join(' '),
      pageCache: 'each input read once before each tool',
    },
    heaptrailRoot: HEAPTRAIL_ROOT,
    revision: rev,
    heaptrailBuilt: Object.fromEntries(['parser', 'graph', 'diff', 'cli'].map((p) => [p, builtDist(p)])),
    peers: peers ? { versions: peers.versions, error: peers.error } : null,
    snapshots: bySize,
    runs,
    record: recordRows,
    cache: cacheRows,
    targets,
  };
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);

  console.log(`\nheaptrail bench ${results.date} — ${results.machine.cpu}, ${results.machine.cores} cores, ` +
    `${(results.machine.ramBytes / 2 ** 30).toFixed(0)} GiB, Node ${results.machine.node}\n`);
  console.log(renderTable(runs, bySize));
  console.log('\nheaptrail analyze phases\n');
  console.log(renderPhases(runs, bySize));
  console.log('\ntargets\n');
  console.log(renderTargets(targets));
  if (recordRows.length > 0) {
    console.log('\nrecord: heaptrail record vs --heapsnapshot-signal + heaptrail diff\n');
    console.log(renderRecordTable(recordRows));
  }
  console.log(`\nwrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
}

await main();
