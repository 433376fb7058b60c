// The redacted bytes produced from one input chunk, gathered here while the
// (synchronous) scanners run and written out once the chunk is done. About one
// chunk long: kept bytes are copied, replacements are never longer than the
// tokens they replace, and only the strings' separators can be longer.

import { resize } from '../resize.js';

export class ByteOutput {
  private buf = new Uint8Array(64 * 1024);
  private pos = 0;

  get length(): number {
    return this.pos;
  }

  write(src: Uint8Array, from: number, to: number): void {
    const at = this.reserve(to - from);
    this.buf.set(src.subarray(from, to), at);
  }

  byte(c: number): void {
    if (this.pos === this.buf.length) this.grow(1);
    this.buf[this.pos++] = c;
  }

  /** Makes room for `n` bytes, counts them as written and returns where they go in `bytes()`. */
  reserve(n: number): number {
    if (this.pos + n > this.buf.length) this.grow(n);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  /** The buffer the reserved bytes are written into (changes when it grows). */
  get bytes(): Uint8Array {
    return this.buf;
  }

  /** Hands the bytes written so far over (valid until the next write) and starts empty again. */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    this.pos = 0;
    return out;
  }

  private grow(need: number): void {
    let n = this.buf.length * 2;
    while (n < this.pos + need) n *= 2;
    this.buf = resize(this.buf, new Uint8Array(n));
  }
}
