// End-to-end: spawns the built CLI (`npx tsc -b packages/cli` first) and checks
// `heaptrail diff` on the committed sample series against samples/*/expected.json,
// then its formats, budgets, directory input and bad input.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_AHEAD_MIN_BYTES, type DiffResult } from '@heaptrail/diff';
import { BIN, ROOT, readExpected, runCli, SAMPLES, type Expected, type Run } from './helpers/cli.js';

const run = (args: readonly string[], cwd = ROOT) => runCli(args, { cwd });

const scenarios: Expected[] = existsSync(SAMPLES)
  ? readdirSync(SAMPLES)
      .filter((d) => existsSync(join(SAMPLES, d, 'expected.json')))
      .sort()
      .map(readExpected)
      // A post-mortem is one snapshot: the single-snapshot commands read it, a diff cannot.
      .filter((e) => e.files.length > 1)
  : [];
const files = (e: Expected) => e.files.map((f) => join('samples', e.scenario, f));
const byName = (name: string) => scenarios.find((e) => e.scenario === name)!;

// One JSON diff per series, run up front two at a time (the machine has 2 cores).
const results = new Map<string, Run>();
beforeAll(async () => {
  expect(existsSync(BIN), `${BIN} missing: run npx tsc -b packages/cli`).toBe(true);
  const queue = [...scenarios];
  const worker = async () => {
    for (let e = queue.shift(); e; e = queue.shift()) results.set(e.scenario, await run(['diff', ...files(e), '--format', 'json']));
  };
  await Promise.all([worker(), worker()]);
}, 600_000);

describe('heaptrail diff on the sample series', () => {
  it('has samples to run on, with at least one leak and one control series', () => {
    expect(scenarios.some((e) => e.grows.length > 0)).toBe(true);
    expect(scenarios.some((e) => e.grows.length === 0)).toBe(true);
  });

  for (const e of scenarios) {
    describe(e.scenario, () => {
      const result = () => {
        const r = results.get(e.scenario)!;
        expect(r.stderr.split('\n').filter((l) => !l.startsWith('heaptrail: note:')).join('')).toBe('');
        expect(r.code).toBe(0);
        return JSON.parse(r.stdout) as DiffResult;
      };

      it(`says whether the snapshots share a process (${e.sameProcess})`, () => {
        expect(result().sameProcess).toBe(e.sameProcess);
      });

      if (e.grows.length > 0) {
        const first = e.grows[0]!;
        it(`reports ${first.className} as the first user class, with its counts and a path through "${first.pathContains}"`, () => {
          const r = result();
          const top = r.growing.find((g) => g.category === 'user')!;
          expect(top.className).toBe(first.className);
          expect(top.counts).toEqual(first.counts);
          expect(top.paths[0]!.text).toContain(first.pathContains);
        });

        it('reports every expected growing class with its counts', () => {
          const r = result();
          for (const g of e.grows) {
            const found = r.growing.find((c) => c.className === g.className);
            expect(found, g.className).toBeDefined();
            expect(found!.counts).toEqual(g.counts);
            expect(found!.paths.some((p) => p.text.includes(g.pathContains))).toBe(true);
          }
        });

        if (e.sameProcess) {
          it('counts the new survivors of each interval by object id', () => {
            const r = result();
            const top = r.growing.find((c) => c.className === first.className)!;
            const steps = first.counts.slice(1).map((c, i) => c - first.counts[i]!);
            expect(top.newSurvivorsPerInterval).toEqual(steps);
            expect(top.paths[0]!.count).toBeLessThanOrEqual(top.newSurvivors!);
          });
        } else {
          it('falls back to class counts without object identity', () => {
            const r = result();
            const top = r.growing.find((c) => c.className === first.className)!;
            expect(top.newSurvivors).toBeNull();
            expect(top.newSurvivorsPerInterval).toBeNull();
          });
        }
      } else {
        it('reports no user class', () => {
          const r = result();
          expect(r.growing.filter((g) => g.category === 'user').map((g) => g.className)).toEqual([]);
          expect(r.verdict.growingUserClasses).toBe(0);
        });
      }

      it(`does not report ${e.mustNotReport.join(', ')}`, () => {
        const reported = result().growing.map((g) => g.className);
        for (const name of e.mustNotReport) expect(reported).not.toContain(name);
      });
    });
  }
});

