// End-to-end: the command line as a new user meets it (spawns the built CLI).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';

const SERIES = 'samples/listeners';
const SNAPSHOT = 'samples/agent-history/s4.heapsnapshot.gz';
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;

describe('heaptrail --help', () => {
  it.each(['diff', 'summary', 'dominators', 'paths', 'info'])('%s --help shows every example command whole, on a line of its own', async (command) => {
    const r = await runCli([command, '--help']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const examples = lines.slice(lines.indexOf('Examples:') + 1).filter((l) => /^ {2}\S/.test(l));
    expect(examples.length).toBeGreaterThan(1);
    for (const line of examples) expect(line).toMatch(/^ {2}(heaptrail |gzip )\S.*\S$/);
    // No word is cut at the end of a line: every wrapped line ends at a word's end.
    expect(r.stdout).not.toMatch(/heap\.htm\n|ChatMessa\n/);
  });

  it('summary --help keeps "--html heap.html" together', async () => {
    const r = await runCli(['summary', '--help']);
    expect(r.stdout).toContain('heaptrail summary app.heapsnapshot --html heap.html\n');
  });

  it('diff --help gives the default of --min-growing-intervals as 2/3, and 2/3 is accepted', async () => {
    const help = await runCli(['diff', '--help']);
    expect(help.stdout).toMatch(/--min-growing-intervals[^\n]*\n?[^\n]*\[default: 2\/3\]/);
    const asFraction = await runCli(['diff', SERIES, '--min-growing-intervals', '2/3', '--format', 'json', '-q']);
    const asDefault = await runCli(['diff', SERIES, '--format', 'json', '-q']);
    expect(asFraction.code).toBe(0);
    expect(asFraction.stdout).toBe(asDefault.stdout);
    const half = await runCli(['diff', SERIES, '--min-growing-intervals', '0.5', '--format', 'json', '-q']);
    expect((JSON.parse(half.stdout) as { rule: { minGrowingIntervals: number } }).rule.minGrowingIntervals).toBe(0.5);
  });

  it('refuses a share above 1 with one line naming the option', async () => {
    const r = await runCli(['diff', SERIES, '--min-growing-intervals', '3/2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^heaptrail: --min-growing-intervals is a share of the intervals, between 0 and 1/);
  });
});

describe('heaptrail --version', () => {
  it.each([['--version'], ['-V']])('%s prints the version and exits 0', async (flag) => {
    const r = await runCli([flag]);
    expect(r).toMatchObject({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});

describe('a mistyped option', () => {
  it.each([
    [['diff', SERIES, '--formt', 'json'], '--format'],
    [['summary', SNAPSHOT, '--fliter', 'Chat'], '--filter'],
    [['paths', SNAPSHOT, '--clas', 'ChatMessage'], '--class'],
  ])('%j gets "did you mean %s?"', async (args, suggestion) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`heaptrail: Unknown argument: ${args[2]!.slice(2)}; did you mean ${suggestion}?`);
  });
});

describe('--json and --format everywhere', () => {
  it('diff takes --json as --format json', async () => {
    const a = await runCli(['diff', SERIES, '--json', '-q']);
    const b = await runCli(['diff', SERIES, '--format', 'json', '-q']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout)).toMatchObject({ schema: 'heaptrail.diff/2' });
  });

  it.each(['summary', 'dominators', 'info'])('%s takes --format json as --json', async (command) => {
    const a = await runCli([command, SNAPSHOT, '--format', 'json', '-q']);
    const b = await runCli([command, SNAPSHOT, '--json', '-q']);
    expect(a.code).toBe(0);
    const strip = (s: string) => s.replace(/"(parseMs|megabytesPerSecond)": [\d.]+/g, '');
    expect(strip(a.stdout)).toBe(strip(b.stdout));
    expect(JSON.parse(a.stdout)).toMatchObject({ schema: `heaptrail.${command}/1` });
  });

  it('refuses --json with another --format', async () => {
    const r = await runCli(['diff', SERIES, '--json', '--format', 'markdown']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^heaptrail: --json and --format markdown contradict each other/);
  });
});

describe('--cache before the snapshots', () => {
  it('takes the files after a bare --cache as the series, not the first as the cache directory', async () => {
    const home = mkdtempSync(join(tmpdir(), 'heaptrail-cache-home-'));
    try {
      const env = { HOME: home, XDG_CACHE_HOME: '' };
      const files = ['s1', 's2', 's3'].map((s) => `samples/agent-history/${s}.heapsnapshot.gz`);
      const cached = await runCli(['diff', '--cache', ...files, '--json', '-q'], { env });
      const plain = await runCli(['diff', ...files, '--json', '-q']);
      expect(cached.code).toBe(0);
      expect(cached.stdout).toBe(plain.stdout);
      expect((JSON.parse(cached.stdout) as { snapshots: unknown[] }).snapshots).toHaveLength(3);
      // The default cache got one file per snapshot; a directory named like the first file did not appear.
      expect(readdirSync(join(home, '.cache', 'heaptrail'))).toHaveLength(3);
      const one = await runCli(['summary', '--cache', SNAPSHOT, '-q'], { env });
      expect(one.code).toBe(0);
      expect(one.stdout).toMatch(/^samples\/agent-history\/s4\.heapsnapshot\.gz: 46,894 nodes/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('HEAPTRAIL_CACHE_MAX', () => {
  it('bounds the cache directory: a store drops the least recently used file past the limit', async () => {
    const home = mkdtempSync(join(tmpdir(), 'heaptrail-cache-max-'));
    try {
      const dir = join(home, 'cache');
      const one = await runCli(['summary', 'samples/agent-history/s1.heapsnapshot.gz', '--cache', dir, '-q']);
      expect(one.code).toBe(0);
      const [first] = readdirSync(dir);
      const size = statSync(join(dir, first!)).size;
      // Room for one file and a half: the second store keeps itself and drops the first.
      const two = await runCli(['summary', 'samples/agent-history/s2.heapsnapshot.gz', '--cache', dir, '-q'], { env: { HEAPTRAIL_CACHE_MAX: String(Math.floor(size * 1.5)) } });
      expect(two.code).toBe(0);
      expect(readdirSync(dir)).toHaveLength(1);
      expect(readdirSync(dir)[0]).not.toBe(first);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('refuses a size it cannot read with one line, before reading anything', async () => {
    const r = await runCli(['summary', SNAPSHOT, '--cache', '-q'], { env: { HEAPTRAIL_CACHE_MAX: 'lots', HOME: tmpdir() } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('heaptrail: HEAPTRAIL_CACHE_MAX must be a size like 8G, 512M or 100k, got lots\n');
  });
});

describe('--html -', () => {
  it('gives stdout to the HTML alone; the report goes to -o when one is given', async () => {
    const r = await runCli(['diff', SERIES, '--html', '-', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(r.stdout).not.toContain('heaptrail: ');
    const dir = mkdtempSync(join(tmpdir(), 'heaptrail-html-'));
    try {
      const both = await runCli(['diff', SERIES, '--html', '-', '-o', join(dir, 'report.txt'), '-q']);
      expect(both.stdout.startsWith('<!doctype html>')).toBe(true);
      expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toMatch(/^heaptrail: \d+ class/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('summary --html - prints only the page too', async () => {
    const r = await runCli(['summary', SNAPSHOT, '--html', '-', '-q']);
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(r.stdout).not.toMatch(/^Class\s+Count/m);
  });
});

describe('--quiet', () => {
  it('drops the hint about hidden internal classes, and keeps the report', async () => {
    const loud = await runCli(['diff', SERIES]);
    const quiet = await runCli(['diff', SERIES, '-q']);
    expect(loud.stdout).toMatch(/growing internal class(es)? hidden \(--include-internals shows them\)/);
    expect(quiet.stdout).not.toMatch(/hidden/);
    expect(quiet.stdout).toContain('onRequestData()');
  });
});

describe('one wording per mistake', () => {
  it.each([
    [['info', 'nope.heapsnapshot']],
    [['summary', 'nope.heapsnapshot']],
    [['paths', 'nope.heapsnapshot', '--class', 'X']],
    [['diff', 'nope.heapsnapshot', SNAPSHOT]],
  ])('a missing file is "no such file or directory" for %j', async (args) => {
    const r = await runCli(args);
    expect(r).toMatchObject({ code: 2, stderr: 'heaptrail: nope.heapsnapshot: no such file or directory\n' });
  });

  it.each([['info'], ['summary'], ['diff']])('HEAPTRAIL_THREADS=abc is refused by %s alike', async (command) => {
    const args = command === 'diff' ? ['diff', SERIES] : [command, SNAPSHOT];
    const r = await runCli(args, { env: { HEAPTRAIL_THREADS: 'abc' } });
    expect(r).toMatchObject({ code: 2, stderr: 'heaptrail: HEAPTRAIL_THREADS must be a whole number ≥ 1, got "abc"\n' });
  });

  it('--threads 0 is refused by a single-snapshot command too', async () => {
    const r = await runCli(['summary', SNAPSHOT, '--threads', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^heaptrail: --threads must be a whole number ≥ 1, got 0/);
  });
});
