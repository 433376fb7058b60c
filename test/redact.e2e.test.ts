// End-to-end: every sample series redacted with one salt must give the same
// `heaptrail diff --format json` as the original, apart from string contents (the
// names of string objects in the dominator trees); and no string value of an
// original that is longer than 3 characters and not also a name may be left in
// the redacted strings section. Redaction runs in-process (the library), the diffs
// through the built CLI, two at a time.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { redactSnapshot } from '@heaptrail/parser/redact';
import { BIN, readExpected, runCli, SAMPLES, type Expected, type Run } from './helpers/cli.js';

const SALT = 'one salt for the whole series';
const dir = mkdtempSync(join(tmpdir(), 'heaptrail-redact-e2e-'));

const scenarios: Expected[] = existsSync(SAMPLES)
  ? readdirSync(SAMPLES)
      .filter((d) => existsSync(join(SAMPLES, d, 'expected.json')))
      .sort()
      .map(readExpected)
  : [];

const diffs = new Map<string, { original: Run; redacted: Run }>();

/** The diff JSON without what redaction may change: file paths and the text of string objects. */
function comparable(json: string): unknown {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) {
      // Path texts, Map keys, string values and the accumulation point's path quote string contents.
      if (k === 'file' || k === 'text' || k === 'key' || k === 'value' || k === 'path' || (k === 'name' && o['className'] === '(string)')) continue;
      out[k] = strip(x);
    }
    return out;
  };
  return strip(JSON.parse(json));
}

interface RawSnapshot {
  snapshot: { meta: Record<string, unknown> & { node_fields: string[]; node_types: [string[]]; edge_types: [string[]]; trace_function_info_fields: string[] } };
  nodes: number[];
  edges: number[];
  trace_function_infos: number[];
  scope_context_vars?: number[];
  strings: string[];
}

/**
 * Strings of a snapshot used as values only, read naively: the names of string objects that
 * nothing uses as a name. V8 names concatenated and sliced strings by a fixed label, not by
 * their contents; those labels are not values.
 */
function valuesOnly(s: RawSnapshot): string[] {
  const meta = s.snapshot.meta;
  const F = meta.node_fields.length;
  const [typeAt, nameAt] = [meta.node_fields.indexOf('type'), meta.node_fields.indexOf('name')];
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const names = new Set<number>();
  const values = new Set<number>();
  for (let k = 0; k < s.nodes.length; k += F) {
    const type = nodeTypes[s.nodes[k + typeAt]!]!;
    (type === 'string' || type === 'concatenated string' || type === 'sliced string' ? values : names).add(s.nodes[k + nameAt]!);
  }
  for (let k = 0; k < s.edges.length; k += 3) {
    const type = edgeTypes[s.edges[k]!]!;
    if (type !== 'element' && type !== 'hidden') names.add(s.edges[k + 1]!);
  }
  const tf = meta.trace_function_info_fields;
  for (let k = 0; k < s.trace_function_infos.length; k += tf.length) {
    names.add(s.trace_function_infos[k + tf.indexOf('name')]!);
    names.add(s.trace_function_infos[k + tf.indexOf('script_name')]!);
  }
  for (const v of s.scope_context_vars ?? []) names.add(v);
  const nameTexts = new Set([...names].map((i) => s.strings[i]!));
  const labels = new Set(['(concatenated string)', '(sliced string)']);
  return [...values].map((i) => s.strings[i]!).filter((v) => v.length > 3 && !nameTexts.has(v) && !labels.has(v));
}

