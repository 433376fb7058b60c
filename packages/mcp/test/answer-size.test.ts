import { describe, expect, it } from 'vitest';
import { cutClassName, cutName, cutPathText, MAX_CLASS_NAME, MAX_NAME, MAX_PATH_TEXT, page, topOf } from '../src/answer-size.js';

describe('page', () => {
  it('makes only the shown items and says where the next page starts', () => {
    const made: number[] = [];
    const p = page(10, 4, 3, (i) => (made.push(i), i * 10));
    expect(p).toEqual({ total: 10, offset: 4, items: [40, 50, 60], nextOffset: 7 });
    expect(made).toEqual([4, 5, 6]);
  });

  it('ends with nextOffset null, and an offset past the end gives an empty page at the end', () => {
    expect(page(5, 3, 10, (i) => i)).toEqual({ total: 5, offset: 3, items: [3, 4], nextOffset: null });
    expect(page(5, 99, 10, (i) => i)).toEqual({ total: 5, offset: 5, items: [], nextOffset: null });
    expect(page(0, 0, 10, (i) => i)).toEqual({ total: 0, offset: 0, items: [], nextOffset: null });
  });
});

describe('topOf', () => {
  it('keeps the first N and counts the rest; 0 keeps all', () => {
    expect(topOf([1, 2, 3, 4], 2)).toEqual({ shown: [1, 2], left: 2 });
    expect(topOf([1, 2, 3, 4], 0)).toEqual({ shown: [1, 2, 3, 4], left: 0 });
    expect(topOf([1], 5)).toEqual({ shown: [1], left: 0 });
  });
});

describe('cut strings', () => {
  it('keeps short strings whole and cuts long ones to their limit with an ellipsis', () => {
    expect(cutName('ChatMessage')).toBe('ChatMessage');
    const long = 'x'.repeat(10_000);
    expect(cutName(long)).toHaveLength(MAX_NAME);
    expect(cutName(long).endsWith('…')).toBe(true);
    expect(cutClassName(long)).toHaveLength(MAX_CLASS_NAME);
  });

  it('cuts a path text in the middle, keeping the root side and the object', () => {
    const text = '(module scope) ' + 'a.'.repeat(500) + 'history[] → ChatMessage';
    const cut = cutPathText(text);
    expect(cut).toHaveLength(MAX_PATH_TEXT);
    expect(cut.startsWith('(module scope) a.a.')).toBe(true);
    expect(cut.endsWith('history[] → ChatMessage')).toBe(true);
    expect(cut).toContain('…');
  });
});
