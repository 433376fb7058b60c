// The fuzz harness in the normal suite: a few hundred seeded cases (the full campaign
// is `npm run fuzz`), plus checks that the harness itself can tell a crash from a clean
// refusal, so a green run means something. The worker and the CLI use the built dist/
// (npm test builds first), like the other end-to-end tests under test/.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-ignore: plain ESM scripts without type declarations
import { classifyCli, classifyInProcess, memoryBudget } from '../scripts/fuzz/classify.mjs';
// @ts-ignore
import { generateCase, runFuzz } from '../scripts/fuzz/harness.mjs';
// @ts-ignore
import { loadCorpus } from '../scripts/fuzz/corpus.mjs';
// @ts-ignore
import { minimise } from '../scripts/fuzz/minimise.mjs';
import { BIN as bin, ROOT as root } from './helpers/cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'heaptrail-fuzz-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('classification of fuzz outcomes', () => {
  const ctx = { file: '/x/case.heapsnapshot', textLength: 1000, maxOffset: 1000, directory: false };
  const formatError = (offset: number, message = `/x/case.heapsnapshot: unexpected end at byte ${offset}`) => ({
    status: 'error',
    peakArrayBuffers: 0,
    error: { name: 'SnapshotFormatError', isFormatError: true, offset, reason: 'unexpected end', message },
  });

  it('counts a SnapshotFormatError naming the file with an offset inside the input as a clean failure', () => {
    expect(classifyInProcess(formatError(999), ctx).cls).toBe('clean');
  });

  it('counts an offset past the end of the input, or a message without the file, as a malformed error', () => {
    expect(classifyInProcess(formatError(1001), ctx).cls).toBe('bad-error');
    expect(classifyInProcess(formatError(5, 'unexpected end at byte 5'), ctx).cls).toBe('bad-error');
  });

  it('counts any other error class as a crash, and allocation failures as OOM', () => {
    const err = (name: string, message: string) => ({ status: 'error', peakArrayBuffers: 0, error: { name, isFormatError: false, message } });
    expect(classifyInProcess(err('TypeError', "Cannot read properties of undefined (reading 'length')"), ctx).cls).toBe('crash');
    expect(classifyInProcess(err('RangeError', 'Invalid typed array length: 1000000000000'), ctx).cls).toBe('oom');
    expect(classifyInProcess({ status: 'hang', error: { message: 'no answer' } }, ctx).cls).toBe('hang');
  });

  it('counts typed arrays far beyond the input size as OOM even when the parse is refused cleanly', () => {
    expect(classifyInProcess({ ...formatError(10), peakArrayBuffers: memoryBudget(1000) + 1 }, ctx).cls).toBe('oom');
  });

  it('counts a success that disagrees with JSON.parse as a wrong result', () => {
    expect(classifyInProcess({ status: 'ok', peakArrayBuffers: 0, violations: [], oracleMismatch: ['node 3 id: parsed 7, JSON 9'] }, ctx).cls).toBe('wrong');
  });

  it('accepts from the CLI only exit 0, or exit 2 with one line naming the file and byte offset', () => {
    const run = (code: number | null, stderr: string, extra = {}) => ({ code, signal: null, stdout: '', stderr, ms: 10, timedOut: false, ...extra });
    const c = { file: '/x/case.heapsnapshot', directory: false, command: 'info' };
    expect(classifyCli(run(0, ''), c).cls).toBe('ok');
    expect(classifyCli(run(2, 'heaptrail: /x/case.heapsnapshot: unexpected end at byte 12\n'), c).cls).toBe('clean');
    expect(classifyCli(run(2, 'heaptrail: /x/case.heapsnapshot: unexpected end at byte 12\n    at scan (file.js:1:1)\n'), c).cls).toBe('bad-error');
    expect(classifyCli(run(3, 'heaptrail: internal error: boom (set HEAPTRAIL_DEBUG=1 for details)\n'), c).cls).toBe('crash');
    expect(classifyCli(run(null, 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory', { signal: 'SIGABRT' }), c).cls).toBe('oom');
    expect(classifyCli(run(null, '', { timedOut: true, signal: 'SIGKILL' }), c).cls).toBe('hang');
    const dir = { file: '/x/dir.heapsnapshot', directory: true, command: 'info' };
    expect(classifyCli(run(2, 'heaptrail: /x/dir.heapsnapshot: cannot read: is a directory\n'), dir).cls).toBe('clean');
    expect(classifyCli(run(2, 'heaptrail: : cannot read: is a directory\n'), dir).cls).toBe('bad-error');
  });
});

describe('repro minimisation', () => {
  it('cuts a failing input down to the bytes the failure needs', async () => {
    const input = Buffer.from('{"snapshot":{"meta":{}},"nodes":[1,2,3,\\uZZ,4],"strings":["a"]}');
    const fails = async (b: Buffer) => b.includes('\\uZZ');
    const { bytes, tests } = await minimise(input, fails, { maxTests: 500 });
    expect(bytes.toString()).toBe('\\uZZ');
    expect(tests).toBeGreaterThan(0);
  });

  it('stops at its test budget and still returns an input that fails', async () => {
    const input = Buffer.alloc(4096, 0x61);
    input[2000] = 0x62;
    const { bytes, tests } = await minimise(input, async (b: Buffer) => b.includes(0x62), { maxTests: 5 });
    expect(tests).toBe(5);
    expect(bytes.includes(0x62)).toBe(true);
    expect(bytes.length).toBeLessThan(4096);
  });
});

describe('fuzz cases', () => {
  it('are a pure function of (seed, index): the same bytes every time', async () => {
    const corpus = await loadCorpus({ root, scratch, sampleLimit: 1, real: false });
    for (const index of [0, 1, 17, 4242]) {
      const a = generateCase(7, index, corpus, { cliShare: 0.5 });
      const b = generateCase(7, index, corpus, { cliShare: 0.5 });
      expect(a.notes).toEqual(b.notes);
      expect(a.cli).toBe(b.cli);
      expect(Buffer.compare(a.bytes ?? Buffer.alloc(0), b.bytes ?? Buffer.alloc(0))).toBe(0);
    }
  });
});

describe.skipIf(!existsSync(join(root, 'packages/parser/dist/index.js')))('heaptrail on 300 mutated snapshots', () => {
  it('never crashes, hangs, runs out of memory or returns a wrong result', { timeout: 120_000 }, async () => {
    const report = await runFuzz({
      cases: 300,
      seed: 20261124,
      cliShare: 0.02,
      workers: 2,
      root,
      scratch,
      bin,
      minimiseLimit: 0,
      corpus: { sampleLimit: 1, real: false },
    });
    const failures = report.groups
      // "slow" is over the time bound once and fine when re-run (a loaded machine); "lenient" (accepting
      // what JSON.parse refuses) is a failure since the parser validates skipped sections.
      .filter((g: { cls: string }) => g.cls !== 'slow')
      .map((g: { cls: string; via: string; signature: string; cases: number[]; repro?: string }) => `${g.via}: ${g.signature} (cases ${g.cases.slice(0, 5).join(', ')}; repro ${g.repro})`);
    expect(failures).toEqual([]);
    expect(report.counts.cases).toBe(300);
    // Both outcomes occur: some mutations leave a valid snapshot, most are refused cleanly.
    expect(report.counts.ok).toBeGreaterThan(0);
    expect(report.counts.clean).toBeGreaterThan(200);
    expect(report.fatal).toBe(0);
  });
});
