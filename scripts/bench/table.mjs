// Renders bench results as a plain-text table with peers as ratios against heaptrail.

const MB = 1e6;

export function fmtMs(ms) {
  return ms == null ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`;
}

export function fmtBytes(b) {
  if (b == null) return '—';
  return b >= 1e9 ? `${(b / 1e9).toFixed(2)} GB` : `${(b / MB).toFixed(0)} MB`;
}

/** The time a job is judged on: the work inside the child for API runs, the whole process for CLI runs. */
export function timeOf(run) {
  return run.ms ?? run.wallMs;
}

/** CPU time of the same span as timeOf(): the work inside the child, or the whole process for CLI runs. */
export function cpuOf(run) {
  return run.workCpuMs ?? run.cpuMs;
}

/** "heaptrail 4.1× faster (CPU time: 3.2× faster), 3.0× less memory" for a peer, relative to heaptrail's run of the same job. */
export function ratioText(peer, heaptrail) {
  if (!peer?.ok || !heaptrail?.ok) return '';
  const t = timeOf(peer) / timeOf(heaptrail);
  const c = cpuOf(peer) != null && cpuOf(heaptrail) ? cpuOf(peer) / cpuOf(heaptrail) : null;
  const m = peer.peakRssBytes / heaptrail.peakRssBytes;
  const faster = (x) => (x >= 1 ? `${x.toFixed(1)}× faster` : `${(1 / x).toFixed(1)}× slower`);
  const cpu = c != null ? ` (CPU time: ${faster(c)})` : '';
  const mem = m >= 1 ? `${m.toFixed(1)}× less memory` : `${(1 / m).toFixed(1)}× more memory`;
  return `heaptrail ${faster(t)}${cpu}, ${mem}`;
}

/** "0.42× the parse's MB/s" for a redact run, against heaptrail's parse of the same input. */
export function versusParse(run, runs) {
  const parse = runs.find((h) => h.job === 'parse' && h.size === run.size && h.tool === 'heaptrail');
  if (run.job !== 'redact' || !run.ok || !parse?.ok) return '';
  return `${(timeOf(parse) / timeOf(run)).toFixed(2)}× the parse's MB/s`;
}

/** Work still being written shows as NOT AVAILABLE; a crash, out-of-memory or timeout as FAILED. */
export function failureKind(run) {
  return /not (available|implemented|built) yet|not built|peer not installed/i.test(run.error ?? '') ? 'NOT AVAILABLE' : 'FAILED';
}

function pad(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

export function renderTable(runs, snapshots) {
  const rows = [['job', 'input', 'tool', 'time', 'CPU', 'MB/s', 'peak RSS', 'RSS÷file', 'runs', 'load', 'vs heaptrail / error']];
  for (const r of runs) {
    const bytes = snapshots[r.size]?.bytes;
    const ht = runs.find((h) => h.job === r.job && h.size === r.size && h.tool === 'heaptrail');
    const note = !r.ok ? `${failureKind(r)}: ${r.error}` : r.tool === 'heaptrail' ? versusParse(r, runs) : ratioText(r, ht);
    rows.push([
      r.job,
      snapshots[r.size]?.label ?? r.size,
      r.tool,
      r.ok ? fmtMs(timeOf(r)) : '—',
      r.ok ? fmtMs(cpuOf(r)) : '—',
      r.ok && bytes ? (bytes / MB / (timeOf(r) / 1000)).toFixed(0) : '—',
      r.ok ? fmtBytes(r.peakRssBytes) : '—',
      r.ok && bytes && r.peakRssBytes ? (r.peakRssBytes / bytes).toFixed(2) : '—',
      r.repeats,
      r.loadAverage1 != null ? r.loadAverage1.toFixed(1) : '—',
      note,
    ]);
  }
  return pad(rows);
}

/** Milliseconds of dominators per million edges, on CPU time when measured (robust on a shared machine). */
export function dominatorCost(run, snapshot) {
  const wall = run.phases?.dominators;
  const cpu = run.phasesCpu?.dominators;
  const per = (ms) => (ms != null ? ms / (snapshot.edges / 1e6) : null);
  return { wall: per(wall), cpu: per(cpu) };
}

export function renderPhases(runs, snapshots) {
  const rows = [['input', 'nodes', 'edges', 'phase wall ms (CPU ms)', 'dominators ms / M edges wall (CPU)']];
  for (const r of runs.filter((x) => x.job === 'full' && x.tool === 'heaptrail' && x.ok && x.phases)) {
    const s = snapshots[r.size];
    const phases = Object.entries(r.phases)
      .map(([k, v]) => `${k} ${v.toFixed(0)} (${r.phasesCpu?.[k]?.toFixed(0) ?? '—'})`)
      .join(', ');
    const d = dominatorCost(r, s);
    rows.push([s.label, s.nodes, s.edges, phases, `${d.wall?.toFixed(1) ?? '—'} (${d.cpu?.toFixed(1) ?? '—'})`]);
  }
  return rows.length > 1 ? pad(rows) : '(no heaptrail phase times: full analysis not available or failed)';
}

export function renderTargets(checks) {
  return pad([['target', 'measured', 'wall time', 'CPU time'], ...checks.map((c) => [c.target, c.measured, c.status, c.cpuStatus])]);
}
