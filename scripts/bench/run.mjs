// heaptrail benchmark suite: `npm run bench` (builds first) or `node scripts/bench/run.mjs [options]`.
//   --sizes small,medium,large,series,series-ci,huge | all   inputs to run (default all = every input but huge;
//                                              huge = 5 GB, heaptrail only, made of copies of the 1 GB
//                                              snapshot: about 8 GB of RAM and 5 minutes more; `all,huge` adds it)
//   --jobs parse,full,summary,cache,redact,diff,record   jobs to run (default all; record: see record-bench.mjs)
//   --tools loop,heaptrail,json,memlab,toolkit,vscode    tools to run (default all; diff uses heaptrail and memlab;
//                                              loop is the bare read-and-fold-the-digits floor every time is set against)
//   --repeat N                                 best of N for small and medium inputs (default 3; 1 GB and diff: 1)
//   --timeout S                                per-run timeout in seconds (default 600)
//   --quick                                    smoke run: 20 MB snapshot, a 3 × 25 MB and the 4 × 5 MB series, one repeat
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
import { ensurePeers } from './peers.mjs';
import { bestOf, measure, warmPageCache, hasGnuTime } from './measure.mjs';
import { checkTargets } from './targets.mjs';
import { renderTable, renderPhases, renderTargets, timeOf, failureKind } from './table.mjs';
import { runRecordBench, renderRecordTable } from './record-bench.mjs';
import { cacheJob, heaptrailDiffJob, memlabDiffJob, summaryJob } from './cli-jobs.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const OUT = path.join(REPO, 'bench-out');
// Every measured process gets the same generous heap so nobody fails on Node's default limit.
const NODE_FLAGS = ['--max-old-space-size=16000'];

const { values: opt } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'all' },
    jobs: { type: 'string', default: 'parse,full,summary,cache,redact,diff,record' },
    tools: { type: 'string', default: 'loop,heaptrail,json,memlab,toolkit,vscode' },
    repeat: { type: 'string', default: '3' },
    timeout: { type: 'string', default: '600' },
    quick: { type: 'boolean', default: false },
    'record-mb': { type: 'string' },
    heaptrail: { type: 'string' },
    out: { type: 'string' },
  },
});
const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);
// huge stays out of `all`: it alone needs ~8 GB of RAM and several minutes; `--sizes all,huge` adds it
const ALL = ['small', 'medium', 'large', 'series', 'series-ci'];
let sizes = [...new Set(list(opt.sizes).flatMap((s) => (s === 'all' ? ALL : [s])))];
let repeat = Number(opt.repeat);
if (opt.quick) {
  sizes = ['small', 'series-small', 'series-ci'];
  repeat = 1;
}
const jobs = list(opt.jobs);
// Where the measured heaptrail lives: this checkout, or a separate export (--heaptrail DIR).
const HEAPTRAIL_ROOT = opt.heaptrail ? path.resolve(opt.heaptrail) : REPO;
const RESULTS_FILE = opt.out ? path.resolve(opt.out) : path.join(OUT, 'results.json');
const tools = list(opt.tools);
const timeoutMs = Number(opt.timeout) * 1000;
const log = (...a) => console.error(...a);
// A cache set in the environment would turn every heaptrail run into a cached one; only the cache job uses one.
delete process.env.HEAPTRAIL_CACHE;

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

