// End-to-end: baselines of known leaks (--write-baseline, --baseline, --fail-on-known)
// and the GitHub Actions output (annotations, step summary), on the committed sample
// series with the built CLI.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiffResult } from '@heaptrail/diff';
import { BIN, runCli, type Run } from './helpers/cli.js';

const AGENT = 'samples/agent-history';
const LISTENERS = 'samples/listeners';
const WARNING = 'samples/listener-warning';
const CONTROL = 'samples/control';

const dir = mkdtempSync(join(tmpdir(), 'heaptrail-baseline-e2e-'));
const at = (name: string) => join(dir, name);
const github = (summary: string) => ({ GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: at(summary) });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs each `[args, env]` two at a time (the machine has 2 cores), in order of the results. */
async function runAll(jobs: readonly (readonly [readonly string[], Record<string, string>?])[]): Promise<Run[]> {
  const out: Run[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    for (let k = next++; k < jobs.length; k = next++) out[k] = await runCli(jobs[k]![0], { env: jobs[k]![1] ?? {} });
  };
  await Promise.all([worker(), worker()]);
  return out;
}

const json = (r: Run) => JSON.parse(r.stdout) as DiffResult;
const commands = (text: string) => text.split('\n').filter((l) => l.startsWith('::'));

let written: Run[];
let runs: Record<string, Run>;
beforeAll(async () => {
  expect(existsSync(BIN), `${BIN} missing: run npm run build`).toBe(true);
  // The baselines first: every later run reads one of them.
  written = await runAll([
    [['diff', AGENT, '-q', '--write-baseline', at('agent.json')]],
    [['diff', AGENT, '-q', '--format', 'json', '--write-baseline', at('agent-again.json')]],
    [['diff', LISTENERS, '-q', '--format', 'json', '--write-baseline', at('listeners.json')]],
  ]);
  const names = ['known', 'failOnKnown', 'otherPath', 'fixed', 'knownOnGitHub', 'noAnnotations'] as const;
  const done = await runAll([
    [['diff', AGENT, '-q', '--format', 'json', '--baseline', at('agent.json'), '--fail-on-growth']],
    [['diff', AGENT, '-q', '--format', 'json', '--baseline', at('agent.json'), '--fail-on-growth', '--fail-on-known']],
    [['diff', WARNING, '-q', '--format', 'json', '--baseline', at('listeners.json'), '--fail-on-growth'], github('warning-summary.md')],
    [['diff', CONTROL, '-q', '--format', 'json', '--baseline', at('agent.json'), '--fail-on-growth'], github('control-summary.md')],
    [['diff', AGENT, '-q', '--baseline', at('agent.json'), '--fail-on-growth'], github('known-summary.md')],
    [['diff', AGENT, '-q', '--format', 'json', '--baseline', at('agent.json'), '--no-annotations'], github('off-summary.md')],
  ]);
  runs = Object.fromEntries(names.map((n, k) => [n, done[k]!]));
}, 600_000);

describe('heaptrail diff --write-baseline', () => {
  it('writes the growing classes and their path signatures, sorted, with no ids or sizes', () => {
    expect(written.map((r) => r.code)).toEqual([0, 0, 0]);
    const file = JSON.parse(readFileSync(at('agent.json'), 'utf8')) as { schema: string; entries: { className: string; paths: string[] }[] };
    expect(file.schema).toBe('heaptrail.baseline/1');
    expect(file.entries.map((e) => e.className)).toEqual(['(string)', 'ChatMessage']);
    const chat = file.entries.find((e) => e.className === 'ChatMessage')!;
    expect(chat.paths).toEqual([json(written[1]!).growing.find((g) => g.className === 'ChatMessage')!.paths[0]!.signature]);
    expect(chat.paths[0]).toContain('.history→Array');
    for (const e of file.entries) expect(e.paths).toEqual([...e.paths].sort());
    expect(readFileSync(at('agent.json'), 'utf8')).not.toMatch(/@\d|"(count|retainedSize|exampleId|nodeId)"/);
  });

  it('writes the same bytes on a second run', () => {
    expect(readFileSync(at('agent-again.json'))).toEqual(readFileSync(at('agent.json')));
  });
});

