// Renders bench-out/results.json as the Markdown tables BENCHMARKS.md records, so the published figures are
// exactly what a run measured: `node scripts/bench/markdown.mjs [bench-out/results.json]`.
import fs from 'node:fs';
import { fmtMs, fmtBytes, timeOf, cpuOf, ratioText, failureKind, dominatorCost, versusParse, versusLoopText, loopOf, loopAsProcess, cacheNote } from './table.mjs';
import { checkTargets } from './targets.mjs';
import { renderRecordTable } from './record-bench.mjs';

const MB = 1e6;
const file = process.argv[2] ?? 'bench-out/results.json';
const res = JSON.parse(fs.readFileSync(file, 'utf8'));
const { runs, snapshots } = res;

function md(rows) {
  const [head, ...body] = rows;
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function cellTime(r) {
  return r.ok ? fmtMs(timeOf(r)) : `${failureKind(r) === 'FAILED' ? 'failed' : 'n/a'}`;
}

// Jobs timed as whole processes: their loop row shows the loop's whole process too (see table.mjs, versusLoop).
const PROCESS_JOBS = new Set(['summary', 'cache', 'diff']);

/** The job's runs, input by input, each input's loop run first. */
function rowsOf(job) {
  const mine = runs.filter((x) => x.job === job);
  const out = [];
  for (const size of [...new Set(mine.map((r) => r.size))]) {
    const loop = loopOf({ size }, runs);
    if (loop) out.push(PROCESS_JOBS.has(job) ? loopAsProcess(loop) : loop);
    out.push(...mine.filter((r) => r.size === size));
  }
  return out;
}

function jobTable(job, heading) {
  const rows = [['input', 'tool', 'time', 'CPU time', 'MB/s', 'peak RSS', 'RSS ÷ file', 'vs loop (CPU)', 'runs', 'load', 'heaptrail vs this tool / error']];
  for (const r of rowsOf(job)) {
    const s = snapshots[r.size];
    const ht = runs.find((h) => h.job === job && h.size === r.size && h.tool === 'heaptrail');
    const note = !r.ok ? `${failureKind(r)}: \`${r.error.replaceAll('|', '\\|').slice(0, 160)}\``
      : r.tool === 'heaptrail' ? versusParse(r, runs) || cacheNote(r) || '—'
      : r.tool === 'loop' ? 'the floor: read and fold every digit run'
      : ratioText(r, ht);
    rows.push([
      s?.label ?? r.size,
      r.tool,
      cellTime(r),
      r.ok ? fmtMs(cpuOf(r)) : '—',
      r.ok ? (s.bytes / MB / (timeOf(r) / 1000)).toFixed(0) : '—',
      r.ok ? fmtBytes(r.peakRssBytes) : '—',
      r.ok ? (r.peakRssBytes / s.bytes).toFixed(2) : '—',
      r.ok ? versusLoopText(r, runs) : '—',
      r.repeats,
      r.loadAverage1 != null ? r.loadAverage1.toFixed(1) : '—',
      note,
    ]);
  }
  return rows.length > 1 ? `### ${heading}\n\n${md(rows)}\n` : '';
}

/** Recomputed from the runs, so a results file from before a target was set still renders every target. */
function targetTables() {
  const checks = checkTargets(runs, snapshots, res.record ?? []);
  const table = (list) => md([['target', 'measured', 'on wall time', 'on CPU time'],
    ...list.map((t) => [t.target, t.measured.replaceAll('|', '\\|'), `**${t.status}**`, t.cpuStatus])]);
  return `### Targets: met or not\n\n"the loop" is the bare JavaScript loop that reads the same files and folds every digit run ` +
    `(scripts/bench/digit-loop.mjs); a ratio is heaptrail's time over the loop's, CPU time in brackets.\n\n` +
    `${table(checks.filter((c) => c.group === 'floor'))}\n\nEarlier targets:\n\n${table(checks.filter((c) => c.group !== 'floor'))}\n`;
}

function phaseTable() {
  const measured = runs.filter((x) => x.job === 'full' && x.tool === 'heaptrail' && x.ok && x.phases);
  // phases in the order analyze() reported them (the pipeline's order may change)
  const names = [...new Set(measured.flatMap((r) => Object.keys(r.phases)))];
  const rows = [['input', 'nodes', 'edges', ...names, 'dominators ms / M edges']];
  for (const r of measured) {
    const s = snapshots[r.size];
    const f = (k) => (r.phases[k] != null ? `${(r.phases[k] / 1000).toFixed(2)} s (${(r.phasesCpu[k] / 1000).toFixed(2)})` : '—');
    const d = dominatorCost(r, s);
    rows.push([s.label, (s.nodes / 1e6).toFixed(2) + ' M', (s.edges / 1e6).toFixed(2) + ' M', ...names.map(f),
      `${d.wall.toFixed(0)} (${d.cpu.toFixed(0)})`]);
  }
  return rows.length > 1
    ? `### heaptrail analyze phases and dominators scaling

Wall time per phase, CPU time in brackets.

${md(rows)}
`
    : '';
}

const m = res.machine;
console.log(`Run ${res.date} with \`${res.command}\` on ${m.cpu}, ${m.cores} cores, ${(m.ramBytes / 2 ** 30).toFixed(0)} GiB RAM, ` +
  `Node ${m.node} (${m.os}); heaptrail at commit ${res.revision?.commit ?? '?'}` +
  `${res.revision?.uncommittedPackageChanges ? ` (+${res.revision.uncommittedPackageChanges} uncommitted package files)` : ''}; ` +
  `load average at start ${m.loadAverageAtStart.map((x) => x.toFixed(2)).join(' ')}, at end ${res.loadAverageAtEnd?.map((x) => x.toFixed(2)).join(' ') ?? '?'}. ` +
  `Peers: ${Object.entries(res.peers?.versions ?? {}).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}.\n`);
console.log(`Inputs: ${Object.entries(snapshots).map(([k, s]) => s.files
  ? `${k} = ${s.files.map((f) => `${(f.bytes / MB).toFixed(0)} MB`).join(' + ')} (${s.files.map((f) => `${(f.nodes / 1e6).toFixed(2)} M nodes`).join(', ')})`
  : `${k} = ${(s.bytes / MB).toFixed(0)} MB, ${(s.nodes / 1e6).toFixed(2)} M nodes, ${(s.edges / 1e6).toFixed(2)} M edges`).join('; ')}.\n`);
console.log(targetTables());
console.log(jobTable('parse', 'Parse'));
console.log(jobTable('full', 'Full analysis (parse + retainers + distances + dominators + retained sizes)'));
console.log(phaseTable());
console.log(jobTable('summary', 'Summary: parse + class groups with retained sizes (whole processes: `heaptrail summary`, the peers\' task)'));
console.log(jobTable('cache', 'Second command with the cache (`heaptrail summary --cache DIR`, the second of two runs)'));
console.log(jobTable('redact', 'Redaction (snapshot in, redacted snapshot out; against the parse of the same file)'));
console.log(jobTable('diff', 'Diff of a snapshot series'));
if (res.record?.length) console.log(`### Record: heaptrail record against --heapsnapshot-signal + heaptrail diff\n\n${renderRecordTable(res.record)}\n`);
