// The jobs the bench times as a user runs them: the built `heaptrail` CLI (and memlab's) as whole processes.
//   summary  `heaptrail summary FILE --format json --quiet`: parse, full analysis, class groups
//   cache    the same with `--cache DIR`, twice; the second command is the one timed
//   diff     `heaptrail diff s1 … sK --format json` and `memlab analyze unbound-object` on a series
// Each returns a measured result (measure.mjs), never throws for a tool that fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bestOf, measure } from './measure.mjs';
import { memlabBin } from './peers.mjs';

/**
 * @typedef {{ root: string, out: string, nodeFlags: string[], timeoutMs: number }} CliContext
 *   root: the measured heaptrail checkout or export; out: where outputs go (bench-out)
 */

function bin(ctx) {
  return path.join(ctx.root, 'packages', 'cli', 'dist', 'bin.js');
}

function notBuilt(ctx) {
  return fs.existsSync(bin(ctx)) ? null : { ok: false, error: 'not available yet: packages/cli/dist/bin.js not built', repeats: 0 };
}

/** The class a summary's JSON leads with, as evidence that the command did the job. */
function summaryEvidence(r, outFile) {
  if (!r.ok) return r;
  try {
    const summary = JSON.parse(fs.readFileSync(outFile, 'utf8'));
    return { ...r, classes: summary.classCount, topClass: summary.classes?.[0]?.className };
  } catch (e) {
    return { ...r, ok: false, error: `output is not JSON: ${String(e.message).split('\n')[0]}` };
  }
}

/** @param {CliContext} ctx */
export async function summaryJob(ctx, file, repeat) {
  const missing = notBuilt(ctx);
  if (missing) return missing;
  const outFile = path.join(ctx.out, 'heaptrail-summary.json');
  const command = [process.execPath, ...ctx.nodeFlags, bin(ctx), 'summary', file, '--format', 'json', '--quiet'];
  const r = await bestOf(repeat, () => measure(command, { timeoutMs: ctx.timeoutMs, stdoutFile: outFile, span: 'process' }));
  return { ...summaryEvidence(r, outFile), command: command.join(' ') };
}

/** Whether the built CLI's summary takes --cache (another branch adds it). */
function hasCacheFlag(ctx) {
  const help = spawnSync(process.execPath, [bin(ctx), 'summary', '--help'], { encoding: 'utf8' });
  return /--cache\b/.test(help.stdout ?? '');
}

function du(dir) {
  let bytes = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop();
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) stack.push(p);
      else bytes += fs.statSync(p).size;
    }
  }
  return bytes;
}

/**
 * `heaptrail summary FILE --cache DIR` twice in a fresh DIR: the first command writes the cache, the second (the
 * one timed, as a user's next command on the same snapshot) reads it.
 * @param {CliContext} ctx
 */
export async function cacheJob(ctx, file) {
  const missing = notBuilt(ctx);
  if (missing) return missing;
  if (!hasCacheFlag(ctx)) return { ok: false, error: 'not available yet: the built CLI has no summary --cache', repeats: 0 };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heaptrail-bench-cache-'));
  try {
    const outFile = path.join(ctx.out, 'heaptrail-summary-cached.json');
    const command = [process.execPath, ...ctx.nodeFlags, bin(ctx), 'summary', file, `--cache=${dir}`, '--format', 'json', '--quiet'];
    const opts = { timeoutMs: ctx.timeoutMs, stdoutFile: outFile, span: 'process' };
    const first = await measure(command, opts);
    if (!first.ok) return { ...first, error: `first command: ${first.error}`, repeats: 1, command: command.join(' ') };
    const cacheBytes = du(dir);
    const second = summaryEvidence(await measure(command, opts), outFile);
    return {
      ...second,
      repeats: 1,
      firstWallMs: first.wallMs,
      firstCpuMs: first.cpuMs,
      firstPeakRssBytes: first.peakRssBytes,
      cacheBytes,
      command: command.join(' '),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `heaptrail diff` on a series; the growing class should lead. @param {CliContext} ctx */
export async function heaptrailDiffJob(ctx, series) {
  const missing = notBuilt(ctx);
  if (missing) return missing;
  const outFile = path.join(ctx.out, 'heaptrail-diff.json');
  const command = [process.execPath, ...ctx.nodeFlags, bin(ctx), 'diff', ...series.files.map((f) => f.file), '--format', 'json'];
  // exit 1 = growth over budget: a verdict, not a failure
  const r = await bestOf(1, () => measure(command, { timeoutMs: ctx.timeoutMs, stdoutFile: outFile, okCodes: [0, 1], span: 'process' }));
  if (r.ok) {
    try {
      const diff = JSON.parse(fs.readFileSync(outFile, 'utf8'));
      // evidence that the run did the job: the class the series grows should be among the growing
      const growing = Array.isArray(diff.growing) ? diff.growing : [];
      r.foundLeak = growing.some((g) => g.className === 'LeakyRequestContext');
      r.topFindings = growing.slice(0, 3).map((g) => `${g.className} ${(g.counts ?? []).join(' > ')}`);
    } catch (e) {
      Object.assign(r, { ok: false, error: `output is not JSON: ${String(e.message).split('\n')[0]}` });
    }
  }
  return { ...r, command: command.join(' ') };
}

/** memlab's unbound-object analysis of the same series. @param {CliContext} ctx */
export async function memlabDiffJob(ctx, series, peersDir, workDir) {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const outFile = path.join(ctx.out, 'memlab-unbound-object.txt');
  // memlab's own launcher caps the heap at 4 GB; we start its entry with node and a 16 GB cap instead
  const command = [process.execPath, ...ctx.nodeFlags, memlabBin(peersDir), 'analyze', 'unbound-object',
    '--snapshot-dir', series.dir, '--work-dir', workDir];
  const r = await bestOf(1, () => measure(command, { timeoutMs: ctx.timeoutMs, stdoutFile: outFile, span: 'process' }));
  // memlab reports growing objects (not classes) in its work dir; keep its top rows as evidence
  const csv = path.join(workDir, 'data', 'out', 'unbound-object.csv');
  if (r.ok && fs.existsSync(csv)) r.topFindings = fs.readFileSync(csv, 'utf8').split('\n').slice(0, 3);
  return { ...r, command: command.join(' ') };
}
