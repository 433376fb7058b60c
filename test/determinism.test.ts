// Reports are a pure function of the input files: byte-identical whatever the parser's
// read size and from one run to the next. The chunk size is forced by wrapping
// readSnapshot (the CLI has no option for it); samples are decompressed first so the
// chunk size reaches the scanner itself rather than only the gzip reader.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const forced = vi.hoisted(() => ({ chunkSize: undefined as number | undefined, seen: [] as (number | undefined)[] }));

vi.mock('@heaptrail/parser', async (importOriginal) => {
  const real = await importOriginal<typeof import('@heaptrail/parser')>();
  return {
    ...real,
    readSnapshot: (source: Parameters<typeof real.readSnapshot>[0], options: Parameters<typeof real.readSnapshot>[1] = {}) => {
      const o = forced.chunkSize === undefined ? options : { ...options, chunkSize: forced.chunkSize };
      forced.seen.push(o?.chunkSize);
      return real.readSnapshot(source, o);
    },
  };
});

import { buildCli, memoryIo } from '@heaptrail/cli';
import { BIN as bin, ROOT as root } from './helpers/cli.js';

const samplesDir = join(root, 'samples');

/** Scenarios with a committed series; all of them with HEAPTRAIL_SLOW=1, else one same-process leak. */
function scenarios(): string[] {
  if (!existsSync(samplesDir)) return [];
  const all = readdirSync(samplesDir)
    .filter((d) => existsSync(join(samplesDir, d, 'expected.json')))
    .sort();
  if (process.env.HEAPTRAIL_SLOW) return all;
  const leak = all.find((d) => d === 'listeners') ?? all[0];
  return leak ? [leak] : [];
}

async function run(argv: string[], chunkSize: number): Promise<{ code: number; out: string; err: string }> {
  forced.chunkSize = chunkSize;
  forced.seen.length = 0;
  const io = memoryIo({});
  const code = await buildCli(argv, io);
  // The wrapper must have been used for every file, or this test proves nothing.
  expect(forced.seen.length).toBeGreaterThan(0);
  expect(forced.seen.every((c) => c === chunkSize)).toBe(true);
  return { code, out: io.out(), err: io.err() };
}

const KIB = 1024;
const MIB = 1024 * 1024;
const picked = scenarios();
const scratch = mkdtempSync(join(tmpdir(), 'heaptrail-determinism-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(picked.length === 0)('report determinism on the committed samples', () => {
  const series = new Map<string, string[]>();
  beforeAll(() => {
    for (const scenario of picked) {
      const expected = JSON.parse(readFileSync(join(samplesDir, scenario, 'expected.json'), 'utf8')) as { files: string[] };
      series.set(
        scenario,
        expected.files.map((f) => {
          const out = join(scratch, `${scenario}-${f.replace(/\.gz$/, '')}`);
          const raw = readFileSync(join(samplesDir, scenario, f));
          writeFileSync(out, raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw);
          return out;
        }),
      );
    }
  });

  for (const scenario of picked) {
    it(`${scenario}: diff --format json is byte-identical at 1 KiB and 1 MiB reads`, { timeout: 180_000 }, async () => {
      const files = series.get(scenario)!;
      const small = await run(['diff', ...files, '--format', 'json', '--quiet'], KIB);
      const large = await run(['diff', ...files, '--format', 'json', '--quiet'], MIB);
      expect(small.err).toBe('');
      expect([0, 1]).toContain(small.code);
      expect(JSON.parse(small.out).schema).toBe('heaptrail.diff/2');
      expect(large.code).toBe(small.code);
      expect(large.out).toBe(small.out);
    });

    it(`${scenario}: diff --format markdown is byte-identical at 1 KiB and 1 MiB reads, and run to run`, { timeout: 180_000 }, async () => {
      const files = series.get(scenario)!;
      const first = await run(['diff', ...files, '--format', 'markdown', '--quiet'], KIB);
      const second = await run(['diff', ...files, '--format', 'markdown', '--quiet'], MIB);
      const third = await run(['diff', ...files, '--format', 'markdown', '--quiet'], MIB);
      expect(first.out.length).toBeGreaterThan(0);
      expect(second.out).toBe(first.out);
      expect(third.out).toBe(second.out);
    });

    it(`${scenario}: summary --json is byte-identical at 1 KiB and 1 MiB reads`, { timeout: 120_000 }, async () => {
      const last = series.get(scenario)!.at(-1)!;
      const small = await run(['summary', last, '--json', '--top', '0'], KIB);
      const large = await run(['summary', last, '--json', '--top', '0'], MIB);
      expect(small.code).toBe(0);
      expect(JSON.parse(small.out)).toBeTypeOf('object');
      expect(large.out).toBe(small.out);
    });

    it.skipIf(!existsSync(bin))(`${scenario}: two runs of the built CLI print the same diff JSON and summary JSON`, { timeout: 180_000 }, () => {
      const files = series.get(scenario)!;
      const once = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 256 * MIB });
      for (const args of [['diff', ...files, '--format', 'json', '--quiet'], ['summary', files.at(-1)!, '--json', '--top', '0', '--quiet']]) {
        const a = once(args);
        const b = once(args);
        expect(a.stderr).toBe('');
        expect([0, 1]).toContain(a.status);
        expect(b.status).toBe(a.status);
        expect(b.stdout).toBe(a.stdout);
        expect(a.stdout.length).toBeGreaterThan(0);
      }
    });
  }
});
