import { describe, expect, it } from 'vitest';
import { hugePagesEnv, MIN_INPUT_BYTES, MIN_SERIES_INPUT_BYTES, type SystemProbe } from '../src/huge-pages.js';

const BIG = MIN_INPUT_BYTES;
const SERIES = MIN_SERIES_INPUT_BYTES;

/** A Linux machine with glibc and madvise huge pages, whose files are `sizes`. */
function probe(sizes: Record<string, number>, overrides: Partial<SystemProbe> = {}): SystemProbe & { glibcAsked: number } {
  const p = {
    platform: 'linux' as NodeJS.Platform,
    execArgv: [] as readonly string[],
    glibcAsked: 0,
    hugePageSetting: () => 'always [madvise] never\n',
    onGlibc() {
      p.glibcAsked++;
      return true;
    },
    fileBytes: (path: string) => sizes[path],
    listDirectory: (path: string) => (path === 'dumps' ? ['a.heapsnapshot', 'b.heapsnapshot.gz', '.c.heapsnapshot', 'notes.txt'] : undefined),
    ...overrides,
  };
  return p;
}

const TUNED = 'glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1';
/** Commands that read snapshots in turn also get a fixed mmap threshold. */
const SERIES_TUNED = `${TUNED}:glibc.malloc.mmap_threshold=1048576`;

