// The record benchmark: `heaptrail record` of a child with a heap of about
// --mb MB, N snapshots, against the old way of getting the same series (the
// child started with --heapsnapshot-signal, SIGUSR2 per snapshot, then
// `heaptrail diff` on the files). Same child, same schedule: first snapshot once
// its heap is built, then one every --interval seconds.
//   node scripts/bench/record-bench.mjs [--mb 300] [--count 3] [--interval 2]
// Part of `npm run bench` (job "record"). Measures; never asserts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { measure } from './measure.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TARGET = path.join(HERE, 'record-target.mjs');

/** @returns {Promise<object[]>} one row per way of taking the series */
export async function runRecordBench({ mb = 300, count = 3, intervalS = 2, heaptrailRoot, timeoutMs = 1_200_000, log = console.error }) {
  log(`\nrecord: a ${mb} MB heap, ${count} snapshots, ${intervalS} s apart`);
  const task = [process.execPath, path.join(HERE, 'record-task.mjs'), heaptrailRoot, String(mb), String(count), String(intervalS)];
  const rec = await measure(task, { timeoutMs, expectResult: true });
  const recordRow = {
    job: 'record',
    size: `${mb} MB heap`,
    tool: 'heaptrail record',
    ok: rec.ok,
    ...(rec.ok ? {} : { error: rec.error, stderrTail: rec.stderrTail }),
    wallMs: rec.wallMs,
    heaptrailPeakRssBytes: rec.heaptrailRssBytes ?? null,
    childPausesMs: rec.childStallsMs ?? null,
    pausesSeenByHeaptrailMs: rec.pausesMs ?? null,
    diskBytes: 0,
    foundLeak: rec.foundLeak ?? null,
    topFindings: rec.topFindings ?? null,
  };
  log(`  heaptrail record: ${describe(recordRow)}`);
  const signalRow = await signalThenDiff({ mb, count, intervalS, heaptrailRoot, timeoutMs });
  log(`  --heapsnapshot-signal + heaptrail diff: ${describe(signalRow)}`);
  return [recordRow, signalRow];
}

async function signalThenDiff({ mb, count, intervalS, heaptrailRoot, timeoutMs }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heaptrail-bench-signal-'));
  const child = spawn(process.execPath, ['--max-old-space-size=4000', '--heapsnapshot-signal=SIGUSR2', TARGET, '--mb', String(mb)], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stalls = [];
  let onLine = () => undefined;
  let text = '';
  child.stderr.setEncoding('utf8').on('data', (s) => {
    text += s;
    const lines = text.split('\n');
    text = lines.pop();
    for (const line of lines) onLine(line);
  });
  const nextLine = (re) => new Promise((resolve) => (onLine = (l) => (re.test(l) ? resolve(l) : undefined)));
  try {
    const t0 = performance.now();
    await nextLine(/^ready/);
    for (let i = 0; i < count; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, intervalS * 1000));
      const before = snapshotFiles(dir).length;
      child.kill('SIGUSR2');
      // The heartbeat resumes only once V8 has written the whole file; a stall
      // with no new file yet was a GC, not the snapshot.
      for (;;) {
        const stall = Number((await nextLine(/^stall /)).split(' ')[1]);
        if (snapshotFiles(dir).length > before) {
          stalls.push(stall);
          break;
        }
      }
    }
    const captureMs = performance.now() - t0;
    child.kill('SIGTERM');
    const files = snapshotFiles(dir);
    const diskBytes = files.reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
    const bin = path.join(heaptrailRoot, 'packages/cli/dist/bin.js');
    const outFile = path.join(dir, 'diff.json');
    const diff = await measure([process.execPath, bin, 'diff', dir, '--format', 'json', '--quiet'], { timeoutMs, stdoutFile: outFile, okCodes: [0, 1] });
    let growing = [];
    if (diff.ok) growing = JSON.parse(fs.readFileSync(outFile, 'utf8')).growing;
    return {
      job: 'record',
      size: `${mb} MB heap`,
      tool: '--heapsnapshot-signal + heaptrail diff',
      ok: diff.ok && files.length === count,
      ...(diff.ok ? {} : { error: diff.error, stderrTail: diff.stderrTail }),
      // Snapshots from a schedule that starts after the heap is built: compare with record's from its start.
      wallMs: captureMs + diff.wallMs,
      captureMs,
      diffWallMs: diff.wallMs,
      heaptrailPeakRssBytes: diff.peakRssBytes,
      childPausesMs: stalls,
      diskBytes,
      foundLeak: growing[0]?.className === 'LeakedResponse',
      topFindings: growing.slice(0, 3).map((g) => `${g.className} ${g.counts.join(' > ')}`),
    };
  } finally {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function snapshotFiles(dir) {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.heapsnapshot'));
}

function describe(row) {
  if (!row.ok) return `FAILED ${row.error ?? ''}`;
  const mb = (b) => `${((b ?? 0) / 1e6).toFixed(0)} MB`;
  return `${(row.wallMs / 1000).toFixed(1)} s wall, heaptrail peak RSS ${mb(row.heaptrailPeakRssBytes)}, child pauses ${row.childPausesMs.join(', ')} ms, ${mb(row.diskBytes)} on disk, leak found: ${row.foundLeak}`;
}

/** The rows as a Markdown table. */
export function renderRecordTable(rows) {
  const head = '| how | wall | heaptrail peak RSS | child pause per snapshot | on disk | leak first |\n|---|---:|---:|---|---:|---|';
  const body = rows.map((r) =>
    r.ok
      ? `| ${r.tool} | ${(r.wallMs / 1000).toFixed(1)} s | ${((r.heaptrailPeakRssBytes ?? 0) / 1e6).toFixed(0)} MB | ${r.childPausesMs.map((p) => `${(p / 1000).toFixed(2)} s`).join(', ')} | ${(r.diskBytes / 1e6).toFixed(0)} MB | ${r.foundLeak ? 'yes' : 'no'} |`
      : `| ${r.tool} | failed: ${r.error} | | | | |`,
  );
  return [head, ...body].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { mb: { type: 'string', default: '300' }, count: { type: 'string', default: '3' }, interval: { type: 'string', default: '2' } } });
  const rows = await runRecordBench({ mb: Number(values.mb), count: Number(values.count), intervalS: Number(values.interval), heaptrailRoot: path.resolve(HERE, '../..') });
  console.log(renderRecordTable(rows));
}
