// Skips one JSON value of a section we do not model (Chromium's `scopes`,
// `scope_context_vars`, `scope_uses`, future additions). Brackets must balance
// and strings must be well formed; scalars are passed over without checking.
// Nesting is tracked with a counter per bracket kind on an explicit stack.

import { SnapshotFormatError } from '../errors.js';
import { BACKSLASH, COMMA, LEFT_BRACE, LEFT_BRACKET, QUOTE, RIGHT_BRACE, RIGHT_BRACKET, isWhitespace } from './bytes.js';

const MAX_DEPTH = 1 << 20;

export class ValueSkipper {
  private stack = new Uint8Array(16);
  private depth = 0;
  private inString = false;
  private escape = false;
  private started = false;
  private finished = false;

  constructor(private readonly source: string) {}

  get done(): boolean {
    return this.finished;
  }

  /** Same contract as the other section scanners, but starts before the value's first byte. */
  scan(buf: Uint8Array, i: number, len: number, base: number): number {
    while (i < len) {
      const c = buf[i]!;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.depth === 0) return this.finish(i + 1);
        } else if (c < 0x20) this.fail(base + i, 'control character in string');
        i++;
        continue;
      }
      if (!this.started && isWhitespace(c)) {
        i++;
        continue;
      }
      this.started = true;
      if (c === QUOTE) this.inString = true;
      else if (c === LEFT_BRACKET || c === LEFT_BRACE) this.push(c, base + i);
      else if (c === RIGHT_BRACKET || c === RIGHT_BRACE) {
        if (this.depth === 0 || this.stack[this.depth - 1] !== (c === RIGHT_BRACKET ? LEFT_BRACKET : LEFT_BRACE)) {
          this.fail(base + i, 'unbalanced brackets');
        }
        if (--this.depth === 0) return this.finish(i + 1);
      } else if (this.depth === 0 && (c === COMMA || c === RIGHT_BRACE || isWhitespace(c))) {
        return this.finish(i); // end of a top-level scalar: leave the byte to the caller
      }
      i++;
    }
    return i;
  }

  private push(c: number, offset: number): void {
    if (this.depth === MAX_DEPTH) this.fail(offset, 'nested too deeply');
    if (this.depth === this.stack.length) {
      const next = new Uint8Array(this.stack.length * 2);
      next.set(this.stack);
      this.stack = next;
    }
    this.stack[this.depth++] = c;
  }

  private finish(i: number): number {
    this.finished = true;
    return i;
  }

  private fail(offset: number, reason: string): never {
    throw new SnapshotFormatError(this.source, offset, reason);
  }
}
