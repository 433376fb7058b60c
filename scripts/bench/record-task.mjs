// Runs one `heaptrail record` (the library call the command makes) of
// record-target.mjs and prints the figures as the bench's result line: the
// wall time, heaptrail's own peak RSS (RUSAGE_SELF: GNU time would count the
// recorded child too), and the child's pause per snapshot as it measured it.
// Usage: node record-task.mjs <heaptrail root> <mb> <count> <interval s>
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { RESULT_MARK } from './measure.mjs';

const [root, mb, count, interval] = process.argv.slice(2);
const { record } = await import(pathToFileURL(path.join(root, 'packages/record/dist/index.js')).href);
const lines = new PassThrough();
const stalls = [];
let ready;
let built = false;
const isReady = new Promise((r) => (ready = () => ((built = true), r())));
const output = {
  write(text) {
    for (const line of String(text).split('\n')) {
      if (line.startsWith('ready')) ready();
      const m = /^stall (\d+)(?: ([\d.]+))?/.exec(line);
      // Pauses while the heap is being built are not the snapshots'. A pause is placed by
      // when it ended, as the child says: heaptrail reads the child's output only between
      // its analyses, so the line itself may come a snapshot later.
      if (m && built) stalls.push({ at: m[2] ? Number(m[2]) - performance.timeOrigin : performance.now(), ms: Number(m[1]) });
    }
  },
};
// Per snapshot: from its trigger (or the previous snapshot's last byte, when the
// trigger came while that one was still being taken) to just after its last byte.
// The target's GC pauses outside these windows are not the snapshot's.
const windows = Array.from({ length: Number(count) }, () => ({ start: Infinity, end: Infinity }));
const target = path.join(path.dirname(new URL(import.meta.url).pathname), 'record-target.mjs');
const t0 = performance.now();
const recording = record({
  target: { kind: 'launch', command: process.execPath, args: ['--max-old-space-size=4000', target, '--mb', mb], cwd: process.cwd(), env: process.env },
  count: Number(count),
  lines,
  timeoutMs: 600_000,
  output,
  onProgress: (e) => {
    if (e.kind !== 'taken') return;
    windows[e.index].end = performance.now();
    const next = windows[e.index + 1];
    if (next) next.start = Math.max(next.start === Infinity ? 0 : next.start, windows[e.index].end);
  },
});
// Same schedule as the --heapsnapshot-signal run: first snapshot once the heap is built, then one per interval.
void (async () => {
  await isReady;
  for (let i = 0; i < Number(count); i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, Number(interval) * 1000));
    windows[i].start = Math.max(windows[i].start === Infinity ? 0 : windows[i].start, performance.now());
    lines.write('snapshot\n');
  }
})();
try {
  const { result, pausesMs } = await recording;
  const ms = performance.now() - t0;
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  const growing = result.growing;
  process.stdout.write(
    `${RESULT_MARK}${JSON.stringify({
      ok: true,
      ms,
      heaptrailRssBytes: maxRssBytes,
      maxRssBytes,
      pausesMs: pausesMs.map(Math.round),
      childStallsMs: stallPerWindow(),
      snapshotBytes: result.snapshots.map((s) => s.totalSize),
      foundLeak: growing[0]?.className === 'LeakedResponse',
      topFindings: growing.slice(0, 3).map((g) => `${g.className} ${g.counts.join(' > ')}`),
    })}\n`,
  );
} catch (e) {
  process.stdout.write(`${RESULT_MARK}${JSON.stringify({ ok: false, error: String(e.message).split('\n')[0] })}\n`);
  process.exitCode = 1;
}

/** The longest stall of each window; a stall reported as one snapshot ends and the next begins counts once, for the first. */
function stallPerWindow() {
  const longest = windows.map(() => 0);
  for (const s of stalls) {
    const k = windows.findIndex((w) => s.at >= w.start && s.at <= w.end + 1000);
    if (k >= 0) longest[k] = Math.max(longest[k], s.ms);
  }
  return longest;
}
