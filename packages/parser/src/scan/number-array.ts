// The hot loop: a resumable scanner for a flat JSON array of non-negative
// integers (`nodes`, `edges`, and the small optional number sections).
//
// Measured tricks (see /work/shared/reference/performance-notes.md): an inner
// loop over each run of digits, stopped by a non-digit sentinel written just
// past the chunk's end (no bounds test), and V8's `\n,` record separator taken
// in one step. Numbers are accumulated in a double: runs longer than 16 digits
// are refused before they can lose precision.

import { SnapshotFormatError } from '../errors.js';
import { COMMA, DIGIT_0, DOT, LOWER_E, MINUS, NEWLINE, PLUS, RIGHT_BRACKET, UPPER_E, isWhitespace } from './bytes.js';
import type { RecordSink } from './record-sink.js';

const EXPECT_FIRST = 0; // just after `[`: a number or `]`
const EXPECT_VALUE = 1; // after `,`: a number
const AFTER_VALUE = 2; // after a number: `,` or `]`
const IN_NUMBER = 3; // a run of digits cut by the chunk end
const DONE = 4;

/** 2^53 has 16 digits; anything longer cannot be a safe integer. */
const MAX_DIGITS = 16;

export class NumberArrayScanner {
  private state = EXPECT_FIRST;
  private fieldIndex = 0;
  /** Partial number carried across a chunk boundary. */
  private value = 0;
  private digits = 0;
  private leadingZero = false;

  constructor(
    private readonly sink: RecordSink,
    private readonly source: string,
  ) {}

  get done(): boolean {
    return this.state === DONE;
  }

  /**
   * Scans `buf[i..len)`, where `buf[len]` holds the sentinel; `base` is the
   * absolute offset of `buf[0]`. Returns the index after the closing `]`, or
   * `len` when the chunk ran out first.
   */
  scan(buf: Uint8Array, i: number, len: number, base: number): number {
    const sink = this.sink;
    const rec = sink.rec;
    const fields = sink.fields;
    let f = this.fieldIndex;
    let state = this.state;
    let c = 0;
    let d = 0;
    let v = 0;
    let start = 0;
    try {
      while (i < len) {
        switch (state) {
          case IN_NUMBER: {
            v = this.value;
            start = i;
            while ((d = buf[i]! - DIGIT_0) >>> 0 < 10) {
              v = v * 10 + d;
              i++;
            }
            this.digits += i - start;
            if (i === len) {
              this.value = v;
              break;
            }
            this.checkNumber(buf[i]!, this.digits, this.leadingZero, base + i);
            rec[f] = v;
            if (++f === fields) {
              sink.record(base + i);
              f = 0;
            }
            state = AFTER_VALUE;
            break;
          }
          case EXPECT_FIRST:
          case EXPECT_VALUE: {
            c = buf[i]!;
            if ((c - DIGIT_0) >>> 0 < 10) {
              // Fast path: number, separator, number, … until anything unusual.
              for (;;) {
                start = i;
                v = c - DIGIT_0;
                i++;
                while ((d = buf[i]! - DIGIT_0) >>> 0 < 10) {
                  v = v * 10 + d;
                  i++;
                }
                if (i === len) {
                  this.value = v;
                  this.digits = i - start;
                  this.leadingZero = c === DIGIT_0;
                  state = IN_NUMBER;
                  break;
                }
                if (i - start > 1 && (c === DIGIT_0 || i - start > MAX_DIGITS)) {
                  this.checkNumber(buf[i]!, i - start, c === DIGIT_0, base + start);
                }
                rec[f] = v;
                if (++f === fields) {
                  sink.record(base + i);
                  f = 0;
                }
                c = buf[i]!;
                if (c === COMMA) {
                  c = buf[++i]!;
                } else if (c === NEWLINE && buf[i + 1] === COMMA) {
                  i += 2;
                  c = buf[i]!;
                } else {
                  state = AFTER_VALUE;
                  break;
                }
                if ((c - DIGIT_0) >>> 0 >= 10) {
                  state = EXPECT_VALUE;
                  break;
                }
              }
            } else if (isWhitespace(c)) {
              i++;
            } else if (c === RIGHT_BRACKET && state === EXPECT_FIRST) {
              sink.close(f, base + i);
              state = DONE;
              i++;
              this.state = state;
              return i;
            } else {
              this.unexpected(c, base + i, 'a number');
            }
            break;
          }
          case AFTER_VALUE: {
            c = buf[i]!;
            if (c === COMMA) {
              state = EXPECT_VALUE;
              i++;
            } else if (isWhitespace(c)) {
              i++;
            } else if (c === RIGHT_BRACKET) {
              sink.close(f, base + i);
              state = DONE;
              i++;
              this.state = state;
              return i;
            } else {
              this.unexpected(c, base + i, 'a comma or ]');
            }
            break;
          }
          default:
            return i;
        }
      }
    } finally {
      this.fieldIndex = f;
      this.state = state;
    }
    return i;
  }

  /** Called only for numbers that are not plainly valid: says why. */
  private checkNumber(next: number, digits: number, leadingZero: boolean, offset: number): void {
    if (next === DOT || next === LOWER_E || next === UPPER_E) this.fail(offset, 'non-integer number');
    if (leadingZero && digits > 1) this.fail(offset, 'number with leading zero');
    if (digits > MAX_DIGITS) this.fail(offset, 'number too large');
  }

  private unexpected(c: number, offset: number, wanted: string): never {
    if (c === MINUS) this.fail(offset, 'negative number');
    if (c === DOT || c === LOWER_E || c === UPPER_E || c === PLUS) this.fail(offset, 'non-integer number');
    if (c === RIGHT_BRACKET) this.fail(offset, 'trailing comma');
    this.fail(offset, `unexpected ${describeByte(c)}, expected ${wanted}`);
  }

  private fail(offset: number, reason: string): never {
    throw new SnapshotFormatError(this.source, offset, reason);
  }
}

/** `'x'` for printable ASCII, `byte 0x..` otherwise: error text stays one short line. */
export function describeByte(c: number): string {
  return c >= 0x21 && c <= 0x7e ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}
