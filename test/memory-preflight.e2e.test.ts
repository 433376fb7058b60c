// End-to-end: `--max-memory` (and HEAPTRAIL_MAX_MEMORY) refuses a snapshot whose header
// claims more than the limit, right after the header: one stderr line, exit 2.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { tinyHeader, tinySnapshot } from '../packages/parser/test/helpers/tiny-snapshot.js';
import { runCli } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'heaptrail-preflight-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 2 M nodes, 8 M edges claimed, and the file ends right after the header. gzip, so the
// "counts exceed file size" check cannot refuse it first: without the preflight this
// file would be read on to its truncation (a different message).
const text = tinySnapshot({ header: tinyHeader({ node_count: 2_000_000, edge_count: 8_000_000 }) });
const big = join(dir, 'big.heapsnapshot.gz');
writeFileSync(big, gzipSync(Buffer.from(text.slice(0, text.indexOf('"nodes"')))));
const tiny = join(dir, 'tiny.heapsnapshot');
writeFileSync(tiny, tinySnapshot());

const REFUSAL = /^heaptrail: .*big\.heapsnapshot\.gz: needs about \d+\.\d [MG]B of memory, 1\.0 MB available\n$/;

describe('--max-memory', () => {
  for (const command of ['summary', 'dominators', 'paths', 'info']) {
    it(`${command}: a header claiming more than --max-memory 1M is refused, one line, exit 2`, async () => {
      const extra = command === 'paths' ? ['--class', 'A'] : [];
      const r = await runCli([command, big, '--max-memory', '1M', ...extra]);
      expect(r.stderr).toMatch(REFUSAL);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
    });
  }

  it('diff: the series is refused at its first snapshot', async () => {
    const r = await runCli(['diff', big, big, '--max-memory', '1M', '-q']);
    expect(r.stderr).toMatch(REFUSAL);
    expect(r.code).toBe(2);
  });

  it('HEAPTRAIL_MAX_MEMORY is the default, the flag wins over it', async () => {
    const r = await runCli(['info', big], { env: { HEAPTRAIL_MAX_MEMORY: '1M' } });
    expect(r.stderr).toMatch(REFUSAL);
    expect(r.code).toBe(2);
    const allowed = await runCli(['info', tiny, '--max-memory', '8G'], { env: { HEAPTRAIL_MAX_MEMORY: '1k' } });
    expect(allowed.code).toBe(0);
  });

  it('without a limit the same file reads on to its truncation', async () => {
    const r = await runCli(['info', big]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/needs about/);
  });

  it('a bad size is a usage error naming the option', async () => {
    const r = await runCli(['summary', tiny, '--max-memory', 'lots']);
    expect(r.stderr).toMatch(/--max-memory must be a size like 8G/);
    expect(r.code).toBe(2);
    const e = await runCli(['summary', tiny], { env: { HEAPTRAIL_MAX_MEMORY: '-1' } });
    expect(e.stderr).toMatch(/^heaptrail: HEAPTRAIL_MAX_MEMORY must be a size/);
    expect(e.code).toBe(2);
  });
});
