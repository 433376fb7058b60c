// --cache end to end, in-process: every JSON report is byte-identical without the
// cache, on the run that writes it and on the run that reads it back; the warm run
// parses nothing; a damaged cache file is parsed around and rebuilt; a cache that
// cannot be written is one note and the command still succeeds.

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const parses = vi.hoisted(() => ({ count: 0 }));

vi.mock('@heaptrail/parser', async (importOriginal) => {
  const real = await importOriginal<typeof import('@heaptrail/parser')>();
  return {
    ...real,
    readSnapshot: (...args: Parameters<typeof real.readSnapshot>) => {
      parses.count++;
      return real.readSnapshot(...args);
    },
  };
});

import { buildCli, memoryIo } from '@heaptrail/cli';
import { SAMPLES } from './helpers/cli.js';
import { damageArrays } from '../packages/graph/test/cache/cache-entries.js';

const scratch = mkdtempSync(join(tmpdir(), 'heaptrail-cache-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const series = ['s1', 's2', 's3', 's4'].map((s) => join(SAMPLES, 'listeners', `${s}.heapsnapshot.gz`));
const last = series.at(-1)!;

async function run(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string; parses: number }> {
  parses.count = 0;
  const io = memoryIo(env);
  const code = await buildCli(argv, io);
  return { code, out: io.out(), err: io.err(), parses: parses.count };
}

const COMMANDS: [string, string[]][] = [
  ['summary', ['summary', last, '--json', '--top', '0']],
  ['dominators', ['dominators', last, '--json']],
  ['paths', ['paths', last, '--class', 'RequestContext', '--json']],
  ['diff', ['diff', ...series, '--format', 'json', '--quiet']],
];

let dirs = 0;
const freshDir = () => join(scratch, `cache-${++dirs}`);

describe('--cache', () => {
  for (const [name, argv] of COMMANDS) {
    it(`${name} --json is byte-identical without the cache, writing it, and reading it back`, { timeout: 120_000 }, async () => {
      const dir = freshDir();
      const plain = await run(argv);
      const cold = await run([...argv, `--cache=${dir}`]);
      const warm = await run([...argv, `--cache=${dir}`]);
      expect([0, 1]).toContain(plain.code);
      expect(plain.out.length).toBeGreaterThan(0);
      for (const r of [cold, warm]) {
        expect(r.code).toBe(plain.code);
        expect(r.err).toBe(plain.err);
        expect(r.out).toBe(plain.out);
      }
      expect(cold.parses).toBe(plain.parses);
      expect(warm.parses).toBe(0);
    });
  }

  it('info reads the snapshot back too (everything but the timings agrees)', async () => {
    const dir = freshDir();
    const strip = (out: string) => ({ ...JSON.parse(out), parseMs: 0, megabytesPerSecond: 0, edgesBySecondThread: 0 });
    const plain = await run(['info', last, '--json']);
    const cold = await run(['info', last, '--json', '--cache', dir]);
    const warm = await run(['info', last, '--json', '--cache', dir]);
    expect(warm.parses).toBe(0);
    expect(strip(cold.out)).toEqual(strip(plain.out));
    // The one difference: the warm run says it did not parse.
    expect(JSON.parse(warm.out).fromCache).toBe(true);
    expect([JSON.parse(plain.out).fromCache, JSON.parse(cold.out).fromCache]).toEqual([false, false]);
    expect(strip(warm.out)).toEqual({ ...strip(plain.out), fromCache: true });
    const warmText = await run(['info', last, '--cache', dir]);
    expect(warmText.out).toMatch(/read from the cache in: +\d/);
    expect(warmText.out).not.toMatch(/parsed in/);
    // The snapshot info stored is enough for summary to skip the parse (it analyses, then stores that too).
    const summary = await run(['summary', last, '--json', '--cache', dir]);
    expect(summary.parses).toBe(0);
    expect(summary.out).toBe((await run(['summary', last, '--json'])).out);
  });

  it('HEAPTRAIL_CACHE turns it on, --no-cache off again', async () => {
    const dir = freshDir();
    const argv = ['summary', last, '--json'];
    await run(argv, { HEAPTRAIL_CACHE: dir });
    expect((await run(argv, { HEAPTRAIL_CACHE: dir })).parses).toBe(0);
    expect((await run([...argv, '--no-cache'], { HEAPTRAIL_CACHE: dir })).parses).toBe(1);
    expect((await run(argv, { HEAPTRAIL_CACHE: '' })).parses).toBe(1);
  });

  it('a bare --cache uses $XDG_CACHE_HOME/heaptrail', async () => {
    const home = freshDir();
    await run(['summary', last, '--json', '--cache'], { XDG_CACHE_HOME: home });
    expect(readdirSync(join(home, 'heaptrail'))).toHaveLength(1);
    expect((await run(['summary', last, '--json', '--cache'], { XDG_CACHE_HOME: home })).parses).toBe(0);
  });

  it('a damaged cache file is parsed around, with the same output, and rebuilt', async () => {
    const dir = freshDir();
    const argv = ['dominators', last, '--json', `--cache=${dir}`];
    const first = await run(argv);
    const [name] = readdirSync(dir);
    // Every column but the strings: the file opens, and the first column the command reads fails its check.
    expect(damageArrays(join(dir, name!), (p) => !p.startsWith('snapshot.strings.')).length).toBeGreaterThan(5);
    const damaged = await run(argv);
    expect(damaged.parses).toBe(1);
    expect(damaged.code).toBe(0);
    expect(damaged.err).toBe('');
    expect(damaged.out).toBe(first.out);
    const healed = await run(argv);
    expect(healed.parses).toBe(0);
    expect(healed.out).toBe(first.out);
  });

  it('a cache directory that cannot be written is one note, and the command succeeds', async () => {
    const blocker = join(scratch, 'a-file');
    writeFileSync(blocker, 'not a directory');
    const plain = await run(['diff', ...series, '--format', 'json']);
    const r = await run(['diff', ...series, '--format', 'json', '--cache', join(blocker, 'cache')]);
    expect(r.code).toBe(plain.code);
    expect(r.out).toBe(plain.out);
    const notes = r.err.split('\n').filter((l) => l.includes('cache'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^heaptrail: note: cannot write the cache in .*a-file.*; going on without it$/);
    expect((await run(['summary', last, '--json', '--quiet', '--cache', join(blocker, 'cache')])).err).toBe('');
  });
});