describe('hugePagesEnv', () => {
  it('runs again with the tunables for a large input, keeping the rest of the environment', () => {
    const env = hugePagesEnv(['summary', 'big.heapsnapshot', '--json'], { PATH: '/bin' }, probe({ 'big.heapsnapshot': BIG }));
    expect(env).toEqual({ PATH: '/bin', GLIBC_TUNABLES: TUNED });
  });

  it('adds up the inputs of a series, from a lower size (its mmap threshold), and counts a gzipped file at four times its size', () => {
    expect(SERIES).toBeLessThan(BIG);
    const half = { 'a.heapsnapshot': SERIES / 2, 'b.heapsnapshot': SERIES / 2 };
    expect(hugePagesEnv(['diff', 'a.heapsnapshot', 'b.heapsnapshot'], {}, probe(half))).toEqual({ GLIBC_TUNABLES: SERIES_TUNED });
    expect(hugePagesEnv(['diff', 'a.heapsnapshot'], {}, probe(half))).toBeUndefined();
    // A single snapshot of that size stays in this process.
    expect(hugePagesEnv(['summary', 'a.heapsnapshot'], {}, probe({ 'a.heapsnapshot': SERIES }))).toBeUndefined();
    expect(hugePagesEnv(['summary', 's.heapsnapshot.gz'], {}, probe({ 's.heapsnapshot.gz': BIG / 4 }))).toBeDefined();
    expect(hugePagesEnv(['summary', 's.heapsnapshot'], {}, probe({ 's.heapsnapshot': BIG / 4 }))).toBeUndefined();
  });

  it("counts a directory's snapshots, as diff reads them", () => {
    const dumps = (a: number, b: number, hidden: number, other: number) =>
      probe({ 'dumps/a.heapsnapshot': a, 'dumps/b.heapsnapshot.gz': b, 'dumps/.c.heapsnapshot': hidden, 'dumps/notes.txt': other });
    expect(hugePagesEnv(['diff', 'dumps'], {}, dumps(SERIES / 2, SERIES / 8, 0, 0))).toBeDefined();
    expect(hugePagesEnv(['diff', 'dumps'], {}, dumps(SERIES / 2, SERIES / 8 - 1, BIG, BIG))).toBeUndefined();
  });

  it('stays in this process below the size, and does not ask for glibc then', () => {
    const p = probe({ 'small.heapsnapshot': BIG - 1 });
    expect(hugePagesEnv(['summary', 'small.heapsnapshot'], {}, p)).toBeUndefined();
    expect(p.glibcAsked).toBe(0);
  });

  it('never for record, and always for mcp whatever its inputs', () => {
    const sizes = { 'big.heapsnapshot': BIG };
    expect(hugePagesEnv(['record', '--', 'node', 'big.heapsnapshot'], {}, probe(sizes))).toBeUndefined();
    expect(hugePagesEnv(['mcp'], {}, probe(sizes))).toEqual({ GLIBC_TUNABLES: SERIES_TUNED });
    expect(hugePagesEnv(['--help'], {}, probe(sizes))).toBeUndefined();
  });

  it('only on Linux with glibc and madvise huge pages', () => {
    const sizes = { 'big.heapsnapshot': BIG };
    const args = ['summary', 'big.heapsnapshot'];
    expect(hugePagesEnv(args, {}, probe(sizes, { platform: 'darwin' }))).toBeUndefined();
    expect(hugePagesEnv(args, {}, probe(sizes, { onGlibc: () => false }))).toBeUndefined();
    expect(hugePagesEnv(args, {}, probe(sizes, { hugePageSetting: () => '[always] madvise never' }))).toBeUndefined();
    expect(hugePagesEnv(args, {}, probe(sizes, { hugePageSetting: () => 'always madvise [never]' }))).toBeUndefined();
    expect(hugePagesEnv(args, {}, probe(sizes, { hugePageSetting: () => undefined }))).toBeUndefined();
  });

  it('fixes the mmap threshold for commands that read snapshots in turn (diff, mcp), not for one snapshot', () => {
    const half = { 'a.heapsnapshot': BIG / 2, 'b.heapsnapshot': BIG / 2, 'big.heapsnapshot': BIG };
    expect(hugePagesEnv(['diff', 'a.heapsnapshot', 'b.heapsnapshot'], {}, probe(half))).toEqual({ GLIBC_TUNABLES: SERIES_TUNED });
    expect(hugePagesEnv(['--quiet', 'diff', 'a.heapsnapshot', 'b.heapsnapshot'], {}, probe(half))).toEqual({ GLIBC_TUNABLES: SERIES_TUNED });
    for (const command of ['summary', 'dominators', 'paths', 'info', 'redact']) {
      expect(hugePagesEnv([command, 'big.heapsnapshot'], {}, probe(half))).toEqual({ GLIBC_TUNABLES: TUNED });
    }
    // A threshold of the user's own is kept.
    expect(hugePagesEnv(['diff', 'a.heapsnapshot', 'b.heapsnapshot'], { GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=65536' }, probe(half))).toEqual({
      GLIBC_TUNABLES: `glibc.malloc.mmap_threshold=65536:${TUNED}`,
    });
  });

  it('keeps what the user set: their other tunables, their arena count, their own hugetlb choice', () => {
    const sizes = { 'big.heapsnapshot': BIG };
    const args = ['summary', 'big.heapsnapshot'];
    expect(hugePagesEnv(args, { GLIBC_TUNABLES: 'glibc.malloc.tcache_count=0' }, probe(sizes))).toEqual({
      GLIBC_TUNABLES: `glibc.malloc.tcache_count=0:${TUNED}`,
    });
    expect(hugePagesEnv(args, { GLIBC_TUNABLES: 'glibc.malloc.arena_max=4' }, probe(sizes))).toEqual({
      GLIBC_TUNABLES: 'glibc.malloc.arena_max=4:glibc.malloc.hugetlb=1',
    });
    // Also what keeps the second process from starting a third.
    expect(hugePagesEnv(args, { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }, probe(sizes))).toBeUndefined();
    expect(hugePagesEnv(args, { GLIBC_TUNABLES: TUNED }, probe(sizes))).toBeUndefined();
  });

  it('never under a debugger: node --inspect, or NODE_OPTIONS that asks for one, even with =always', () => {
    const sizes = { 'big.heapsnapshot': BIG };
    const args = ['summary', 'big.heapsnapshot'];
    for (const flag of ['--inspect', '--inspect-brk=9230', '--inspect-port=0', '--debug-port=9229']) {
      expect(hugePagesEnv(args, {}, probe(sizes, { execArgv: ['--max-old-space-size=8000', flag] }))).toBeUndefined();
      expect(hugePagesEnv(args, { NODE_OPTIONS: `--max-old-space-size=8000 ${flag}`, HEAPTRAIL_HUGE_PAGES: 'always' }, probe(sizes))).toBeUndefined();
    }
    // Other flags are passed on to the second process and do not stop it.
    expect(hugePagesEnv(args, {}, probe(sizes, { execArgv: ['--max-old-space-size=8000', '--no-inspect-promises'] }))).toBeDefined();
    expect(hugePagesEnv(args, { NODE_OPTIONS: '--max-old-space-size=8000' }, probe(sizes))).toBeDefined();
  });

  it('HEAPTRAIL_HUGE_PAGES=0 turns it off; =always runs again whatever the input and the system', () => {
    const sizes = { 'big.heapsnapshot': BIG };
    expect(hugePagesEnv(['summary', 'big.heapsnapshot'], { HEAPTRAIL_HUGE_PAGES: '0' }, probe(sizes))).toBeUndefined();
    expect(hugePagesEnv(['summary', 'big.heapsnapshot'], { HEAPTRAIL_HUGE_PAGES: 'off' }, probe(sizes))).toBeUndefined();
    const always = { HEAPTRAIL_HUGE_PAGES: 'always' };
    expect(hugePagesEnv(['summary', 'x'], always, probe({}, { platform: 'win32', onGlibc: () => false }))).toEqual({ ...always, GLIBC_TUNABLES: TUNED });
    expect(hugePagesEnv(['summary', 'x'], { ...always, GLIBC_TUNABLES: TUNED }, probe({}))).toBeUndefined();
  });
});
