import { describe, expect, it } from 'vitest';
import { wrapWords } from '../src/wrap.js';

describe('wrapWords', () => {
  const text = 'heaptrail: leak: (module scope of scenarios/string-service.mjs) sessionsById (Map, 1,000 → 4,000 entries) holds 3,000 of 3,000 new SessionRecord';

  it('breaks at spaces within the width, continuation lines indented, every word whole and in order', () => {
    for (const width of [40, 60, 80, 100]) {
      const lines = wrapWords(text, width, '  ').split('\n');
      for (const line of lines) expect(line.length, `${width}: ${line}`).toBeLessThanOrEqual(width);
      expect(lines.slice(1).every((l) => l.startsWith('  ') && !l.startsWith('   '))).toBe(true);
      expect(lines.map((l, i) => (i === 0 ? l : l.slice(2))).join(' ')).toBe(text);
    }
  });

  it('leaves a line that fits as it is, and an overlong word whole on a line of its own', () => {
    expect(wrapWords(text, text.length, '  ')).toBe(text);
    const word = 'x'.repeat(50);
    expect(wrapWords(`a ${word} b`, 20, '    ').split('\n')).toEqual(['a', `    ${word}`, '    b']);
    expect(wrapWords(`${word} b`, 20, '  ').split('\n')).toEqual([word, '  b']);
    // A line's own margin is kept on its first line.
    expect(wrapWords('  ✗ one two three four', 12, '    ').split('\n')).toEqual(['  ✗ one two', '    three', '    four']);
  });
});
