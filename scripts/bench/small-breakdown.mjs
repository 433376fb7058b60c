// Where the time of one small diff goes: runs `heaptrail diff DIR --format json` under `node --cpu-prof`
// and sums the profile per part (module loading, argument parsing, reading, each analysis phase, the digest
// of each snapshot, the judgement and paths, the output, GC, worker threads).
//   node scripts/bench/small-breakdown.mjs DIR [--heaptrail ROOT] [--runs N]
// Profile times are wall-clock samples of the main thread (and of each worker, summed apart): on a loaded
// machine every part stretches alike, so read the shares, and the CPU time printed beside them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { heaptrail: { type: 'string' }, runs: { type: 'string', default: '3' } } });
const series = positionals[0];
if (!series) throw new Error('usage: small-breakdown.mjs DIR [--heaptrail ROOT] [--runs N]');
const bin = path.join(path.resolve(values.heaptrail ?? REPO), 'packages/cli/dist/bin.js');

/** Parts by the functions on the stack, innermost first: the first part that matches takes the sample. */
const PARTS = [
  ['read: parse', ['readSnapshot']],
  ['analysis: classes', ['computeClassNames']],
  ['analysis: edge rules', ['computeEdgeRules']],
  ['analysis: dominators', ['computeDominators']],
  ['analysis: shallow sizes', ['reattributeShallowSizes']],
  ['analysis: retained sizes', ['computeRetainedSizes']],
  ['analysis: distances', ['computeDistances']],
  ['analysis: dominator children', ['buildDominatorChildren']],
  ['digest: class summary', ['classSummary']],
  ['digest: id table', ['buildIdTable', 'evenIds', 'checkIdentity']],
  ['digest: collection sizes', ['collectionSizes']],
  ['finish: paths', ['groupRetainingPaths']],
  ['finish: accumulation point', ['findAccumulationPoint', 'accumulationContext']],
  ['finish: origins', ['classOrigins']],
  ['finish: dominator tree', ['dominatorTree']],
  ['finish: rest', ['judgeSeries']],
  ['output', ['emitDiffReport', 'renderDiff', 'renderJson']],
  ['arguments (yargs)', ['buildCli']],
];

function partsOf(file) {
  const p = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = new Map();
  const labelOf = (id) => {
    if (label.has(id)) return label.get(id);
    const frames = [];
    for (let x = id; x !== undefined; x = parent.get(x)) frames.push(byId.get(x).callFrame);
    let out;
    const leaf = frames[0];
    if (leaf.functionName === '(garbage collector)') out = 'GC';
    else out = PARTS.find(([, fns]) => frames.some((f) => fns.includes(f.functionName)))?.[0];
    if (!out) out = frames.some((f) => /^node:internal\/(modules|deps\/cjs-module-lexer)/.test(f.url)) ? 'module loading' : 'other';
    label.set(id, out);
    return out;
  };
  const ms = new Map();
  for (let i = 0; i < p.samples.length; i++) ms.set(labelOf(p.samples[i]), (ms.get(labelOf(p.samples[i])) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  ms.delete('(idle)');
  return ms;
}

const runs = [];
for (let r = 0; r < Number(values.runs); r++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heaptrail-breakdown-'));
  const child = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, bin, 'diff', series, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (child.status !== 0) throw new Error(`heaptrail diff exited ${child.status}: ${child.stderr}`);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  const main = partsOf(path.join(dir, files[0]));
  let workers = 0;
  for (const f of files.slice(1)) for (const v of partsOf(path.join(dir, f)).values()) workers += v;
  if (files.length > 1) main.set(`worker threads (${files.length - 1})`, workers);
  runs.push(main);
  fs.rmSync(dir, { recursive: true, force: true });
}
const names = [...new Set(runs.flatMap((m) => [...m.keys()]))];
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = names.map((n) => [n, median(runs.map((m) => m.get(n) ?? 0))]).sort((a, b) => b[1] - a[1]);
const total = rows.reduce((a, [, v]) => a + v, 0);
console.log(`heaptrail diff ${series} --format json (${bin}); median of ${runs.length} profiles; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
for (const [n, v] of rows) console.log(`${n.padEnd(32)} ${v.toFixed(0).padStart(7)} ms  ${((100 * v) / total).toFixed(1).padStart(5)} %`);
console.log(`${'total (main thread + workers)'.padEnd(32)} ${total.toFixed(0).padStart(7)} ms`);