describe('heaptrail diff on redacted sample series', () => {
  beforeAll(async () => {
    expect(existsSync(BIN), `${BIN} missing: run npx tsc -b packages/cli`).toBe(true);
    for (const e of scenarios) {
      mkdirSync(join(dir, e.scenario));
      for (const f of e.files) await redactSnapshot(join(SAMPLES, e.scenario, f), join(dir, e.scenario, f), { salt: SALT });
    }
    const queue = scenarios.flatMap((e) => [
      { e, which: 'original' as const, files: e.files.map((f) => join(SAMPLES, e.scenario, f)) },
      { e, which: 'redacted' as const, files: e.files.map((f) => join(dir, e.scenario, f)) },
    ]);
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const run = await runCli(['diff', ...job.files, '--format', 'json', '--quiet']);
        const entry = diffs.get(job.e.scenario) ?? ({} as { original: Run; redacted: Run });
        entry[job.which] = run;
        diffs.set(job.e.scenario, entry);
      }
    };
    await Promise.all([worker(), worker()]);
  }, 600_000);

  it('has sample series to redact', () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });

  for (const e of scenarios) {
    describe(e.scenario, () => {
      // A post-mortem is one snapshot, which a diff refuses; its strings are still checked below.
      it.runIf(e.files.length > 1)('gives the same diff JSON as the original, apart from string contents', () => {
        const { original, redacted } = diffs.get(e.scenario)!;
        expect(original.code).toBe(redacted.code);
        expect(redacted.stderr).toBe(original.stderr);
        expect(comparable(redacted.stdout)).toEqual(comparable(original.stdout));
      });

      it('leaves no string value longer than 3 characters that is not also a name', () => {
        for (const f of e.files) {
          const original = JSON.parse(gunzipSync(readFileSync(join(SAMPLES, e.scenario, f))).toString('latin1')) as RawSnapshot;
          const redacted = JSON.parse(gunzipSync(readFileSync(join(dir, e.scenario, f))).toString('latin1')) as RawSnapshot;
          const kept = new Set(redacted.strings);
          const values = valuesOnly(original);
          expect(values.length).toBeGreaterThan(100);
          const left = values.filter((v) => kept.has(v));
          expect(left, f).toEqual([]);
        }
      });
    });
  }
});

describe('heaptrail redact', () => {
  const input = join(SAMPLES, 'listeners', 's1.heapsnapshot.gz');

  it('writes the redacted file and says what it kept and what it replaced', async () => {
    const out = join(dir, 'cli.heapsnapshot.gz');
    const r = await runCli(['redact', input, '-o', out, '--salt', SALT, '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kept as they were/);
    expect(r.stdout).toMatch(/the graph: [\d,]+ nodes and [\d,]+ edges/);
    expect(r.stdout).toMatch(/[\d,]+ names: classes, functions, properties/);
    expect(r.stdout).toMatch(/[\d,]+ source locations/);
    expect(r.stdout).toMatch(/script names .* --redact-scripts replaces them/);
    expect(r.stdout).toMatch(/replaced by salted stand-ins of the same length:\n  [\d,]+ of [\d,]+ strings/);
    // The same bytes as the library writes with the same salt.
    const lib = join(dir, 'lib.heapsnapshot');
    await redactSnapshot(input, lib, { salt: SALT });
    expect(gunzipSync(readFileSync(out)).equals(readFileSync(lib))).toBe(true);
  });

  it('takes the salt from a file (without its newline) and the snapshot from stdin', async () => {
    const key = join(dir, 'key');
    writeFileSync(key, SALT + '\n');
    const out = join(dir, 'stdin.heapsnapshot');
    const r = await runCli(['redact', '-', '-o', out, '--salt-file', key, '--json'], { stdin: readFileSync(input) });
    expect(r.code).toBe(0);
    expect(readFileSync(out).equals(readFileSync(join(dir, 'lib.heapsnapshot')))).toBe(true);
    const json = JSON.parse(r.stdout) as { schema: string; input: string; kept: { scriptNames: boolean }; redacted: { strings: number }; source: { gzip: boolean } };
    expect(json).toMatchObject({ schema: 'heaptrail.redact/1', input: '-', kept: { scriptNames: true }, source: { gzip: true } });
    expect(json.redacted.strings).toBeGreaterThan(1000);
  });

  it('with --redact-scripts also replaces script names and says how many', async () => {
    const out = join(dir, 'scripts.heapsnapshot');
    const r = await runCli(['redact', input, '-o', out, '--salt', SALT, '--redact-scripts']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/of which [\d,]+ script names that were also names \([\d,]+ scripts found\)/);
    const names = (JSON.parse(readFileSync(out, 'latin1')) as RawSnapshot).strings;
    expect(names.filter((n) => n.startsWith('node:internal/'))).toEqual([]);
  });

  it('exits 2 with one line and writes nothing for bad input or a missing salt', async () => {
    const cut = join(dir, 'cut.heapsnapshot');
    const text = gunzipSync(readFileSync(input));
    writeFileSync(cut, text.subarray(0, text.length - 5000));
    const out = join(dir, 'never.heapsnapshot');
    const bad = await runCli(['redact', cut, '-o', out, '--salt', SALT]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^heaptrail: .*cut\.heapsnapshot: unexpected end of input in strings at byte \d+\n$/);
    const noSalt = await runCli(['redact', input, '-o', out]);
    expect(noSalt.code).toBe(2);
    expect(noSalt.stderr).toMatch(/^heaptrail: give --salt or --salt-file/);
    expect(readdirSync(dir).filter((f) => f.includes('never'))).toEqual([]);
  });
});
