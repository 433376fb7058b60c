import { describe, expect, it } from 'vitest';
import { arrayRefs, joinArrays, splitArrays } from '../../src/cache/split-arrays.js';

const place = (arrays: readonly unknown[]) => (i: number, parent: Record<string, unknown>, key: string) => void (parent[key] = arrays[i]);

describe('splitArrays() / joinArrays()', () => {
  it('takes typed arrays out of plain data and puts the same objects back', () => {
    const shared = new Float64Array([1.5, 2]);
    const data = { a: new Uint8Array([1, 2, 3]), nested: { list: [new Uint32Array([7]), 'x', 3], again: shared }, same: shared, n: null, s: 'text' };
    const { json, arrays } = splitArrays(data);
    expect(arrays).toHaveLength(3);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(arrayRefs(json)).toEqual([0, 1, 2]);
    const back = joinArrays(JSON.parse(JSON.stringify(json)), place(arrays)) as typeof data;
    expect(back).toEqual(data);
    expect(back.same).toBe(back.nested.again);
  });

  it('leaves the input untouched', () => {
    const data = { a: new Int32Array([-1]), b: [{ c: 1 }] };
    splitArrays(data);
    expect(data.a).toBeInstanceOf(Int32Array);
    expect(data.b[0]).toEqual({ c: 1 });
  });

  it.each([
    ['a Buffer', { b: Buffer.from('x') }],
    ['a Map', { m: new Map() }],
    ['a class instance', { d: new Date(0) }],
    ['NaN', { x: NaN }],
    ['a function', { f: () => 1 }],
    ['an object spelled like a mark', { o: { $array: 0 } }],
  ])('refuses %s (it would not come back as it went)', (_name, data) => {
    expect(() => splitArrays(data)).toThrow(/cannot store/);
  });
});
