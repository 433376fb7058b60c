#!/usr/bin/env node
// npm run fuzz -- [--cases N] [--seed S] [--cli-share F] [--workers W] [--out DIR] [--case I]
//
// Mutates clean snapshots (samples, a real Node snapshot, builder graphs) and checks
// that heaptrail never crashes, hangs or runs away with memory on them. Exits 1 when
// any crash, hang, OOM, wrong result or malformed error message is found.

import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { runFuzz } from './harness.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    'cli-share': { type: 'string', default: '0.03' },
    workers: { type: 'string', default: String(Math.max(1, Math.min(availableParallelism(), 4))) },
    out: { type: 'string', default: join(root, 'test-artifacts', 'fuzz') },
    case: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write('usage: node scripts/fuzz/run.mjs [--cases 10000] [--seed 1] [--cli-share 0.03] [--workers N] [--out DIR] [--case I]\n');
  process.exit(0);
}

const seed = Number(values.seed) >>> 0;
const single = values.case !== undefined ? Number(values.case) : undefined;
const report = await runFuzz({
  cases: single !== undefined ? 1 : Number(values.cases),
  firstCase: single ?? 0,
  seed,
  cliShare: single !== undefined ? 1 : Number(values['cli-share']),
  workers: single !== undefined ? 1 : Number(values.workers),
  root,
  scratch: resolve(values.out),
  bin: join(root, 'packages', 'cli', 'dist', 'bin.js'),
  log: (line) => process.stderr.write(`fuzz: ${line}\n`),
});

const c = report.counts;
const k = report.cliCounts;
const lines = [
  `heaptrail fuzz — seed ${report.seed}, ${c.cases} cases in ${(report.elapsedMs / 1000).toFixed(1)} s (${report.workers} workers)`,
  `corpus: ${report.corpus.map((s) => `${s.name} (${s.bytes} B)`).join(', ')}`,
  `in-process: ${c.ok} ok, ${c.clean} clean failures, ${c.crash} crashes, ${c.hang} hangs, ${c.oom} OOMs, ${c.wrong} wrong results, ${c['bad-error']} malformed errors, ${c.lenient} lenient, ${c.slow} slow`,
  `cli (${k.runs} runs: ${Object.entries(k.byCommand).map(([cmd, n]) => `${cmd} ${n}`).join(', ')}): ${k.ok} ok, ${k.clean} clean failures, ${k.crash} crashes, ${k.hang} hangs, ${k.oom} OOMs, ${k['bad-error']} malformed errors`,
];
if (c.unavailable) lines.push('parser unavailable: build it first (npx tsc -b packages/cli)');
for (const g of report.groups) {
  lines.push(`  [${g.cls}] ${g.via}: ${g.signature} — ${g.count} case(s), e.g. --seed ${report.seed} --case ${g.cases[0]}${g.repro ? `; repro ${g.repro} (${g.reproBytes} B)` : ''}`);
}
lines.push('top refusal reasons: ' + Object.entries(report.reasons).slice(0, 12).map(([r, n]) => `${r} (${n})`).join('; '));
lines.push(`report: ${join(resolve(values.out), 'report.json')}`);
process.stdout.write(lines.join('\n') + '\n');
process.exitCode = report.fatal > 0 || c.unavailable ? 1 : 0;
