// Regenerates samples/: runs every scenario program, checks what the snapshots contain against what the program
// says it kept alive, gzips the snapshots and writes expected.json. Usage:
//   node scripts/samples/generate.mjs [scenario ...]      (npm run samples)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { matchFor, scenarios } from './manifest.mjs';
import { verifySeries } from './lib/verify.mjs';
import { settleCounts, verifyFacts } from './lib/verify-facts.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const samplesDir = fileURLToPath(new URL('../../samples/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Iterations per process in the cross-process series; process k runs k times this many. */
const CROSS_PROCESS_STEP = 150;
/**
 * The post-mortem process: a 16 MB old space fills in well under a second; --predictable (one thread, no
 * concurrent GC) makes V8 hit the limit at the same allocation on every run, so the counts are reproducible.
 */
const nearHeapLimitFlags = (work) => ['--predictable', '--max-old-space-size=16', '--heapsnapshot-near-heap-limit=1', `--diagnostic-dir=${work}`];

function runNode(script, args, nodeFlags = ['--expose-gc']) {
  const result = spawnSync(process.execPath, [...nodeFlags, join(here, 'scenarios', script), ...args], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`${script} exited with ${result.status ?? result.signal}`);
}

/** Runs the scenario's program(s) into `work` and returns the merged counts file contents. */
function runScenario(entry, work) {
  const script = `${entry.scenario}.mjs`;
  if (entry.runner === 'series' || entry.runner === 'chromium') runNode(script, ['--out', work]);
  else if (entry.runner === 'near-heap-limit') runNode(script, ['--out', work], nearHeapLimitFlags(work));
  else for (let k = 1; k <= 4; k++) {
    runNode(script, ['--out', work, '--iterations', String(k * CROSS_PROCESS_STEP), '--snapshots', '1', '--first', String(k)]);
  }
  const merged = { snapshots: [], counts: {}, mayBeOneLess: [] };
  const countFiles = readdirSync(work).filter((f) => /^counts-\d+\.json$/.test(f));
  countFiles.sort((a, b) => Number(a.match(/\d+/)[0]) - Number(b.match(/\d+/)[0]));
  for (const file of countFiles) {
    const part = JSON.parse(readFileSync(join(work, file), 'utf8'));
    merged.snapshots.push(...part.snapshots);
    merged.mayBeOneLess.push(...(part.countsMayBeOneLess ?? []));
    for (const [name, values] of Object.entries(part.counts)) (merged.counts[name] ??= []).push(...values);
  }
  return merged;
}

function expectedFor(entry, counts, files) {
  const need = (className) => {
    const c = counts[className];
    if (!c || c.length !== files.length) throw new Error(`${entry.scenario}: the program did not report counts for ${className}`);
    return c;
  };
  for (const className of [...entry.plateaus, ...entry.mustNotReport]) if (!entry.observed?.includes(className)) need(className);
  return {
    scenario: entry.scenario,
    description: entry.description,
    files: files.map((f) => `${f}.gz`),
    sameProcess: entry.runner !== 'processes',
    grows: entry.grows.map((g) => ({ className: g.className, match: g.match, counts: need(g.className), pathContains: g.pathContains })),
    plateaus: entry.plateaus,
    mustNotReport: entry.mustNotReport,
  };
}

/** What the later series add: the class to report first, the collection to fix, the measured facts. */
function explanationFor(entry, counts, measured) {
  const { name, kind, description } = entry.accumulationPoint;
  return {
    topClass: entry.topClass,
    accumulationPoint: { name, kind, description, holds: measured.holds },
    topPathWords: entry.topPathWords,
    counts,
    ...(entry.observed ? { observed: measured.observed } : {}),
    facts: measured.facts,
  };
}

function generate(entry) {
  if (entry.runner === 'chromium' && !existsSync(CHROMIUM)) {
    console.warn(`skip ${entry.scenario}: Chromium not found at ${CHROMIUM} (apt-get install -y chromium); keeping the committed files`);
    return;
  }
  const work = mkdtempSync(join(tmpdir(), `heaptrail-${entry.scenario}-`));
  try {
    const started = Date.now();
    const run = runScenario(entry, work);
    const { snapshots } = run;
    const counts = settleCounts(snapshots.map((f) => join(work, f)), run.counts, run.mayBeOneLess);
    let expected = expectedFor(entry, counts, snapshots);
    // Classes the program counted beyond the manifest (e.g. churn) are verified too.
    const checks = Object.entries(counts).map(([className, values]) => ({ className, match: matchFor(className), counts: values }));
    for (const g of expected.grows) Object.assign(checks.find((c) => c.className === g.className), { match: g.match });
    verifySeries(snapshots.map((f) => join(work, f)), checks, expected);
    if (entry.topClass) expected = { ...expected, ...explanationFor(entry, counts, verifyFacts(snapshots.map((f) => join(work, f)), entry, counts)) };
    const out = join(samplesDir, entry.scenario);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    let raw = 0;
    let packed = 0;
    for (const file of snapshots) {
      const bytes = readFileSync(join(work, file));
      const gz = gzipSync(bytes, { level: 9 });
      writeFileSync(join(out, `${file}.gz`), gz);
      raw += bytes.length;
      packed += gz.length;
    }
    writeFileSync(join(out, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
    const mb = (n) => (n / 1e6).toFixed(1);
    console.log(`${entry.scenario}: ${snapshots.length} snapshots, ${mb(raw)} MB raw, ${mb(packed)} MB gzipped, ${Date.now() - started} ms`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !scenarios.some((s) => s.scenario === w));
if (unknown.length > 0) {
  console.error(`unknown scenario: ${unknown.join(', ')}; known: ${scenarios.map((s) => s.scenario).join(', ')}`);
  process.exit(2);
}
for (const entry of scenarios) if (wanted.length === 0 || wanted.includes(entry.scenario)) generate(entry);
