import { describe, expect, it } from 'vitest';
import type { DiffResult, GrowingClass } from '@heaptrail/diff';
import { leadSentence, pointChain } from '../src/lead.js';
import { leakyResult } from './fixtures.js';

/** The fixture's leak as the head of a chain: the point is an instance, its top path repeats a link. */
function chained(text: string): { result: DiffResult; top: GrowingClass } {
  const base = leakyResult({ leak: 'LeakyThing' });
  const top0 = base.growing[0]!;
  const top: GrowingClass = {
    ...top0,
    accumulationPoint: { path: '(module scope) theThing → LeakyThing', className: 'LeakyThing', nodeId: 7, kind: null, sizes: null, holds: 4_000, of: 4_000 },
    paths: [{ ...top0.paths[0]!, text }, ...top0.paths.slice(1)],
  };
  return { result: { ...base, growing: [top, ...base.growing.slice(1)] }, top };
}

describe('leadSentence()', () => {
  it('names the repeated link when the accumulation point heads a chain of its own instances', () => {
    const { result, top } = chained('(module scope) theThing → LeakyThing (.someMethod → someMethod()::originalThing)×0–3,999 → LeakyThing');
    expect(pointChain(top.accumulationPoint!, top)).toBe('(.someMethod → someMethod()::originalThing)×0–3,999');
    expect(leadSentence(result)).toBe(
      '(module scope) theThing (LeakyThing) holds 4,000 of 4,000 new LeakyThing in a chain (.someMethod → someMethod()::originalThing)×0–3,999',
    );
  });

  it('adds no chain when the top path does not repeat right after the point, or the point is a collection', () => {
    const { result, top } = chained('(module scope) theThing → LeakyThing.next → LeakyThing');
    expect(pointChain(top.accumulationPoint!, top)).toBeNull();
    expect(leadSentence(result)).toBe('(module scope) theThing (LeakyThing) holds 4,000 of 4,000 new LeakyThing');
    const plain = leakyResult();
    expect(pointChain(plain.growing[0]!.accumulationPoint!, plain.growing[0]!)).toBeNull();
  });
});
