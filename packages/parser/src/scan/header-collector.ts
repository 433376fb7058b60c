// Collects the bytes of the balanced `{…}` header object. The header is small,
// so it is gathered whole and handed to JSON.parse, but only after guarding
// its size and nesting: a hostile header must not exhaust memory or the stack.

import { SnapshotFormatError } from '../errors.js';
import { BACKSLASH, LEFT_BRACE, LEFT_BRACKET, QUOTE, RIGHT_BRACE, RIGHT_BRACKET } from './bytes.js';
import { resize } from '../resize.js';

export const MAX_HEADER_BYTES = 1024 * 1024;
export const MAX_HEADER_DEPTH = 32;

export class HeaderCollector {
  private bytes = new Uint8Array(4096);
  private length = 0;
  private depth = 0;
  private inString = false;
  private escape = false;
  private complete = false;

  constructor(
    private readonly source: string,
    /** Absolute offset of the header's `{`. */
    readonly start: number,
  ) {}

  get done(): boolean {
    return this.complete;
  }

  /** The header text; valid once `done`. */
  text(): string {
    return Buffer.from(this.bytes.buffer, 0, this.length).toString('utf8');
  }

  /** Consumes header bytes from `buf[i..len)`; returns the index after the final `}` or `len`. */
  scan(buf: Uint8Array, i: number, len: number, base: number): number {
    while (i < len) {
      const c = buf[i]!;
      this.push(c, base + i);
      i++;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) this.inString = false;
      } else if (c === QUOTE) {
        this.inString = true;
      } else if (c === LEFT_BRACE || c === LEFT_BRACKET) {
        if (++this.depth > MAX_HEADER_DEPTH) this.fail(base + i - 1, 'snapshot header nested too deeply');
      } else if (c === RIGHT_BRACE || c === RIGHT_BRACKET) {
        if (--this.depth === 0) {
          this.complete = true;
          return i;
        }
      }
    }
    return i;
  }

  private push(c: number, offset: number): void {
    if (this.length === this.bytes.length) {
      if (this.length >= MAX_HEADER_BYTES) this.fail(offset, 'snapshot header too large');
      this.bytes = resize(this.bytes, new Uint8Array(this.bytes.length * 2));
    }
    this.bytes[this.length++] = c;
  }

  private fail(offset: number, reason: string): never {
    throw new SnapshotFormatError(this.source, offset, reason);
  }
}
