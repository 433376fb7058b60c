// A growable bit set over string-table indexes: which strings are used as names
// (and, with script redaction, which are script names). One bit per string, so a
// table of 10 M strings costs 1.25 MB; it grows by doubling up to the largest
// index seen.

import { resize } from '../resize.js';

export class StringBits {
  private words = new Uint32Array(1024);

  /** Marks index `i` (a non-negative integer below the caller's limit). */
  set(i: number): void {
    const w = i >>> 5;
    if (w >= this.words.length) this.grow(w);
    this.words[w]! |= 1 << (i & 31);
  }

  has(i: number): boolean {
    const w = i >>> 5;
    return w < this.words.length && (this.words[w]! & (1 << (i & 31))) !== 0;
  }

  private grow(w: number): void {
    let n = this.words.length * 2;
    while (n <= w) n *= 2;
    this.words = resize(this.words, new Uint32Array(n));
  }
}
