// Renders bench results as a plain-text table with peers as ratios against heaptrail.

const MB = 1e6;

export function fmtMs(ms) {
  return ms == null ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`;
}

export function fmtBytes(b) {
  if (b == null) return '—';
  return b >= 1e9 ? `${(b / 1e9).toFixed(2)} GB` : `${(b / MB).toFixed(0)} MB`;
}

/**
 * The time a job is judged on: the work inside the child for API runs, the whole process for CLI runs and for
 * every run of a job marked `span: 'process'` (the summary job, whose peers are timed as a user would see them).
 */
export function timeOf(run) {
  return run.span === 'process' ? run.wallMs : run.ms ?? run.wallMs;
}

/** CPU time of the same span as timeOf(): the work inside the child, or the whole process for CLI runs. */
export function cpuOf(run) {
  return run.span === 'process' ? run.cpuMs : run.workCpuMs ?? run.cpuMs;
}

/** The bare loop's run over the same input (every file of a series), if it was measured. */
export function loopOf(run, runs) {
  return runs.find((r) => r.tool === 'loop' && r.job === 'fold' && r.size === run.size && r.ok) ?? null;
}

/**
 * The loop's run as a whole process: its fastest whole-process repeat (the repeats were picked on the work alone,
 * where Node's start-up does not count).
 */
export function loopAsProcess(loop) {
  const repeats = (loop.all ?? [loop]).filter((a) => a.ok && a.wallMs != null);
  const fastest = repeats.reduce((a, b) => (b.wallMs < a.wallMs ? b : a), loop);
  return { ...loop, span: 'process', wallMs: fastest.wallMs, cpuMs: fastest.cpuMs };
}

/**
 * `run`'s time as a multiple of the loop's over the same bytes, on the same span: the loop's work alone against
 * an API run, the loop's whole process (Node start-up included) against a CLI run. CPU likewise.
 */
export function versusLoop(run, runs) {
  const found = loopOf(run, runs);
  if (!run?.ok || !found) return null;
  const processSpan = run.span === 'process' || run.ms == null;
  const loop = processSpan ? loopAsProcess(found) : found;
  const cpu = cpuOf(loop);
  return { time: timeOf(run) / timeOf(loop), cpu: cpuOf(run) != null && cpu ? cpuOf(run) / cpu : null };
}

/** "2.1×" (CPU in brackets) for the vs-loop column; "—" when either side is missing. */
export function versusLoopText(run, runs) {
  if (run.tool === 'loop') return '1.0×';
  const v = versusLoop(run, runs);
  return v ? `${v.time.toFixed(1)}×${v.cpu != null ? ` (${v.cpu.toFixed(1)}×)` : ''}` : '—';
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

/** What the first command of the cache job took, beside the timed second one. */
export function cacheNote(run) {
  if (run.job !== 'cache' || run.firstWallMs == null) return '';
  return `second command; the first (writing the cache) took ${fmtMs(run.firstWallMs)}, ${fmtBytes(run.firstPeakRssBytes)} RSS`;
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
  const rows = [['job', 'input', 'tool', 'time', 'CPU', 'MB/s', 'peak RSS', 'RSS÷file', 'vs loop (CPU)', 'runs', 'load', 'vs heaptrail / error']];
  for (const r of runs) {
    const bytes = snapshots[r.size]?.bytes;
    const ht = runs.find((h) => h.job === r.job && h.size === r.size && h.tool === 'heaptrail');
    const note = !r.ok ? `${failureKind(r)}: ${r.error}` : r.tool === 'heaptrail' ? versusParse(r, runs) || cacheNote(r) : ratioText(r, ht);
    rows.push([
      r.job,
      snapshots[r.size]?.label ?? r.size,
      r.tool,
      r.ok ? fmtMs(timeOf(r)) : '—',
      r.ok ? fmtMs(cpuOf(r)) : '—',
      r.ok && bytes ? (bytes / MB / (timeOf(r) / 1000)).toFixed(0) : '—',
      r.ok ? fmtBytes(r.peakRssBytes) : '—',
      r.ok && bytes && r.peakRssBytes ? (r.peakRssBytes / bytes).toFixed(2) : '—',
      r.ok ? versusLoopText(r, runs) : '—',
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