describe('heaptrail diff output', () => {
  const leak = () => files(byName('agent-history'));

  it('writes heaptrail.diff/2 JSON with every documented top-level field, the same on every run', async () => {
    const a = results.get('agent-history')!;
    const r = JSON.parse(a.stdout) as DiffResult;
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining(['schema', 'snapshots', 'sameProcess', 'idChecks', 'rule', 'growing', 'hiddenInternalClasses', 'verdict', 'last']),
    );
    expect(r.schema).toBe('heaptrail.diff/2');
    expect(r.snapshots.map((s) => s.file)).toEqual(leak());
    expect(r.last.classes.length).toBeGreaterThan(0);
    expect(r.last.dominatorTree.retainedSize).toBeGreaterThan(0);
    const again = await run(['diff', ...leak(), '--format', 'json']);
    expect(again.stdout).toBe(a.stdout);
  });

  it('prints a text report by default, leading with the leaking class', async () => {
    const r = await run(['diff', ...leak()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ChatMessage/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('prints Markdown with --format markdown', async () => {
    const r = await run(['diff', ...leak(), '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^### /);
    expect(r.stdout).toContain('`ChatMessage`');
  });

  it('writes to -o FILE and nothing to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heaptrail-diff-'));
    try {
      const out = join(dir, 'report.json');
      const r = await run(['diff', ...leak(), '--format', 'json', '-o', out]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect((JSON.parse(readFileSync(out, 'utf8')) as DiffResult).schema).toBe('heaptrail.diff/2');
      expect(readdirSync(dir)).toEqual(['report.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('heaptrail diff --html', () => {
  it('also writes a self-contained HTML report naming the leaking class, next to the normal output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heaptrail-diff-html-'));
    try {
      const html = join(dir, 'report.html');
      const r = await run(['diff', ...files(byName('listeners')), '--html', html, '--format', 'json']);
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as DiffResult).growing[0]!.className).toBe('onRequestData()');
      const text = readFileSync(html, 'utf8');
      expect(text).toMatch(/^<!DOCTYPE html>/i);
      expect(text).toContain('onRequestData()');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('heaptrail diff budgets', () => {
  const leak = () => files(byName('agent-history'));

  it('exits 1 with --fail-on-growth on a leak, naming the budget in one stderr line', async () => {
    const r = await run(['diff', ...leak(), '--fail-on-growth', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^heaptrail: budget exceeded: --fail-on-growth: \d+ growing class/)]);
    expect((JSON.parse(r.stdout) as DiffResult).verdict.failedBudgets).toHaveLength(1);
  });

  it('exits 0 with --fail-on-growth on the control series', async () => {
    const r = await run(['diff', ...files(byName('control')), '--fail-on-growth', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('exits 1 when retained growth exceeds --max-growth-bytes and 0 when it does not', async () => {
    const over = await run(['diff', ...leak(), '--max-growth-bytes', '1000']);
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/^heaptrail: budget exceeded: --max-growth-bytes 1000: /);
    const under = await run(['diff', ...leak(), '--max-growth-bytes', '100000000']);
    expect(under.code).toBe(0);
  });

  it('exits 1 when more classes grow than --max-growing-classes allows', async () => {
    const r = await run(['diff', ...leak(), '--max-growing-classes', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--max-growing-classes 0: \d+ classes grew/);
  });
});

describe('heaptrail diff input', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'heaptrail-diff-in-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes a directory and orders its snapshots s1 … s4 as the same files given one by one', async () => {
    const r = await run(['diff', 'samples/listeners', '--format', 'json']);
    expect(r.code).toBe(0);
    const viaDir = JSON.parse(r.stdout) as DiffResult;
    const viaFiles = JSON.parse(results.get('listeners')!.stdout) as DiffResult;
    expect(viaDir.snapshots.map((s) => s.file)).toEqual(files(byName('listeners')));
    expect(viaDir.growing).toEqual(viaFiles.growing);
  });

  it('reads plain .heapsnapshot files as well as .gz, by Node names in time order', async () => {
    const e = byName('closure-context');
    // Node's own names: the date/time order differs from alphabetical order of the pids.
    const names = [
      'Heap.20260101.100000.900.0.001.heapsnapshot',
      'Heap.20260101.100500.100.0.002.heapsnapshot.gz',
      'Heap.20260101.101000.500.0.003.heapsnapshot',
      'Heap.20260101.101500.200.0.004.heapsnapshot.gz',
    ];
    e.files.forEach((f, i) => {
      const src = join(SAMPLES, e.scenario, f);
      if (names[i]!.endsWith('.gz')) copyFileSync(src, join(dir, names[i]!));
      else writeFileSync(join(dir, names[i]!), gunzipSync(readFileSync(src)));
    });
    const r = await run(['diff', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as DiffResult;
    expect(result.snapshots.map((s) => s.file)).toEqual(names.map((n) => join(dir, n)));
    expect(result.growing[0]!.className).toBe(e.grows[0]!.className);
    expect(result.growing[0]!.counts).toEqual(e.grows[0]!.counts);
  });

  it('exits 2 on a truncated snapshot with one line naming the file and byte offset, no stack trace', async () => {
    const e = byName('agent-history');
    const text = gunzipSync(readFileSync(join(SAMPLES, e.scenario, e.files[1]!)));
    const broken = join(dir, 'broken.heapsnapshot');
    writeFileSync(broken, text.subarray(0, Math.floor(text.length / 2)));
    const r = await run(['diff', join('samples', e.scenario, e.files[0]!), broken]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('broken.heapsnapshot');
    expect(lines[0]).toMatch(/byte \d+/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 when given fewer than two snapshots, with one line', async () => {
    const nothing = await run(['diff']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr.trim().split('\n')).toEqual([expect.stringMatching(/at least 2 snapshots/)]);
    const one = await run(['diff', join('samples', 'listeners', 's1.heapsnapshot.gz')]);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/at least 2 snapshots/);
    const empty = mkdtempSync(join(dir, 'empty-'));
    const none = await run(['diff', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/at least 2 snapshots .*found 0/);
  });

  it('exits 2 on a missing file, naming it', async () => {
    const r = await run(['diff', 'samples/listeners/s1.heapsnapshot.gz', 'no-such.heapsnapshot']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('heaptrail: no-such.heapsnapshot: no such file or directory');
  });

  /** A sample snapshot, unzipped and padded with whitespace after the document: large enough to be read ahead. */
  const readAheadCopy = (sample: string, name: string): string => {
    const text = gunzipSync(readFileSync(join(ROOT, sample)));
    const copy = join(dir, name);
    writeFileSync(copy, Buffer.concat([text, Buffer.alloc(Math.max(0, READ_AHEAD_MIN_BYTES - text.length), ' ')]));
    return copy;
  };

  it('gives the same JSON with the read-ahead worker (default), --threads 1 and HEAPTRAIL_THREADS=1', async () => {
    const [first, second, ...rest] = files(byName('agent-history'));
    const series = [first!, readAheadCopy(second!, 'read-ahead.heapsnapshot'), ...rest];
    const worker = await run(['diff', ...series, '--format', 'json']);
    const flag = await run(['diff', ...series, '--format', 'json', '--threads', '1']);
    const env = await runCli(['diff', ...series, '--format', 'json'], { env: { HEAPTRAIL_THREADS: '1' } });
    expect(worker.code).toBe(0);
    expect(flag.stdout).toBe(worker.stdout);
    expect(env.stdout).toBe(worker.stdout);
    const zero = await run(['diff', ...series, '--threads', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--threads must be a whole number/);
  });

  it('exits 2 with one line on a bad first snapshot while the next one is being read ahead', async () => {
    const broken = join(dir, 'first-broken.heapsnapshot');
    writeFileSync(broken, '{"snapshot":{"meta":');
    const [first, ...rest] = files(byName('agent-history'));
    const r = await run(['diff', broken, readAheadCopy(first!, 'read-ahead-after-broken.heapsnapshot'), ...rest]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^heaptrail: .*first-broken\.heapsnapshot: .* at byte \d+$/)]);
  });

  it('reads one snapshot of the series from stdin when it is given as -', async () => {
    const e = byName('agent-history');
    const [first, ...rest] = files(e);
    const r = await runCli(['diff', '-', ...rest, '--format', 'json'], { stdin: gunzipSync(readFileSync(join(ROOT, first!))) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as DiffResult;
    expect(result.snapshots[0]!.file).toBe('-');
    expect(result.growing[0]!.className).toBe(e.grows[0]!.className);
    expect(result.growing[0]!.counts).toEqual(e.grows[0]!.counts);
    const twice = await run(['diff', '-', '-']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/stdin \(-\) can be only one/);
  });

  it('exits 2 on an out-of-range option', async () => {
    const r = await run(['diff', ...files(byName('listeners')), '--min-growing-intervals', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--min-growing-intervals is a share/);
  });
});

// Real programs, generated on the spot (slow: HEAPTRAIL_SLOW=1). A healthy HTTP service with a bounded
// LRU cache must report nothing; the same service with one unbounded list must report that class first.
const SERVICE = String.raw`
import v8 from 'node:v8';
import http from 'node:http';
const [out, leaky] = [process.argv[2], process.argv[3] === 'leak'];
class LruCache { constructor(max) { this.max = max; this.map = new Map(); }
  get(k) { const v = this.map.get(k); if (v !== undefined) { this.map.delete(k); this.map.set(k, v); } return v; }
  set(k, v) { this.map.set(k, v); if (this.map.size > this.max) this.map.delete(this.map.keys().next().value); } }
class Item { constructor(k) { this.key = k; this.body = JSON.stringify({ k, data: 'x'.repeat(50 + (k.length % 20)) }); } }
class AuditRecord { constructor(path, i) { this.path = path; this.at = i; } }
const cache = new LruCache(2000);
const audit = [];
let served = 0;
let seed = 7;
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
const server = http.createServer((req, res) => {
  let item = cache.get(req.url); if (!item) { item = new Item(req.url); cache.set(req.url, item); }
  if (leaky && served++ % 10 === 0) audit.push(new AuditRecord(req.url, served));
  setTimeout(() => res.end(item.body), 1);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const get = (path) => new Promise((ok, fail) => http.get({ host: '127.0.0.1', port: server.address().port, path, agent }, (res) => { res.resume(); res.on('end', ok); }).on('error', fail));
async function load(n) { const ps = []; for (let i = 0; i < n; i++) ps.push(get('/item/' + Math.floor(random() * 20000))); await Promise.all(ps); }
await load(3000);
for (let s = 1; s <= 4; s++) {
  for (let k = 0; k < 5; k++) await load(1000);
  gc(); gc();
  v8.writeHeapSnapshot(out + '/s' + s + '.heapsnapshot');
}
server.close(); agent.destroy();
`;

describe.runIf(process.env.HEAPTRAIL_SLOW)('heaptrail diff on live Node programs (slow)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'heaptrail-diff-live-'));
    writeFileSync(join(dir, 'service.mjs'), SERVICE);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function series(mode: 'healthy' | 'leak'): Promise<DiffResult> {
    const out = mkdtempSync(join(dir, `${mode}-`));
    const gen = await new Promise<number | null>((resolve) =>
      spawn(process.execPath, ['--expose-gc', join(dir, 'service.mjs'), out, mode], { stdio: 'ignore' }).on('close', resolve),
    );
    expect(gen).toBe(0);
    const r = await run(['diff', out, '--format', 'json', '--include-internals']);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as DiffResult;
  }

  it('reports nothing, not even V8 internals, for a healthy service under load', async () => {
    const r = await series('healthy');
    expect(r.sameProcess).toBe(true);
    expect(r.growing.map((g) => g.className)).toEqual([]);
  }, 300_000);

  it('reports the one unbounded list of a leaking service first, with 500 new records per interval', async () => {
    const r = await series('leak');
    const top = r.growing[0]!;
    expect(top.className).toBe('AuditRecord');
    expect(top.newSurvivorsPerInterval).toEqual([500, 500, 500]);
    expect(top.paths[0]!.text).toContain('audit');
  }, 300_000);
});
