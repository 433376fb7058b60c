// End-to-end: spawns the built CLI (`npx tsc -b packages/cli` first) on the committed
// samples and checks `summary`, `dominators` and `paths` against samples/*/expected.json.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, readExpected, runCliSync, SAMPLES, type Expected } from './helpers/cli.js';

const run = (...args: string[]) => runCliSync(args);

function json<T>(...args: string[]): T {
  const r = run(...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

const scenarios: Expected[] = existsSync(SAMPLES)
  ? readdirSync(SAMPLES)
      .filter((d) => existsSync(join(SAMPLES, d, 'expected.json')))
      .map(readExpected)
      .filter((e) => e.grows.length > 0)
  : [];
const last = (e: Expected) => join('samples', e.scenario, e.files[e.files.length - 1]!);

interface SummaryJson {
  schema: string;
  totalSize: number;
  classCount: number;
  classes: { className: string; count: number; shallowSize: number; retainedSize: number; retainedShare: number }[];
}
interface PathsJson {
  objectCount: number;
  groups: { count: number; retainedSize: number; exampleId: number; text: string; steps: { edge: string; className: string; nodeId: number }[] }[];
}
interface TreeJson {
  retainedSize: number;
  selfSize: number;
  otherSize: number;
  children: TreeJson[];
}

describe('heaptrail summary / dominators / paths on the samples', () => {
  it('has a built CLI and samples to run on', () => {
    expect(existsSync(BIN), `${BIN} missing: run npx tsc -b packages/cli`).toBe(true);
    expect(scenarios.length).toBeGreaterThan(0);
  });

  for (const e of scenarios) {
    let summary: SummaryJson | undefined;
    for (const g of e.grows) {
      it(`${e.scenario}: summary counts ${g.counts.at(-1)} ${g.className} in the last snapshot`, () => {
        // One full summary per scenario serves all its classes.
        summary ??= json<SummaryJson>('summary', last(e), '--json', '--top', '0');
        const row = summary.classes.find((c) => c.className === g.className);
        expect(row, `no ${g.className} row`).toBeDefined();
        expect(row!.count).toBe(g.counts.at(-1));
        expect(row!.retainedSize).toBeGreaterThanOrEqual(row!.shallowSize);
      });

      it(`${e.scenario}: the top path of ${g.className} goes through "${g.pathContains}"`, () => {
        const out = json<PathsJson>('paths', last(e), '--class', g.className, '--json', '--limit', '3');
        expect(out.objectCount).toBe(g.counts.at(-1));
        const top = out.groups[0]!;
        expect(top.text).toContain(g.pathContains);
        expect(top.count).toBeGreaterThan(out.objectCount / 2);
        expect(top.steps.at(-1)!.className).toBe(g.className);
        expect(top.steps.at(-1)!.nodeId).toBe(top.exampleId);
      });
    }
  }

  const sample = scenarios.find((e) => e.scenario === 'agent-history') ?? scenarios[0];

  it('summary prints a table sorted by retained size, cut at --top', () => {
    const r = run('summary', last(sample!), '--top', '5');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('Class'))).toMatch(/Class\s+Count\s+Shallow\s+Retained\s+%/);
    expect(r.stdout).toMatch(/… [\d,]+ more classes/);
    const out = json<SummaryJson>('summary', last(sample!), '--json', '--top', '5');
    expect(out.schema).toBe('heaptrail.summary/1');
    expect(out.classes).toHaveLength(5);
    const sizes = out.classes.map((c) => c.retainedSize);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    expect(out.classes[0]!.retainedShare).toBeCloseTo(out.classes[0]!.retainedSize / out.totalSize);
  });

  it('dominators prints an indented tree whose sizes add up at every node', () => {
    const out = json<{ schema: string; totalSize: number; tree: TreeJson }>('dominators', last(sample!), '--json', '--depth', '3', '--top', '4');
    expect(out.schema).toBe('heaptrail.dominators/1');
    expect(out.tree.retainedSize).toBeLessThanOrEqual(out.totalSize);
    const stack = [out.tree];
    while (stack.length > 0) {
      const n = stack.pop()!;
      expect(n.children.length).toBeLessThanOrEqual(4);
      const sum = n.children.reduce((s, c) => s + c.retainedSize, 0) + n.otherSize;
      expect(sum).toBeCloseTo(n.retainedSize - n.selfSize, 3);
      stack.push(...n.children);
    }
    const text = run('dominators', last(sample!), '--depth', '1', '--top', '2');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/100\.0%\s+\(root\)\n/);
    expect(text.stdout).toMatch(/\n\s+\S+ \S+\s+\S+%\s{4}… [\d,]+ more\n$/);
  });

  it('paths --id shows one object path step by step', () => {
    const g = sample!.grows[0]!;
    const groups = json<PathsJson>('paths', last(sample!), '--class', g.className, '--json');
    const id = groups.groups[0]!.exampleId;
    const r = run('paths', last(sample!), '--id', String(id));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toContain(`@${id} ${g.className}`);
    expect(r.stdout).toContain(groups.groups[0]!.text);
    expect(r.stdout).toMatch(/Edge\s+Object/);
  });

  it('paths --all-roots walks past the module scope into V8 internals', () => {
    const g = sample!.grows[0]!;
    const user = json<PathsJson>('paths', last(sample!), '--class', g.className, '--json');
    const all = json<PathsJson>('paths', last(sample!), '--class', g.className, '--json', '--all-roots');
    expect(all.groups[0]!.steps.length).toBeGreaterThan(user.groups[0]!.steps.length);
  });

  it('rejects an unknown class with exit 2 and suggests close names', () => {
    const g = sample!.grows[0]!;
    const typo = g.className.slice(0, -1);
    const r = run('paths', last(sample!), '--class', typo);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^heaptrail: unknown class "${typo}"; closest: .*${g.className.replace(/[()]/g, '\\$&')}`));
  });

  it('rejects an unknown id, a missing --class/--id, a missing file and a bad --top with exit 2', () => {
    expect(run('paths', last(sample!), '--id', '4294967294')).toMatchObject({ code: 2, stderr: expect.stringMatching(/no object with id @4294967294/) });
    expect(run('paths', last(sample!))).toMatchObject({ code: 2, stderr: expect.stringMatching(/--class NAME or --id ID/) });
    expect(run('summary', 'no/such.heapsnapshot')).toMatchObject({ code: 2, stderr: expect.stringMatching(/no such file/) });
    expect(run('summary', last(sample!), '--top', '-1')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--top must be/) });
  });
});
