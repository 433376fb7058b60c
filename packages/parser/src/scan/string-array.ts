// A resumable scanner for the `strings` section: an array of JSON strings.
// Each token's raw bytes (escapes still escaped) go to a StringTableBuilder;
// escapes are validated here so decoding later cannot fail. Surrogate escapes
// are accepted unpaired, as JSON.parse accepts them; raw control bytes are not.

import { SnapshotFormatError } from '../errors.js';
import type { StringTableBuilder } from '../string-table.js';
import { BACKSLASH, COMMA, LOWER_U, QUOTE, RIGHT_BRACKET, isHexDigit, isSimpleEscape, isWhitespace } from './bytes.js';
import { describeByte } from './number-array.js';

/** Longest string token accepted, in raw bytes. */
export const MAX_STRING_BYTES = 256 * 1024 * 1024;

const EXPECT_FIRST = 0; // after `[`: a string or `]`
const EXPECT_STRING = 1; // after `,`
const IN_STRING = 2;
const IN_ESCAPE = 3; // after a backslash
const IN_UNICODE = 4; // inside \uXXXX
const AFTER_STRING = 5;
const DONE = 6;

export class StringArrayScanner {
  private state = EXPECT_FIRST;
  private escaped = false;
  private hexLeft = 0;
  /** Absolute offset of the closing `]`. */
  closedAt = -1;

  constructor(
    private readonly out: StringTableBuilder,
    private readonly source: string,
  ) {}

  get done(): boolean {
    return this.state === DONE;
  }

  /** Same contract as NumberArrayScanner.scan (`buf[len]` is a sentinel below 0x20). */
  scan(buf: Uint8Array, i: number, len: number, base: number): number {
    const out = this.out;
    let c = 0;
    while (i < len) {
      switch (this.state) {
        case IN_STRING: {
          const from = i;
          // The sentinel (0x00) also stops this loop at the chunk end.
          while ((c = buf[i]!) !== QUOTE && c !== BACKSLASH && c >= 0x20) i++;
          if (i > from) {
            out.append(buf, from, i);
            // V8 cuts names at 1024 characters; a string this long is damage or hostile,
            // and could not become one JS string anyway.
            if (out.tokenLength > MAX_STRING_BYTES) this.fail(base + i, 'string longer than 256 MiB');
          }
          if (i === len) break;
          if (c === QUOTE) {
            out.end(this.escaped);
            this.state = AFTER_STRING;
          } else if (c === BACKSLASH) {
            out.appendByte(c);
            this.escaped = true;
            this.state = IN_ESCAPE;
          } else {
            this.fail(base + i, 'control character in string');
          }
          i++;
          break;
        }
        case IN_ESCAPE: {
          c = buf[i]!;
          if (c === LOWER_U) {
            this.hexLeft = 4;
            this.state = IN_UNICODE;
          } else if (isSimpleEscape(c)) {
            this.state = IN_STRING;
          } else {
            this.fail(base + i, 'invalid escape in string');
          }
          out.appendByte(c);
          i++;
          break;
        }
        case IN_UNICODE: {
          c = buf[i]!;
          if (!isHexDigit(c)) this.fail(base + i, 'invalid \\u escape in string');
          out.appendByte(c);
          if (--this.hexLeft === 0) this.state = IN_STRING;
          i++;
          break;
        }
        case EXPECT_FIRST:
        case EXPECT_STRING: {
          c = buf[i]!;
          if (c === QUOTE) {
            out.begin();
            this.escaped = false;
            this.state = IN_STRING;
          } else if (c === RIGHT_BRACKET && this.state === EXPECT_FIRST) {
            return this.close(base + i, i);
          } else if (!isWhitespace(c)) {
            this.fail(base + i, c === RIGHT_BRACKET ? 'trailing comma' : `unexpected ${describeByte(c)}, expected a string`);
          }
          i++;
          break;
        }
        case AFTER_STRING: {
          c = buf[i]!;
          if (c === COMMA) this.state = EXPECT_STRING;
          else if (c === RIGHT_BRACKET) return this.close(base + i, i);
          else if (!isWhitespace(c)) this.fail(base + i, `unexpected ${describeByte(c)}, expected a comma or ]`);
          i++;
          break;
        }
        default:
          return i;
      }
    }
    return i;
  }

  private close(offset: number, i: number): number {
    this.state = DONE;
    this.closedAt = offset;
    return i + 1;
  }

  private fail(offset: number, reason: string): never {
    throw new SnapshotFormatError(this.source, offset, reason);
  }
}
