// The targets set against the floor: each heaptrail job as a multiple of the bare loop over the same bytes
// (digit-loop.mjs), its peak RSS against the input, and against a peer where the target names one. Every check
// says what was required, what was measured (the ratios), and `met`, `not met`, `not measured` or `reported`
// (a figure with no threshold). As in targets.mjs, time is judged on wall time (`status`) and on CPU time
// (`cpuStatus`), since the bench machine may be shared.
import { cpuOf, fmtBytes, fmtMs, timeOf, versusLoop } from './table.mjs';

const MB = 1e6;
const LOOP_LIMIT = 2.5;

function find(runs, job, size, tool) {
  return runs.find((r) => r.job === job && r.size === size && r.tool === tool);
}

const x = (v) => (v == null ? '—' : `${v.toFixed(2)}×`);

/** met / not met from conditions that may be unknown (null): one false is enough to miss the target. */
function verdict(...conditions) {
  if (conditions.some((c) => c === false)) return 'not met';
  return conditions.some((c) => c == null) ? 'not measured' : 'met';
}

function notMeasured(target, why) {
  return { target, measured: why, status: 'not measured', cpuStatus: 'not measured' };
}

function why(run, what) {
  return `${what}: ${run?.error ?? 'not run'}`;
}

/** A heaptrail run against the loop and its RSS against `bytes`: the two halves of most targets. */
function loopAndRss(run, runs, bytes, rssLimit) {
  const v = versusLoop(run, runs);
  const rss = run.peakRssBytes != null ? run.peakRssBytes / bytes : null;
  return {
    text: `${x(v?.time)} the loop (CPU ${x(v?.cpu)}), ${fmtMs(timeOf(run))} wall, ${fmtMs(cpuOf(run))} CPU, RSS ${x(rss)} ${rssLimit.of}`,
    wall: v ? v.time <= LOOP_LIMIT : null,
    cpu: v?.cpu != null ? v.cpu <= LOOP_LIMIT : null,
    rss: rss != null ? rss <= rssLimit.max : null,
  };
}

function summaryTarget(runs, snapshots, size, target) {
  const run = find(runs, 'summary', size, 'heaptrail');
  const snap = snapshots[size];
  if (!snap || !run?.ok) return notMeasured(target, !snap ? `no ${size} input in this run` : why(run, 'heaptrail summary'));
  const m = loopAndRss(run, runs, snap.bytes, { max: 1.3, of: 'the file' });
  return { target, measured: m.text, status: verdict(m.wall, m.rss), cpuStatus: verdict(m.cpu, m.rss) };
}

function mediumTarget(runs, snapshots) {
  const target = '200 MB snapshot, parse + class groups with retained sizes (heaptrail summary): ≤ 2.5× the loop; ≥ 3× faster than @vscode/v8-heap-parser';
  const run = find(runs, 'summary', 'medium', 'heaptrail');
  if (!snapshots.medium || !run?.ok) return notMeasured(target, !snapshots.medium ? 'no medium input in this run' : why(run, 'heaptrail summary'));
  const v = versusLoop(run, runs);
  const wasm = find(runs, 'summary', 'medium', 'vscode');
  const speed = wasm?.ok ? timeOf(wasm) / timeOf(run) : null;
  const cpuSpeed = wasm?.ok && cpuOf(wasm) && cpuOf(run) ? cpuOf(wasm) / cpuOf(run) : null;
  const peer = wasm?.ok ? `${x(speed)} faster than the WASM peer (CPU ${x(cpuSpeed)})` : why(wasm, 'WASM peer');
  return {
    target,
    measured: `${x(v?.time)} the loop (CPU ${x(v?.cpu)}), ${fmtMs(timeOf(run))} wall; ${peer}`,
    status: verdict(v ? v.time <= LOOP_LIMIT : null, speed != null ? speed >= 3 : null),
    cpuStatus: verdict(v?.cpu != null ? v.cpu <= LOOP_LIMIT : null, cpuSpeed != null ? cpuSpeed >= 3 : null),
  };
}

function seriesDiffTarget(runs, snapshots) {
  const target = 'diff of 3 × ~320 MB (one class growing): ≤ 2.5× the loop over the three files; RSS ≤ 2.0× the largest';
  const run = find(runs, 'diff', 'series', 'heaptrail');
  const series = snapshots.series;
  if (!series || !run?.ok) return notMeasured(target, !series ? 'no series input in this run' : why(run, 'heaptrail diff'));
  const largest = Math.max(...series.files.map((f) => f.bytes));
  const m = loopAndRss(run, runs, largest, { max: 2.0, of: 'the largest file' });
  return { target, measured: m.text, status: verdict(m.wall, m.rss), cpuStatus: verdict(m.cpu, m.rss) };
}

