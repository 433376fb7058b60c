import { describe, expect, it } from 'vitest';
import { createStyle, shouldUseColor } from '../src/color.js';

describe('shouldUseColor', () => {
  it('colours a terminal and not a pipe', () => {
    expect(shouldUseColor({ isTTY: true, env: {} })).toBe(true);
    expect(shouldUseColor({ isTTY: false, env: {} })).toBe(false);
    expect(shouldUseColor({ isTTY: undefined, env: {} })).toBe(false);
  });

  it('turns colour off for a terminal when NO_COLOR is set and non-empty', () => {
    expect(shouldUseColor({ isTTY: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(shouldUseColor({ isTTY: true, env: { NO_COLOR: '' } })).toBe(true);
  });

  it('lets FORCE_COLOR win over NO_COLOR and a pipe, as Node does', () => {
    expect(shouldUseColor({ isTTY: false, env: { FORCE_COLOR: '1' } })).toBe(true);
    expect(shouldUseColor({ isTTY: false, env: { FORCE_COLOR: '' } })).toBe(true);
    expect(shouldUseColor({ isTTY: true, env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).toBe(true);
  });

  it('treats FORCE_COLOR=0 or false as a request for no colour', () => {
    expect(shouldUseColor({ isTTY: true, env: { FORCE_COLOR: '0' } })).toBe(false);
    expect(shouldUseColor({ isTTY: true, env: { FORCE_COLOR: 'false' } })).toBe(false);
  });

  it('does not colour a dumb terminal', () => {
    expect(shouldUseColor({ isTTY: true, env: { TERM: 'dumb' } })).toBe(false);
  });
});

describe('createStyle', () => {
  it('wraps text in ANSI codes only when enabled', () => {
    expect(createStyle(true).red('x')).toBe('\x1b[31mx\x1b[39m');
    expect(createStyle(false).red('x')).toBe('x');
  });
});
