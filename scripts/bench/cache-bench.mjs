// The cache benchmark: `heaptrail summary FILE --cache DIR` twice on the 1 GB snapshot,
// DIR fresh: the first run parses, analyses and writes the cache, the second reads it
// back. The second run's wall time is the figure (target: ≤ 1.5 s); the first's is kept
// beside it. Part of `node scripts/bench/run.mjs --jobs cache`. Measures; never asserts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measure } from './measure.mjs';

/** @returns {Promise<object[]>} a row for the cold run and one for the warm run */
export async function runCacheBench({ snap, size, heaptrailRoot, nodeFlags = [], timeoutMs, log = console.error }) {
  const bin = path.join(heaptrailRoot, 'packages', 'cli', 'dist', 'bin.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heaptrail-bench-cache-'));
  const command = [process.execPath, ...nodeFlags, bin, 'summary', snap.file, '--json', '--quiet', `--cache=${dir}`];
  const rows = [];
  try {
    for (const run of ['cold (writes the cache)', 'warm (reads it back)']) {
      const r = await measure(command, { timeoutMs, stdoutFile: path.join(os.tmpdir(), `heaptrail-bench-cache-${process.pid}.json`) });
      rows.push({ job: 'cache', size, tool: `heaptrail summary --cache, ${run}`, inputBytes: snap.bytes, command: command.join(' '), ...r });
      log(`  cache ${size} ${run}: ${r.ok ? `${(r.wallMs / 1000).toFixed(2)} s wall` : r.error}`);
    }
    rows.push({ job: 'cache', size, tool: 'cache file', diskBytes: fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0) });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
