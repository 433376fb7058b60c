// End-to-end: leakCheck() resolves to the object `heaptrail diff --format json` prints for the same kind of
// series (one process, a class growing), keys in the same order. The leak check's worker runs from the built
// @heaptrail/record (npm test builds first).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leakCheck } from '@heaptrail/record';
import { renderJson } from '@heaptrail/report';
import { runCli, SAMPLES } from './helpers/cli.js';

class Ticket {
  constructor(readonly id: number) {}
}
const tickets: Ticket[] = [];

const SEP = '\u0000';
/** A path with array indices and the dominator tree's nesting dropped: every tree node shares one path. */
const norm = (path: string) => path.replace(/(\.children\[\])+/g, '.children[]');

/** For every object in a JSON value, by its path: each pair of its keys, in the order they come. */
function keyPairs(value: unknown): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (Array.isArray(v)) {
      for (const item of v) stack.push([item, norm(`${path}[]`)]);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    const keys = Object.keys(v);
    let pairs = out.get(path);
    if (!pairs) out.set(path, (pairs = new Set()));
    for (let i = 0; i < keys.length; i++) for (let j = i + 1; j < keys.length; j++) pairs.add(`${keys[i]}${SEP}${keys[j]}`);
    for (const k of keys) stack.push([(v as Record<string, unknown>)[k], norm(`${path}.${k}`)]);
  }
  return out;
}

/** Pairs of keys that one side writes in one order and the other in the opposite order. */
function orderConflicts(ours: Map<string, Set<string>>, theirs: Map<string, Set<string>>): string[] {
  const out: string[] = [];
  for (const [path, pairs] of ours) {
    const other = theirs.get(path);
    if (!other) continue;
    for (const pair of pairs) {
      const [a, b] = pair.split(SEP);
      if (other.has(`${b}${SEP}${a}`)) out.push(`${path || '(top)'}: ${a} before ${b}`);
    }
  }
  return out;
}

describe('leakCheck and heaptrail diff --format json', () => {
  it('resolve to the same object, keys in the same order', async () => {
    const result = await leakCheck(
      (i) => {
        tickets.push(new Ticket(i));
      },
      { snapshots: 4, iterations: 5 },
    );
    expect(result.growing.map((g) => g.className)).toContain('Ticket');
    // nothing in it that printing would drop or change
    expect(result).toStrictEqual(JSON.parse(renderJson(result)));

    const cli = await runCli(['diff', join(SAMPLES, 'listeners'), '--format', 'json']);
    expect(cli.code, cli.stderr).toBe(0);
    const printed = JSON.parse(cli.stdout) as typeof result;
    expect(printed.sameProcess && result.sameProcess).toBe(true);

    expect(Object.keys(result)).toEqual(Object.keys(printed));
    expect(Object.keys(result.growing[0]!)).toEqual(Object.keys(printed.growing[0]!));
    expect(Object.keys(result.verdict)).toEqual(Object.keys(printed.verdict));
    const ours = keyPairs(result);
    const theirs = keyPairs(printed);
    for (const path of ['', '.snapshots[]', '.rule', '.growing[]', '.growing[].growth', '.growing[].evidence', '.growing[].paths[]', '.growing[].paths[].steps[]', '.verdict', '.last.classes[]', '.last.dominatorTree', '.last.dominatorTree.children[]']) {
      expect([path, ours.has(path), theirs.has(path)]).toEqual([path, true, true]);
    }
    expect(orderConflicts(ours, theirs)).toEqual([]);
  });
});
