// The performance targets from the issues, checked against one bench run's results.
// Each check says what was required, what was measured, and met / not met / not measured.

const MB = 1e6;

function find(runs, job, size, tool) {
  return runs.find((r) => r.job === job && r.size === size && r.tool === tool);
}

function verdict(ok) {
  return ok ? 'met' : 'not met';
}

/** Dominator cost per million edges must look linear: the largest ns/edge at most 1.5× the smallest. */
export const LINEAR_SLACK = 1.5;

export function checkTargets(runs, snapshots) {
  const checks = [];
  const large = snapshots.large;
  const parse = large && find(runs, 'parse', 'large', 'heaptrail');
  if (parse?.ok) {
    const mbps = large.bytes / MB / (parse.ms / 1000);
    const rssRatio = parse.peakRssBytes / large.bytes;
    checks.push({
      target: 'parse ≥ 300 MB/s (1 GB under 4 s), peak RSS ≤ file size',
      measured: `${mbps.toFixed(0)} MB/s, ${(parse.ms / 1000).toFixed(2)} s, RSS ${rssRatio.toFixed(2)}× file`,
      status: verdict(mbps >= 300 && parse.ms < 4000 && rssRatio <= 1),
    });
  } else {
    checks.push({ target: 'parse ≥ 300 MB/s (1 GB under 4 s), peak RSS ≤ file size', measured: parse?.error ?? 'not run', status: 'not measured' });
  }

  const full = large && find(runs, 'full', 'large', 'heaptrail');
  if (full?.ok) {
    const rssRatio = full.peakRssBytes / large.bytes;
    checks.push({
      target: 'parse + full analysis of 1 GB under 10 s, peak RSS < 1.5× file',
      measured: `${(full.ms / 1000).toFixed(2)} s, RSS ${rssRatio.toFixed(2)}× file`,
      status: verdict(full.ms < 10_000 && rssRatio < 1.5),
    });
  } else {
    checks.push({ target: 'parse + full analysis of 1 GB under 10 s, peak RSS < 1.5× file', measured: full?.error ?? 'not run', status: 'not measured' });
  }

  const perEdge = [];
  for (const size of ['small', 'medium', 'large']) {
    const r = find(runs, 'full', size, 'heaptrail');
    const dom = r?.ok ? r.phases?.dominators : undefined;
    if (dom != null && snapshots[size]) perEdge.push({ size, msPerMEdge: dom / (snapshots[size].edges / 1e6) });
  }
  if (perEdge.length >= 2) {
    const values = perEdge.map((p) => p.msPerMEdge);
    const spread = Math.max(...values) / Math.min(...values);
    checks.push({
      target: `dominators linear-looking across sizes (ms per M edges within ${LINEAR_SLACK}×)`,
      measured: `${perEdge.map((p) => `${p.size} ${p.msPerMEdge.toFixed(1)}`).join(', ')} ms/M edges; spread ${spread.toFixed(2)}×`,
      status: verdict(spread <= LINEAR_SLACK),
    });
  } else {
    checks.push({ target: 'dominators linear-looking across sizes', measured: 'needs heaptrail dominator phase times at ≥ 2 sizes', status: 'not measured' });
  }

  const ht = find(runs, 'diff', 'series', 'heaptrail');
  const ml = find(runs, 'diff', 'series', 'memlab');
  if (ht?.ok && ml?.ok) {
    const speed = ml.wallMs / ht.wallMs;
    const mem = ht.peakRssBytes / ml.peakRssBytes;
    checks.push({
      target: 'diff of 3 × 300 MB ≥ 5× faster than memlab, ≤ 1/3 of its peak RSS',
      measured: `${speed.toFixed(1)}× faster, ${(mem * 100).toFixed(0)} % of memlab's RSS`,
      status: verdict(speed >= 5 && mem <= 1 / 3),
    });
  } else {
    const why = !ht?.ok ? `heaptrail: ${ht?.error ?? 'not run'}` : `memlab: ${ml?.error ?? 'not run'}`;
    checks.push({ target: 'diff of 3 × 300 MB ≥ 5× faster than memlab, ≤ 1/3 of its peak RSS', measured: why, status: 'not measured' });
  }
  return checks;
}