describe('heaptrail diff --baseline', () => {
  it('passes --fail-on-growth when every growing class is known, and lists them apart', () => {
    const r = runs.known!;
    expect(r.code).toBe(0);
    const result = json(r);
    expect(result.growing).toEqual([]);
    expect(result.baseline!.known.map((g) => g.className)).toEqual(['ChatMessage', '(string)']);
    expect(result.baseline!.fixed).toEqual([]);
    expect(result.verdict.failedBudgets).toEqual([]);
  });

  it('fails with --fail-on-known', () => {
    const r = runs.failOnKnown!;
    expect(r.code).toBe(1);
    expect(json(r).verdict.failedBudgets[0]!.classes).toEqual(['ChatMessage', '(string)']);
  });

  it('fails on a leak of a known class through another path, and reports the old entries as fixed', () => {
    const r = runs.otherPath!;
    expect(r.code).toBe(1);
    const result = json(r);
    // Both series leak RequestContext; the baseline knows it under `gateway.emitter`, this one holds it under `bus`.
    expect(result.growing.map((g) => g.className)).toContain('RequestContext');
    expect(result.baseline!.known).toEqual([]);
    expect(result.baseline!.fixed.map((e) => e.className)).toContain('RequestContext');
  });

  it('reports the entries a series without the leak does not match as fixed, in JSON, Markdown and annotations', () => {
    const r = runs.fixed!;
    expect(r.code).toBe(0);
    expect(json(r).baseline!.fixed.map((e) => e.className)).toEqual(['(string)', 'ChatMessage']);
    expect(commands(r.stderr)).toEqual([expect.stringMatching(/^::notice title=heaptrail%3A fixed \(string\)::/), expect.stringMatching(/^::notice title=heaptrail%3A fixed ChatMessage::ChatMessage via /)]);
    expect(readFileSync(at('control-summary.md'), 'utf8')).toMatch(/- ✅ fixed: `ChatMessage via .*\.history→Array \[\]→ChatMessage`/);
  });

  it('marks known classes in the text report and lists them last', () => {
    const out = runs.knownOnGitHub!.stdout;
    expect(out).toMatch(/^heaptrail: No new class grows across 4 snapshots;.*baseline .*agent\.json: 2 known leaks \(not gated\); no budget exceeded$/m);
    expect(out).toMatch(/^ChatMessage \(known\) /m);
    expect(out).toMatch(/^\(string\) \(known\) /m);
  });

  it.each([
    ['not JSON', 'not json at all', /: not a heaptrail baseline: not JSON$/],
    ['cut short', '{"schema": "heaptrail.baseline/1", "entries": [', /: not a heaptrail baseline: not JSON \(at byte offset 47\)$/],
    ['a diff report', null, /: not a heaptrail baseline: schema is "heaptrail\.diff\/2", expected "heaptrail\.baseline\/1"$/],
    ['of the wrong types', '{"schema": "heaptrail.baseline/1", "entries": [{"className": "A", "paths": "x"}]}', /: not a heaptrail baseline: entries\[0\]\.paths must be an array$/],
  ])('refuses a baseline that is %s: one line naming the file, exit 2', async (name, text, message) => {
    const file = at(`bad-${name.replace(/\W/g, '-')}.json`);
    writeFileSync(file, text ?? runs.known!.stdout);
    const r = await runCli(['diff', CONTROL, '--baseline', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([expect.stringMatching(message), '']);
    expect(r.stderr.startsWith(`heaptrail: ${file}: `)).toBe(true);
  });

  it('refuses --fail-on-known without a baseline', async () => {
    const r = await runCli(['diff', CONTROL, '--fail-on-known']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('heaptrail: --fail-on-known needs --baseline FILE\n');
  });

  it('is an option of record too', async () => {
    const r = await runCli(['record', '--help']);
    for (const flag of ['--baseline', '--write-baseline', '--fail-on-known', '--annotations']) expect(r.stdout).toContain(flag);
  });
});

describe('GitHub Actions output', () => {
  it('annotates each new class that fails a budget with ::error on stderr, keeps stdout valid JSON, and appends the summary', () => {
    const r = runs.otherPath!;
    const result = json(r);
    const errors = commands(r.stderr).filter((l) => l.startsWith('::error '));
    expect(errors).toHaveLength(result.growing.length);
    expect(errors[0]).toMatch(/^::error title=heaptrail%3A growing onData\(\)::onData\(\): 150 → 300 → 450 → 600 \(\+450, .*; top path \(450×\): \(module scope of scenarios\/listener-warning\.mjs\) bus\._events\.data\[\] → onData\(\)$/);
    expect(commands(r.stdout)).toEqual([]);
    const summary = readFileSync(at('warning-summary.md'), 'utf8');
    expect(summary).toMatch(/^### ❌ heaptrail: leak: /);
    expect(summary).toContain('| `onData()` |');
  });

  it('annotates known classes with ::warning', () => {
    const lines = commands(runs.knownOnGitHub!.stderr);
    expect(lines).toEqual([expect.stringMatching(/^::warning title=heaptrail%3A known ChatMessage::ChatMessage: 200 → 400 → 600 → 800 /), expect.stringMatching(/^::warning title=heaptrail%3A known \(string\)::/)]);
    expect(readFileSync(at('known-summary.md'), 'utf8')).toContain('| `ChatMessage` (known) |');
  });

  it('writes nothing for GitHub without GITHUB_ACTIONS', () => {
    expect(commands(runs.known!.stderr)).toEqual([]);
    expect(commands(runs.failOnKnown!.stderr)).toEqual([]);
  });

  it('writes nothing for GitHub with --no-annotations', () => {
    const r = runs.noAnnotations!;
    expect(r.code).toBe(0);
    expect(commands(r.stderr)).toEqual([]);
    expect(existsSync(at('off-summary.md'))).toBe(false);
  });
});
