import { describe, expect, it } from 'vitest';
import { terminalSafe, truncateEnd, truncateMiddle } from '../src/terminal-safe.js';

describe('terminalSafe', () => {
  it('shows escape sequences a hostile class name carries instead of sending them to the terminal', () => {
    expect(terminalSafe('Foo\x1b]0;pwned\x07')).toBe('Foo\\u001b]0;pwned\\u0007');
    expect(terminalSafe('a\nb\rc\td')).toBe('a\\u000ab\\u000dc\\u0009d');
  });

  it('shows bidi overrides that would reorder what is displayed', () => {
    expect(terminalSafe('evil\u202Egnp.exe')).toBe('evil\\u202egnp.exe');
  });

  it('leaves ordinary names, arrows and non-ASCII letters alone', () => {
    expect(terminalSafe('(GC roots) → Window.cache → Grüße')).toBe('(GC roots) → Window.cache → Grüße');
  });
});

describe('truncate', () => {
  it('truncateMiddle keeps both ends of a long path', () => {
    expect(truncateMiddle('abcdefghij', 5)).toBe('ab…ij');
    expect(truncateMiddle('abcdefghij', 5)).toHaveLength(5);
    expect(truncateMiddle('short', 10)).toBe('short');
  });

  it('never cuts an emoji in half', () => {
    expect(truncateEnd('ab😀cd', 4)).toBe('ab…');
    expect(truncateMiddle('😀abcdef😀', 5)).toBe('😀…😀');
    expect(truncateMiddle('😀abcdef😀', 4)).toBe('…😀');
  });

  it('truncateEnd keeps the start', () => {
    expect(truncateEnd('RequestContext', 8)).toBe('Request…');
    expect(truncateEnd('Map', 8)).toBe('Map');
  });
});
