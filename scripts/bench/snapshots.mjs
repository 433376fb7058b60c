// Generates the benchmark snapshots once and caches them outside git.
// Cache: $HEAPTRAIL_BENCH_DIR or ~/.cache/heaptrail-bench. Files are written under a temporary name and
// renamed when complete, so an interrupted generation is never mistaken for a cached snapshot.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// Bump when heap-builder.mjs changes in a way that changes the snapshots.
const GENERATOR_VERSION = 1;

/** Units of "one user + session + cache entry" (~48 nodes, ~144 edges, ~3.4 KB of snapshot each). */
export const SNAPSHOTS = {
  small: { label: '20 MB', units: 5_800 },
  medium: { label: '200 MB', units: 57_000 },
  large: { label: '1 GB', units: 290_000 },
};
/**
 * Snapshots larger than V8 can write from a real heap on a bench machine (its snapshot generator needs several
 * times the heap): `copies` copies of a generated snapshot in one (replicate.mjs).
 */
export const REPLICATED = {
  huge: { label: '5 GB', template: 'large', copies: 5 },
  // for a quick run of the code path
  'huge-small': { label: '2 × 20 MB', template: 'small', copies: 2 },
};
/** One process, `count` snapshots (3 unless said), one class (LeakyRequestContext) growing by `grow` per step. */
export const SERIES = {
  series: { label: '3 × 300 MB', units: 80_000, grow: 25_000 },
  // a typical CI artifact: four small snapshots of a test process (a bare Node heap is already ~4 MB)
  'series-ci': { label: '4 × 5 MB', units: 150, grow: 200, count: 4 },
  // for --quick smoke runs of the diff job
  'series-small': { label: '3 × 25 MB', units: 5_800, grow: 2_000 },
};

/** Root of everything the bench keeps outside git (snapshots, peers). */
export function cacheRoot() {
  return process.env.HEAPTRAIL_BENCH_DIR || path.join(os.homedir(), '.cache', 'heaptrail-bench');
}

export function cacheDir() {
  return path.join(cacheRoot(), `v${GENERATOR_VERSION}`);
}

/** Reads node_count / edge_count from the header without parsing the file. */
export function readHeaderCounts(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const head = buf.toString('utf8', 0, n);
    const nodes = /"node_count":\s*(\d+)/.exec(head);
    const edges = /"edge_count":\s*(\d+)/.exec(head);
    return { nodes: nodes ? Number(nodes[1]) : null, edges: edges ? Number(edges[1]) : null };
  } finally {
    fs.closeSync(fd);
  }
}

function describe(file) {
  return { file, bytes: fs.statSync(file).size, ...readHeaderCounts(file) };
}

function runBuilder(args, log, script = 'heap-builder.mjs') {
  return new Promise((resolve, reject) => {
    // nice: the machine is shared; generation is not what we measure.
    const child = spawn(
      'nice',
      ['-n', '10', process.execPath, '--max-old-space-size=20000', path.join(HERE, script), ...args],
      { stdio: ['ignore', 'inherit', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
      log(String(d).trimEnd());
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} exited ${code}: ${err.trim().split('\n').pop()}`)),
    );
  });
}

/** Returns { file, bytes, nodes, edges } for a single snapshot, generating it if missing. */
export async function ensureSnapshot(name, log = console.error) {
  if (name in REPLICATED) return ensureReplicated(name, log);
  const spec = SNAPSHOTS[name];
  if (!spec) throw new Error(`unknown snapshot size ${name}`);
  const dir = cacheDir();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.heapsnapshot`);
  if (!fs.existsSync(file)) {
    const tmp = `${file}.partial-${process.pid}`;
    log(`generating ${name} (${spec.label}) snapshot into ${file} ...`);
    await runBuilder(['--units', String(spec.units), '--out', tmp], log);
    fs.renameSync(tmp, file);
  }
  return { label: spec.label, ...describe(file) };
}

async function ensureReplicated(name, log) {
  const spec = REPLICATED[name];
  const file = path.join(cacheDir(), `${name}.heapsnapshot`);
  if (!fs.existsSync(file)) {
    const template = await ensureSnapshot(spec.template, log);
    const tmp = `${file}.partial-${process.pid}`;
    log(`generating ${name} (${spec.label}) snapshot: ${spec.copies} copies of ${template.file} into ${file} ...`);
    await runBuilder(['--template', template.file, '--copies', String(spec.copies), '--out', tmp], log, 'replicate.mjs');
    fs.renameSync(tmp, file);
  }
  return { label: spec.label, ...describe(file) };
}

/** Returns the directory holding s1..sK.heapsnapshot and their descriptions, generating them if missing. */
export async function ensureSeries(name = 'series', log = console.error) {
  const spec = SERIES[name];
  if (!spec) throw new Error(`unknown series ${name}`);
  const dir = path.join(cacheDir(), name);
  const count = spec.count ?? 3;
  const names = Array.from({ length: count }, (_, k) => path.join(dir, `s${k + 1}.heapsnapshot`));
  if (!names.every((f) => fs.existsSync(f))) {
    const tmp = `${dir}.partial-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    log(`generating the ${spec.label} series into ${dir} ...`);
    await runBuilder(['--units', String(spec.units), '--grow', String(spec.grow), '--count', String(count), '--series', tmp], log);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
  }
  const files = names.map(describe);
  return { dir, label: spec.label, files, bytes: files.reduce((a, f) => a + f.bytes, 0) };
}

// `node scripts/bench/snapshots.mjs [small medium large huge series series-ci]` generates ahead of a bench run.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const wanted = process.argv.slice(2);
  const list = wanted.length ? wanted : ['small', 'medium', 'large', 'series', 'series-ci'];
  for (const name of list) {
    const info = name in SERIES ? await ensureSeries(name) : await ensureSnapshot(name);
    console.log(JSON.stringify(info));
  }
}
