// Runs one scenario inside the current process and records a snapshot series.
// Every snapshot comes from the same isolate, so V8 keeps object ids stable across the series.
// The scenario reports its own live counts before each snapshot; the generator later checks them
// against the snapshot files, so expected.json says what the program really kept alive.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

/**
 * @typedef {object} SeriesSpec
 * @property {() => void} [setup] work done before the first snapshot (warm-up, first interval)
 * @property {(interval: number) => void} work the fixed amount of work between two snapshots
 * @property {() => Record<string, number>} count live instances per class, read from the program's own structures
 */

/**
 * Parses the generator's arguments: `--out <dir>` (required), `--iterations <n>` (work before the first
 * snapshot, for scenarios run once per process), `--snapshots <n>` (default 4), `--first <k>` (file number).
 */
export function parseArgs(argv = process.argv.slice(2)) {
  const args = { out: '', iterations: 0, snapshots: 4, first: 1 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1] ?? '';
    if (argv[i] === '--out') args.out = value;
    else if (argv[i] === '--iterations') args.iterations = Number(value);
    else if (argv[i] === '--snapshots') args.snapshots = Number(value);
    else if (argv[i] === '--first') args.first = Number(value);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!args.out) throw new Error('usage: node --expose-gc <scenario>.mjs --out <dir> [--iterations n] [--snapshots n] [--first k]');
  return args;
}

function collectGarbage() {
  if (typeof globalThis.gc !== 'function') throw new Error('run scenarios with node --expose-gc');
  // Twice: the first pass may only clear weak references and finalizers that free more on the second.
  globalThis.gc();
  globalThis.gc();
}

/**
 * Takes the series and writes `counts-<first>.json` next to the snapshots:
 * `{ snapshots: ["s1.heapsnapshot", ...], counts: { ClassName: [n1, n2, ...] } }`.
 * @param {{ out: string, snapshots: number, first: number }} args from parseArgs()
 * @param {SeriesSpec} spec
 */
export function runSeries(args, spec) {
  const { out: outDir, snapshots: total, first } = args;
  const files = [];
  /** @type {Record<string, number[]>} */
  const counts = {};
  spec.setup?.();
  for (let i = 0; i < total; i++) {
    if (i > 0) spec.work(i);
    collectGarbage();
    for (const [name, n] of Object.entries(spec.count())) (counts[name] ??= []).push(n);
    const file = `s${first + i}.heapsnapshot`;
    writeHeapSnapshot(join(outDir, file));
    files.push(file);
  }
  writeFileSync(join(outDir, `counts-${first}.json`), JSON.stringify({ snapshots: files, counts }, null, 2));
}

/** A small seeded PRNG (mulberry32) so "random" workloads are the same on every run. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Keeps the most recent `capacity` items; older ones become garbage. Used for churn that stays bounded. */
export class RecentRing {
  constructor(capacity) {
    this.capacity = capacity;
    this.items = [];
    this.next = 0;
  }
  push(item) {
    if (this.items.length < this.capacity) this.items.push(item);
    else this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
  }
  get size() {
    return this.items.length;
  }
}
