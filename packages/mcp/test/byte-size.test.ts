import { describe, expect, it } from 'vitest';
import { parseByteSize } from '../src/byte-size.js';

describe('parseByteSize', () => {
  it('reads plain bytes and binary k/M/G/T suffixes, with or without B or iB', () => {
    expect(parseByteSize('1048576')).toBe(1048576);
    expect(parseByteSize('64k')).toBe(64 * 1024);
    expect(parseByteSize('512M')).toBe(512 * 1024 ** 2);
    expect(parseByteSize('1.5G')).toBe(1.5 * 1024 ** 3);
    expect(parseByteSize('2GiB')).toBe(2 * 1024 ** 3);
    expect(parseByteSize('3 mb')).toBe(3 * 1024 ** 2);
    expect(parseByteSize('1T')).toBe(1024 ** 4);
  });

  it('refuses what is not a positive size', () => {
    for (const bad of ['', 'lots', '-1', '0', '12X', '1.2.3M', 'M']) expect(parseByteSize(bad), bad).toBeUndefined();
  });
});
