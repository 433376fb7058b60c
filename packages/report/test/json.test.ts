import { describe, expect, it } from 'vitest';
import type { DiffResult } from '@heaptrail/diff';
import { renderJson } from '../src/json.js';
import { leakyResult } from './fixtures.js';

/** The same object with every key order reversed, as a producer might build it. */
function shuffled<T>(value: T): T {
  if (Array.isArray(value)) return value.map(shuffled) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).reverse()) out[key] = shuffled((value as Record<string, unknown>)[key]);
  return out as T;
}

describe('renderJson', () => {
  it('is pretty JSON with two-space indentation and a trailing newline that parses back to the same result', () => {
    const text = renderJson(leakyResult());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schema": "heaptrail.diff/2",');
    expect(JSON.parse(text)).toEqual(leakyResult());
  });

  it('writes keys in the order the types declare them, whatever order the producer used', () => {
    const text = renderJson(shuffled(leakyResult()));
    expect(text).toBe(renderJson(leakyResult()));
    const parsed = JSON.parse(text) as DiffResult;
    expect(Object.keys(parsed)).toEqual(['schema', 'snapshots', 'sameProcess', 'idChecks', 'rule', 'order', 'pathChoice', 'growing', 'hiddenInternalClasses', 'hiddenWeakClasses', 'verdict', 'baseline', 'last']);
    expect(Object.keys(parsed.growing[0]!)).toEqual([
      'className', 'category', 'origin', 'counts', 'shallowSizes', 'retainedSizes', 'growth', 'newSurvivors', 'newSurvivorsPerInterval', 'evidence', 'accumulationPoint', 'paths', 'heldBy',
    ]);
    expect(Object.keys(parsed.growing[0]!.accumulationPoint!)).toEqual(['path', 'className', 'nodeId', 'kind', 'sizes', 'holds', 'of']);
    expect(Object.keys(parsed.verdict)).toEqual([
      'growingClasses', 'growingUserClasses', 'heapBytesGrown', 'heapBytesGrownPerInterval', 'newSurvivorBytes', 'bytesGrown', 'bytesGrownPerInterval', 'failedBudgets',
    ]);
    expect(Object.keys(parsed.last.dominatorTree.children[0]!)).toEqual(['ordinal', 'id', 'className', 'name', 'selfSize', 'retainedSize', 'children', 'otherSize', 'otherCount']);
  });

  it('keeps a field it does not know yet, after the known ones', () => {
    const extended = { ...leakyResult(), generatedBy: 'heaptrail 0.2' } as DiffResult;
    const parsed = JSON.parse(renderJson(shuffled(extended))) as Record<string, unknown>;
    expect(Object.keys(parsed).at(-1)).toBe('generatedBy');
  });

  it('writes null survivors for a cross-process series rather than dropping the key', () => {
    const r = leakyResult();
    const cross: DiffResult = { ...r, sameProcess: false, growing: r.growing.map((g) => ({ ...g, newSurvivors: null, newSurvivorsPerInterval: null })) };
    expect(renderJson(cross)).toContain('"newSurvivors": null,\n      "newSurvivorsPerInterval": null,');
  });
});