// Which tools run which job on one snapshot. heaptrail's summary and cache jobs are its CLI (cli-jobs.mjs),
// everything else a task.mjs child.
const SNAPSHOT_JOBS = {
  parse: ['heaptrail', 'json', 'memlab', 'toolkit'],
  full: ['heaptrail', 'memlab', 'toolkit'],
  summary: ['heaptrail', 'toolkit', 'vscode'],
  cache: ['heaptrail'],
  redact: ['heaptrail'],
};
const PEER_TOOLS = new Set(['memlab', 'toolkit', 'vscode']);
// The loop is cheap and every ratio divides by it: a few runs even where the others run once.
const LOOP_REPEAT = 3;

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const startedAt = new Date();
  const rev = revision();
  const host = machine(); // load average before the first run
  log(`heaptrail bench: sizes ${sizes.join(',')}, jobs ${jobs.join(',')}, best of ${repeat} (1 for 1 GB, 5 GB and diff)`);
  if (!hasGnuTime) log('note: /usr/bin/time not found; peak RSS comes from the child\'s process.resourceUsage()');

  const peers = tools.some((t) => PEER_TOOLS.has(t)) ? ensurePeers(log) : null;
  if (peers?.error) log(`peers unavailable: ${peers.error}`);
  const peerEnv = { HEAPTRAIL_BENCH_ROOT: HEAPTRAIL_ROOT, ...(peers && !peers.error ? { HEAPTRAIL_BENCH_PEERS: peers.dir } : {}) };

  const single = (s) => s in SNAPSHOTS || s in REPLICATED;
  const cli = { root: HEAPTRAIL_ROOT, out: OUT, nodeFlags: NODE_FLAGS, timeoutMs };
  const loop = async (size, files, n) => {
    if (!tools.includes('loop')) return;
    const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
    for (const f of files) await warmPageCache(f);
    const argv = [process.execPath, ...NODE_FLAGS, path.join(HERE, 'task.mjs'), 'loop', 'fold', ...files];
    record({ job: 'fold', size, tool: 'loop', inputBytes: bytes }, await bestOf(n, () => measure(argv, { timeoutMs, expectResult: true })));
  };
  const snapshots = {};
  for (const size of sizes) {
    if (single(size)) snapshots[size] = await ensureSnapshot(size, log);
    else snapshots[size] = await ensureSeries(size, log);
  }

  for (const size of sizes.filter(single)) {
    const snap = snapshots[size];
    const n = size === 'large' || size in REPLICATED ? 1 : repeat;
    // Past 1 GB only heaptrail (and the loop) runs: JSON.parse cannot read it, and the peers would need several
    // times its size in RAM.
    const toolsHere = size in REPLICATED ? tools.filter((t) => t === 'heaptrail') : tools;
    log(`\n${snap.label} snapshot: ${snap.file} (${snap.nodes} nodes, ${snap.edges} edges)`);
    const jobsHere = jobs.filter((j) => j in SNAPSHOT_JOBS);
    if (jobsHere.length > 0) await loop(size, [snap.file], size in REPLICATED ? 1 : Math.max(n, LOOP_REPEAT));
    for (const job of jobsHere) {
      for (const tool of SNAPSHOT_JOBS[job].filter((t) => toolsHere.includes(t))) {
        const base = { job, size, tool, inputBytes: snap.bytes };
        if (PEER_TOOLS.has(tool) && !peerEnv.HEAPTRAIL_BENCH_PEERS) {
          record(base, { ok: false, error: `peer not installed: ${peers?.error ?? 'skipped'}`, repeats: 0 });
          continue;
        }
        await warmPageCache(snap.file);
        if (tool === 'heaptrail' && job === 'summary') record(base, await summaryJob(cli, snap.file, n));
        else if (tool === 'heaptrail' && job === 'cache') record(base, await cacheJob(cli, snap.file));
        else {
          // the summary job is judged on whole processes, the peers' as heaptrail's CLI
          const span = job === 'summary' ? 'process' : undefined;
          const argv = [process.execPath, ...NODE_FLAGS, path.join(HERE, 'task.mjs'), tool, job, snap.file];
          record(base, await bestOf(n, () => measure(argv, { timeoutMs, env: peerEnv, expectResult: true, span })));
        }
      }
    }
  }

  for (const size of sizes.filter((s) => !single(s))) {
    if (!jobs.includes('diff')) continue;
    const series = snapshots[size];
    log(`\n${series.label} series: ${series.dir}`);
    for (const f of series.files) await warmPageCache(f.file);
    const base = { job: 'diff', size, inputBytes: series.bytes };
    await loop(size, series.files.map((f) => f.file), LOOP_REPEAT);
    if (tools.includes('heaptrail')) {
      const r = await heaptrailDiffJob(cli, series);
      record({ ...base, tool: 'heaptrail' }, r);
    }
    if (tools.includes('memlab')) {
      if (!peerEnv.HEAPTRAIL_BENCH_PEERS) {
        record({ ...base, tool: 'memlab' }, { ok: false, error: `peer not installed: ${peers?.error}`, repeats: 0 });
      } else {
        const r = await memlabDiffJob(cli, series, peers.dir, path.join(cacheRoot(), 'memlab-work'));
        record({ ...base, tool: 'memlab' }, r);
      }
    }
  }

  // heaptrail record of a live child against --heapsnapshot-signal + diff (a 20 MB heap with --quick).
  const recordRows = jobs.includes('record')
    ? await runRecordBench({ mb: Number(opt['record-mb'] ?? (opt.quick ? 20 : 300)), count: 3, intervalS: 2, heaptrailRoot: HEAPTRAIL_ROOT, timeoutMs, log })
    : [];

  // A series' total size stands in as its "file size" in the tables.
  const bySize = snapshots;
  const targets = checkTargets(runs, bySize, recordRows);
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
      repeats: `best of ${repeat} for small and medium; 1 run for 1 GB, 5 GB and for diff; the loop best of ${LOOP_REPEAT} (1 at 5 GB)`,
      span: 'summary, cache and diff rows (peers included) are whole processes (wallMs, cpuMs); the others the work inside the child (ms, workCpuMs); vs loop compares like spans',
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
