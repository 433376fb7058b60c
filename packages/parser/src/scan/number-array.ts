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
/** Records handed to the sink at a time. */
const BATCH_RECORDS = 8192;

export class NumberArrayScanner {
  private state = EXPECT_FIRST;
  /** Numbers of the current batch, and the current record's field index. */
  private readonly batch: Float64Array;
  private readonly ends = new Float64Array(BATCH_RECORDS);
  private k = 0;
  private records = 0;
  private fieldIndex = 0;
  /** Partial number carried across a chunk boundary. */
  private value = 0;
  private digits = 0;
  private leadingZero = false;

  constructor(
    private readonly sink: RecordSink,
    private readonly source: string,
  ) {
    this.batch = new Float64Array(BATCH_RECORDS * sink.fields);
  }

  get done(): boolean {
    return this.state === DONE;
  }

  /**
   * Scans `buf[i..len)`, where `buf[len]` holds the sentinel; `base` is the
   * absolute offset of `buf[0]`. Returns the index after the closing `]`, or
   * `len` when the chunk ran out first.
   */
  scan(buf: Uint8Array, i: number, len: number, base: number): number {
    while (i < len) {
      switch (this.state) {
        case IN_NUMBER:
          i = this.resumeNumber(buf, i, len, base);
          break;
        case EXPECT_FIRST:
        case EXPECT_VALUE: {
          const c = buf[i]!;
          if ((c - DIGIT_0) >>> 0 < 10) {
            i = this.run(buf, i, len, base);
          } else if (isWhitespace(c)) {
            i++;
          } else if (c === RIGHT_BRACKET && this.state === EXPECT_FIRST) {
            return this.close(base + i, i);
          } else {
            this.unexpected(c, base + i, 'a number');
          }
          break;
        }
        case AFTER_VALUE: {
          const c = buf[i]!;
          if (c === COMMA) {
            this.state = EXPECT_VALUE;
            i++;
          } else if (isWhitespace(c)) {
            i++;
          } else if (c === RIGHT_BRACKET) {
            return this.close(base + i, i);
          } else {
            this.unexpected(c, base + i, 'a comma or ]');
          }
          break;
        }
        default:
          return i;
      }
    }
    return i;
  }

  /**
   * The hot loop: number, separator, number, … from a digit at `buf[i]` until
   * anything unusual. Leaves `state` at AFTER_VALUE, EXPECT_VALUE or IN_NUMBER.
   */
  private run(buf: Uint8Array, i: number, len: number, base: number): number {
    const batch = this.batch;
    const ends = this.ends;
    const fields = this.sink.fields;
    let k = this.k;
    let r = this.records;
    let f = this.fieldIndex;
    let c = buf[i]!;
    let d = 0;
    let v = 0;
    let start = 0;
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
        this.state = IN_NUMBER;
        break;
      }
      if (i - start > 1 && (c === DIGIT_0 || i - start > MAX_DIGITS)) {
        this.checkNumber(buf[i]!, i - start, c === DIGIT_0, base + start);
      }
      batch[k++] = v;
      if (++f === fields) {
        f = 0;
        ends[r++] = base + i;
        if (r === BATCH_RECORDS) {
          this.sink.accept(batch, r, ends);
          r = 0;
          k = 0;
        }
      }
      c = buf[i]!;
      if (c === COMMA) {
        c = buf[++i]!;
      } else if (c === NEWLINE && buf[i + 1] === COMMA) {
        i += 2;
        c = buf[i]!;
      } else {
        this.state = AFTER_VALUE;
        break;
      }
      if ((c - DIGIT_0) >>> 0 >= 10) {
        this.state = EXPECT_VALUE;
        break;
      }
    }
    this.k = k;
    this.records = r;
    this.fieldIndex = f;
    return i;
  }

  /** Continues a number cut by the previous chunk's end. */
  private resumeNumber(buf: Uint8Array, i: number, len: number, base: number): number {
    let v = this.value;
    let d = 0;
    const start = i;
    while ((d = buf[i]! - DIGIT_0) >>> 0 < 10) {
      v = v * 10 + d;
      i++;
    }
    this.digits += i - start;
    this.value = v;
    if (i === len) return i;
    this.checkNumber(buf[i]!, this.digits, this.leadingZero, base + i);
    this.push(v, base + i);
    this.state = AFTER_VALUE;
    return i;
  }

  private push(v: number, offset: number): void {
    this.batch[this.k++] = v;
    if (++this.fieldIndex === this.sink.fields) {
      this.fieldIndex = 0;
      this.ends[this.records++] = offset;
      if (this.records === BATCH_RECORDS) this.flush();
    }
  }

  private flush(): void {
    if (this.records > 0) this.sink.accept(this.batch, this.records, this.ends);
    this.records = 0;
    this.k = 0;
  }

  private close(offset: number, i: number): number {
    this.flush();
    this.sink.close(this.fieldIndex, offset);
    this.state = DONE;
    return i + 1;
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
