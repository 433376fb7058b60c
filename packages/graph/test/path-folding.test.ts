import { describe, expect, it } from 'vitest';
import { PathFolder, runsOf, type Token } from '../src/path-folding.js';
import { naiveFold, shapeKey, type NaiveToken } from './reference/naive-folding.js';
import { prng } from './reference/random-graph.js';

/** Folds a path of single letters ('a' = pair 0, 'b' = 1, …); returns its tokens and key. */
function fold(path: string, folder = new PathFolder()) {
  let f = -1;
  for (const ch of path) f = folder.append(f, ch.charCodeAt(0) - 97);
  return { id: f, key: folder.key(f), tokens: () => folder.tokens(f) };
}

function write(tokens: readonly Token[]): string {
  return tokens
    .map((t) => (t.block === null ? String.fromCharCode(97 + t.pair) : `(${write(t.block)})×${t.count}`))
    .join(' ');
}

function writeNaive(tokens: readonly NaiveToken[]): string {
  return tokens.map((t) => (t.block ? `(${writeNaive(t.block)})×${t.count}` : t.key)).join(' ');
}

describe('PathFolder', () => {
  it('folds a run of one step (a linked list) and counts it', () => {
    expect(write(fold('abbbbbc').tokens())).toBe('a (b)×5 c');
    expect(write(fold('ab').tokens())).toBe('a b');
  });

  it('folds a cycle of several steps (a closure chain) and leaves a partial cycle after it', () => {
    expect(write(fold('xabcabcabc').tokens())).toBe('x (a b c)×3');
    expect(write(fold('xabcabcab').tokens())).toBe('x (a b c)×2 a b');
  });

  it('folds nested repeats: runs inside a repeated block', () => {
    const f = fold('aabaaabaab');
    expect(write(f.tokens())).toBe('((a)×2 b)×3');
    expect(runsOf(f.tokens()).map((r) => [r.min, r.max])).toEqual([[3, 3], [2, 3]]);
    // The inner run keeps the range of its counts over the occurrences.
    const nested = fold('xaabaaab');
    expect(write(nested.tokens())).toBe('x ((a)×2 b)×2');
    const inner = runsOf(nested.tokens())[1]!;
    expect([inner.min, inner.max]).toEqual([2, 3]);
  });

  it('gives paths that differ only in repeat counts the same key, and different shapes different keys', () => {
    const folder = new PathFolder();
    const short = fold('abbc', folder);
    const long = fold('abbbbbbbc', folder);
    expect(short.key).toBe(long.key);
    expect(fold('abbd', folder).key).not.toBe(short.key);
    expect(fold('abc', folder).key).not.toBe(short.key); // one b is no run: merged later, by the groups
    expect(folder.sequenceKey(long.tokens())).toBe(long.key);
  });

  it('shares the folded prefix of paths that share a prefix (folding a tree costs its size)', () => {
    const folder = new PathFolder();
    const trunk = fold('abbb', folder).id;
    const left = folder.append(trunk, 2);
    const right = folder.append(trunk, 3);
    expect(folder.parent(left)).toBe(trunk);
    expect(folder.parent(right)).toBe(trunk);
  });

  it('folds like the naive tail-folding on random paths', () => {
    const rand = prng(7);
    for (let i = 0; i < 2000; i++) {
      const length = 1 + Math.floor(rand() * 40);
      const letters = 1 + Math.floor(rand() * 3);
      let path = '';
      for (let k = 0; k < length; k++) path += String.fromCharCode(97 + Math.floor(rand() * letters));
      const folder = new PathFolder();
      const tokens = fold(path, folder).tokens();
      const naive = naiveFold([...path]);
      expect(write(tokens), path).toBe(writeNaive(naive));
      // Equal shapes without counts ⇔ equal keys.
      const other = naiveFold([...path.replace(/(.)\1+/g, '$1$1$1')]);
      const otherKey = fold(path.replace(/(.)\1+/g, '$1$1$1'), folder).key;
      expect(otherKey === fold(path, folder).key, path).toBe(shapeKey(other) === shapeKey(naive));
    }
  });
});
