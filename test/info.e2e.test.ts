// End-to-end: spawns the built CLI (`npx tsc -b packages/cli` first) and checks
// `heaptrail info` on a real snapshot: text, --json, stdin, and bad input.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InfoJson } from '../packages/report/src/info.js';
import { runCli, SAMPLES } from './helpers/cli.js';

const run = (args: readonly string[], stdin?: Buffer) => runCli(args, stdin ? { stdin } : {});

const dir = mkdtempSync(join(tmpdir(), 'heaptrail-info-'));
/** A committed gzip sample, or one written here when samples/ is empty. */
let sample = '';
let text = Buffer.alloc(0);

beforeAll(() => {
  const found = existsSync(SAMPLES)
    ? readdirSync(SAMPLES, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.heapsnapshot.gz')).sort()
    : [];
  if (found.length > 0) {
    sample = join(SAMPLES, found[0]!);
    text = gunzipSync(readFileSync(sample));
  } else {
    sample = join(dir, 'fresh.heapsnapshot');
    execFileSync(process.execPath, ['-e', `require('v8').writeHeapSnapshot(${JSON.stringify(sample)})`]);
    text = readFileSync(sample);
  }
  writeFileSync(join(dir, 'plain.heapsnapshot'), text);
});

const header = () => JSON.parse(text.subarray(0, text.indexOf('\n"nodes"') - 1).toString() + '}').snapshot;

describe('heaptrail info', () => {
  it('prints counts, layout, node types and parse speed for a gzip sample', async () => {
    const r = await run(['info', sample]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const h = header();
    expect(r.stdout).toContain(`nodes:`);
    expect(r.stdout).toContain(h.node_count.toLocaleString('en-US'));
    expect(r.stdout).toContain(h.edge_count.toLocaleString('en-US'));
    expect(r.stdout).toMatch(new RegExp(`layout: +${h.meta.node_fields.length} node fields: `));
    expect(r.stdout).toMatch(/gzip/);
    expect(r.stdout).toMatch(/parsed in: +\d+(\.\d+)? m?s \(\d+\.\d MB\/s\)/);
    expect(r.stdout).toMatch(/Node type +Count +Self size/);
    expect(r.stdout).toMatch(/\nobject +[\d,]+ /);
  });

  it('--json prints the documented keys with values that match the file', async () => {
    const r = await run(['info', join(dir, 'plain.heapsnapshot'), '--json']);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout) as InfoJson;
    const h = header();
    expect(Object.keys(info)).toEqual([
      'schema', 'file', 'fileBytes', 'textBytes', 'gzip', 'parseMs', 'megabytesPerSecond', 'fromCache', 'edgesBySecondThread', 'nodeCount', 'edgeCount',
      'stringCount', 'totalSelfSize', 'extraNativeBytes', 'nodeFields', 'traceNodeId', 'detachedness', 'extraNodeFields',
      'sections', 'skippedSections', 'nodeTypes',
    ]);
    expect(info.schema).toBe('heaptrail.info/1');
    expect(info).toMatchObject({ fileBytes: text.length, textBytes: text.length, gzip: false, nodeCount: h.node_count, edgeCount: h.edge_count });
    // A small file is parsed on one thread (the worker pays off from 64 MiB).
    expect(info.edgesBySecondThread).toBe(0);
    expect(info.nodeFields).toEqual(h.meta.node_fields);
    expect(info.traceNodeId).toBe(h.meta.node_fields.includes('trace_node_id'));
    expect(info.nodeTypes.reduce((n, t) => n + t.count, 0)).toBe(h.node_count);
    expect(info.nodeTypes.reduce((n, t) => n + t.selfSize, 0)).toBe(info.totalSelfSize);
  });

  it('reads stdin when the file is -, gzip or not', async () => {
    const plain = await run(['info', '-', '--json'], text);
    expect(plain.stderr).toBe('');
    expect(JSON.parse(plain.stdout)).toMatchObject({ file: '-', fileBytes: null, textBytes: text.length, gzip: false, nodeCount: header().node_count });
    const gz = await run(['info', '-', '--json'], readFileSync(sample));
    expect(JSON.parse(gz.stdout)).toMatchObject({ file: '-', textBytes: text.length, gzip: sample.endsWith('.gz') });
  });

  it('a truncated file exits 2 with one line naming the file and the byte, no stack trace', async () => {
    const path = join(dir, 'truncated.heapsnapshot');
    writeFileSync(path, text.subarray(0, Math.floor(text.length * 0.6)));
    const r = await run(['info', path]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^heaptrail: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+ at byte \\d+$`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('truncated stdin exits 2 with "unexpected end of input" at the length read', async () => {
    const cut = Math.floor(text.length / 3);
    const r = await run(['info', '-'], text.subarray(0, cut));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^heaptrail: <stdin>: unexpected end of input in (nodes|edges) at byte ${cut}\n$`));
  });

  it('a file that is not a snapshot exits 2', async () => {
    const path = join(dir, 'not.json');
    writeFileSync(path, '{"name":"package"}');
    const r = await run(['info', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`heaptrail: ${path}: not a heap snapshot at byte 1\n`);
  });
});