function ciDiffTarget(runs, snapshots) {
  const target = 'diff of 4 × 5 MB (a typical CI artifact), whole CLI: ≤ 0.6 s';
  const run = find(runs, 'diff', 'series-ci', 'heaptrail');
  if (!snapshots['series-ci'] || !run?.ok) return notMeasured(target, !snapshots['series-ci'] ? 'no series-ci input in this run' : why(run, 'heaptrail diff'));
  const v = versusLoop(run, runs);
  return {
    target,
    measured: `${fmtMs(timeOf(run))} wall, ${fmtMs(cpuOf(run))} CPU; ${x(v?.time)} the loop's whole process`,
    status: verdict(timeOf(run) <= 600),
    cpuStatus: verdict(cpuOf(run) != null ? cpuOf(run) <= 600 : null),
  };
}

function cacheTarget(runs, snapshots) {
  const target = 'second command on the same 1 GB snapshot (heaptrail summary --cache DIR, run twice, the second timed): ≤ 1.5 s';
  const run = find(runs, 'cache', 'large', 'heaptrail');
  if (!snapshots.large || !run?.ok) return notMeasured(target, !snapshots.large ? 'no large input in this run' : why(run, 'heaptrail summary --cache'));
  return {
    target,
    measured: `${fmtMs(timeOf(run))} wall, ${fmtMs(cpuOf(run))} CPU, ${fmtBytes(run.peakRssBytes)} RSS (the first: ${fmtMs(run.firstWallMs)}; cache ${fmtBytes(run.cacheBytes)})`,
    status: verdict(timeOf(run) <= 1500),
    cpuStatus: verdict(cpuOf(run) != null ? cpuOf(run) <= 1500 : null),
  };
}

function redactTarget(runs, snapshots) {
  const target = 'redaction of the 1 GB snapshot (heaptrail redact): MB/s, against the parse';
  const run = find(runs, 'redact', 'large', 'heaptrail');
  const parse = find(runs, 'parse', 'large', 'heaptrail');
  if (!snapshots.large || !run?.ok) return notMeasured(target, !snapshots.large ? 'no large input in this run' : why(run, 'heaptrail redact'));
  const mbps = (r) => snapshots.large.bytes / MB / (timeOf(r) / 1000);
  const vsParse = parse?.ok ? `, ${x(mbps(run) / mbps(parse))} the parse's ${mbps(parse).toFixed(0)} MB/s` : '';
  const v = versusLoop(run, runs);
  return { target, measured: `${mbps(run).toFixed(0)} MB/s${vsParse}; ${x(v?.time)} the loop's time`, status: 'reported', cpuStatus: 'reported' };
}

function recordTarget(record) {
  const target = 'heaptrail record of a child with a ~300 MB heap, 3 snapshots: wall, peak RSS, child pause per snapshot, against --heapsnapshot-signal + heaptrail diff';
  const rec = record.find((r) => r.tool === 'heaptrail record');
  const sig = record.find((r) => r.tool !== 'heaptrail record');
  if (!rec?.ok) return notMeasured(target, why(rec, 'heaptrail record'));
  const max = (a) => (a?.length ? Math.max(...a) : null);
  const pauses = (r) => `${r.childPausesMs.map((p) => fmtMs(p)).join(', ')}`;
  const vs = sig?.ok
    ? `; --heapsnapshot-signal + diff: ${fmtMs(sig.wallMs)}, ${fmtBytes(sig.heaptrailPeakRssBytes)}, pauses ${pauses(sig)} — ` +
      `record ${x(rec.wallMs / sig.wallMs)} its wall, ${x(rec.heaptrailPeakRssBytes / sig.heaptrailPeakRssBytes)} its RSS, ` +
      `${x(max(rec.childPausesMs) / max(sig.childPausesMs))} its longest pause`
    : `; ${why(sig, '--heapsnapshot-signal + diff')}`;
  return {
    target: `${target} (${rec.size})`,
    measured: `record: ${fmtMs(rec.wallMs)} wall, ${fmtBytes(rec.heaptrailPeakRssBytes)} peak RSS, pauses ${pauses(rec)}${vs}`,
    status: 'reported',
    cpuStatus: 'reported',
  };
}

export function checkFloorTargets(runs, snapshots, record = []) {
  const huge = summaryTarget(runs, snapshots, 'huge',
    '5 GB snapshot (≈ 70 M nodes, replicate.mjs), read and fully analysed (heaptrail summary): RSS ≤ 1.3× the file, ≤ 2.5× the loop');
  if (!snapshots.huge) huge.measured = 'not in this run (opt-in: --sizes all,huge)';
  return [
    summaryTarget(runs, snapshots, 'large', '1.1 GB snapshot, parse + full analysis (heaptrail summary): ≤ 2.5× the loop, RSS ≤ 1.3× the file'),
    mediumTarget(runs, snapshots),
    seriesDiffTarget(runs, snapshots),
    ciDiffTarget(runs, snapshots),
    huge,
    cacheTarget(runs, snapshots),
    redactTarget(runs, snapshots),
    recordTarget(record),
  ].map((c) => ({ group: 'floor', ...c }));
}
