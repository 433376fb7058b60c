// The performance targets the project set itself (BENCHMARKS.md lists them), checked against one bench run's results:
// the targets against the bare loop (floor-targets.mjs), then the earlier absolute ones.
// Each check says what was required, what was measured, and whether it is met. Time targets are judged on wall
// time (`status`) and, because the bench machine may be shared, also on CPU time of the same span (`cpuStatus`):
// a target met on CPU time but not on wall time was lost to other work competing for the cores.
import { cpuOf, dominatorCost, timeOf } from './table.mjs';
import { checkFloorTargets } from './floor-targets.mjs';

const MB = 1e6;

/** Dominator cost per million edges must look linear: the largest ms/M edges at most 1.5× the smallest. */
export const LINEAR_SLACK = 1.5;

function find(runs, job, size, tool) {
  return runs.find((r) => r.job === job && r.size === size && r.tool === tool);
}

function verdict(ok) {
  return ok ? 'met' : 'not met';
}

function notMeasured(target, why) {
  return { target, measured: why, status: 'not measured', cpuStatus: 'not measured' };
}

/** Every check, the floor targets first; `record` is the record job's rows (record-bench.mjs). */
export function checkTargets(runs, snapshots, record = []) {
  return [...checkFloorTargets(runs, snapshots, record), ...checkEarlierTargets(runs, snapshots).map((c) => ({ group: 'earlier', ...c }))];
}

function checkEarlierTargets(runs, snapshots) {
  const checks = [];
  const large = snapshots.large;

  const parseTarget = 'parse ≥ 300 MB/s (1 GB under 4 s), peak RSS ≤ file size';
  const parse = large && find(runs, 'parse', 'large', 'heaptrail');
  if (parse?.ok) {
    const ok = (ms) => large.bytes / MB / (ms / 1000) >= 300 && ms < 4000 && parse.peakRssBytes <= large.bytes;
    checks.push({
      target: parseTarget,
      measured: `${(large.bytes / MB / (parse.ms / 1000)).toFixed(0)} MB/s, ${(parse.ms / 1000).toFixed(2)} s wall, ` +
        `${(cpuOf(parse) / 1000).toFixed(2)} s CPU, RSS ${(parse.peakRssBytes / large.bytes).toFixed(2)}× file`,
      status: verdict(ok(parse.ms)),
      cpuStatus: verdict(ok(cpuOf(parse))),
    });
  } else {
    checks.push(notMeasured(parseTarget, parse?.error ?? 'not run'));
  }

  const fullTarget = 'parse + full analysis of 1 GB under 10 s, peak RSS < 1.5× file';
  const full = large && find(runs, 'full', 'large', 'heaptrail');
  if (full?.ok) {
    const ok = (ms) => ms < 10_000 && full.peakRssBytes < 1.5 * large.bytes;
    checks.push({
      target: fullTarget,
      measured: `${(full.ms / 1000).toFixed(2)} s wall, ${(cpuOf(full) / 1000).toFixed(2)} s CPU, ` +
        `RSS ${(full.peakRssBytes / large.bytes).toFixed(2)}× file`,
      status: verdict(ok(full.ms)),
      cpuStatus: verdict(ok(cpuOf(full))),
    });
  } else {
    checks.push(notMeasured(fullTarget, full?.error ?? 'not run'));
  }

  const domTarget = `dominators linear-looking across sizes (ms per M edges within ${LINEAR_SLACK}×)`;
  const costs = [];
  for (const size of ['small', 'medium', 'large', 'huge']) {
    const r = find(runs, 'full', size, 'heaptrail');
    if (r?.ok && r.phases?.dominators != null && snapshots[size]) costs.push({ size, ...dominatorCost(r, snapshots[size]) });
  }
  if (costs.length >= 2) {
    const spread = (key) => {
      const v = costs.map((c) => c[key]).filter((x) => x != null);
      return v.length >= 2 ? Math.max(...v) / Math.min(...v) : null;
    };
    const w = spread('wall');
    const c = spread('cpu');
    checks.push({
      target: domTarget,
      measured: `${costs.map((x) => `${x.size} ${x.wall.toFixed(0)} (CPU ${x.cpu?.toFixed(0) ?? '—'})`).join(', ')} ms/M edges; ` +
        `spread ${w.toFixed(2)}× wall, ${c?.toFixed(2) ?? '—'}× CPU`,
      status: verdict(w <= LINEAR_SLACK),
      cpuStatus: c != null ? verdict(c <= LINEAR_SLACK) : 'not measured',
    });
  } else {
    checks.push(notMeasured(domTarget, 'needs heaptrail dominator phase times at ≥ 2 sizes'));
  }

  const diffTarget = 'diff of 3 × 300 MB ≥ 5× faster than memlab, ≤ 1/3 of its peak RSS';
  const ht = find(runs, 'diff', 'series', 'heaptrail');
  const ml = find(runs, 'diff', 'series', 'memlab');
  if (ht?.ok && ml?.ok) {
    const mem = ht.peakRssBytes / ml.peakRssBytes;
    const speed = timeOf(ml) / timeOf(ht);
    const cpuSpeed = cpuOf(ht) && cpuOf(ml) ? cpuOf(ml) / cpuOf(ht) : null;
    checks.push({
      target: diffTarget,
      measured: `${speed.toFixed(1)}× faster wall, ${cpuSpeed?.toFixed(1) ?? '—'}× CPU, ${(mem * 100).toFixed(0)} % of memlab's RSS`,
      status: verdict(speed >= 5 && mem <= 1 / 3),
      cpuStatus: cpuSpeed != null ? verdict(cpuSpeed >= 5 && mem <= 1 / 3) : 'not measured',
    });
  } else {
    const why = !ht?.ok ? `heaptrail: ${ht?.error ?? 'not run'}` : `memlab: ${ml?.error ?? 'not run'}`;
    checks.push(notMeasured(diffTarget, why));
  }
  return checks;
}
