// The hot loop: a resumable scanner for a flat JSON array of non-negative
// integers (`nodes`, `edges`, and the small optional number sections).
//
// Measured tricks (a per-byte if/else chain was ~25% slower): an inner loop over
// each run of digits, stopped by a non-digit sentinel written just past the
// chunk's end (no bounds test), and V8's `\n,` record separator taken in one step. Numbers are accumulated in a double: runs longer than 16 digits
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

// scanRun's registers: in/out state and why it stopped.
const K = 0;
const RECORDS = 1;
const FIELD = 2;
const STOP = 3;
const START = 4;
const DIGITS = 5;
const LEADING_ZERO = 6;
const REGISTERS = 7;
const STOP_AFTER_VALUE = 0; // a number followed by something other than a plain separator
const STOP_EXPECT_VALUE = 1; // a separator followed by a non-digit
const STOP_CHUNK_END = 2; // a number cut by the chunk end (value, START, DIGITS, LEADING_ZERO saved)
const STOP_BATCH_FULL = 3; // the batch is full and buf[i] is the next number's first digit
const STOP_ODD_NUMBER = 4; // a leading zero or over 16 digits (START holds where it began)
const STOP_FRACTION = 5; // digits followed by `.`, `e` or `E` at buf[i]: taken back, not a whole number

/**
 * The hot loop: number, separator, number, … from a digit at `buf[i]` until
 * anything unusual. A plain function over typed arrays and numbers so V8
 * optimises it once. Returns the index where it stopped; `regs[STOP]` says why.
 */
function scanRun(
  buf: Uint8Array,
  i: number,
  len: number,
  base: number,
  batch: Float64Array,
  ends: Float64Array,
  fields: number,
  regs: Int32Array,
  value: Float64Array,
): number {
  let k = regs[K]!;
  let r = regs[RECORDS]!;
  let f = regs[FIELD]!;
  let c = buf[i]!;
  let d = 0;
  let v = 0;
  let start = 0;
  let stop = STOP_AFTER_VALUE;
  for (;;) {
    start = i;
    v = c - DIGIT_0;
    i++;
    while ((d = buf[i]! - DIGIT_0) >>> 0 < 10) {
      v = v * 10 + d;
      i++;
    }
    if (i === len) {
      value[0] = v;
      regs[DIGITS] = i - start;
      regs[LEADING_ZERO] = c === DIGIT_0 ? 1 : 0;
      regs[START] = start;
      stop = STOP_CHUNK_END;
      break;
    }
    if (i - start > 1 && (c === DIGIT_0 || i - start > MAX_DIGITS)) {
      regs[START] = start;
      regs[DIGITS] = i - start;
      regs[LEADING_ZERO] = c === DIGIT_0 ? 1 : 0;
      stop = STOP_ODD_NUMBER;
      break;
    }
    batch[k++] = v;
    if (++f === fields) {
      f = 0;
      ends[r++] = base + i;
    }
    c = buf[i]!;
    if (c === COMMA) {
      c = buf[++i]!;
    } else if (c === NEWLINE && buf[i + 1] === COMMA) {
      i += 2;
      c = buf[i]!;
    } else {
      if (c === DOT || c === LOWER_E || c === UPPER_E) {
        // Not a whole number after all: take it back, so no check of its value can come first.
        k--;
        if (f === 0) {
          f = fields - 1;
          r--;
        } else {
          f--;
        }
        stop = STOP_FRACTION;
        break;
      }
      stop = STOP_AFTER_VALUE;
      break;
    }
    if ((c - DIGIT_0) >>> 0 >= 10) {
      stop = STOP_EXPECT_VALUE;
      break;
    }
    if (r === BATCH_RECORDS) {
      stop = STOP_BATCH_FULL;
      break;
    }
  }
  regs[K] = k;
  regs[RECORDS] = r;
  regs[FIELD] = f;
  regs[STOP] = stop;
  return i;
}

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
  /** Where that number began. */
  private numberStart = 0;
  /** Registers shared with scanRun (a plain function, so it optimises once); int32 so indexes stay small integers. */
  private readonly regs = new Int32Array(REGISTERS);
  private readonly valueReg = new Float64Array(1);

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
   * Runs the hot loop from a digit at `buf[i]`, flushing full batches to the sink. At
   * record boundaries the sink's direct path (if any) goes first; what it leaves, the
   * batches take, until the next boundary after a full batch.
   */
  private run(buf: Uint8Array, i: number, len: number, base: number): number {
    const regs = this.regs;
    regs[K] = this.k;
    regs[RECORDS] = this.records;
    regs[FIELD] = this.fieldIndex;
    for (;;) {
      if (regs[FIELD] === 0) {
        if (regs[RECORDS]! > 0) {
          this.sink.accept(this.batch, regs[RECORDS]!, this.ends);
          regs[K] = 0;
          regs[RECORDS] = 0;
        }
        const j = this.sink.scanDirect(buf, i, len);
        if (j !== i || this.sink.directAfterValue) {
          i = j;
          if (this.sink.directAfterValue) {
            this.state = AFTER_VALUE;
            break;
          }
        }
      }
      i = scanRun(buf, i, len, base, this.batch, this.ends, this.sink.fields, regs, this.valueReg);
      if (regs[RECORDS] === BATCH_RECORDS) {
        this.sink.accept(this.batch, BATCH_RECORDS, this.ends);
        regs[K] = 0;
        regs[RECORDS] = 0;
      }
      const stop = regs[STOP]!;
      if (stop === STOP_BATCH_FULL) continue;
      if (stop === STOP_CHUNK_END) {
        this.value = this.valueReg[0]!;
        this.numberStart = base + regs[START]!;
        this.digits = regs[DIGITS]!;
        this.leadingZero = regs[LEADING_ZERO] === 1;
        this.state = IN_NUMBER;
      } else if (stop === STOP_FRACTION) {
        this.k = regs[K]!;
        this.records = regs[RECORDS]!;
        this.fieldIndex = regs[FIELD]!;
        this.fail(base + i, 'non-integer number');
      } else if (stop === STOP_ODD_NUMBER) {
        this.k = regs[K]!;
        this.records = regs[RECORDS]!;
        this.fieldIndex = regs[FIELD]!;
        this.checkNumber(buf[i]!, regs[DIGITS]!, regs[LEADING_ZERO] === 1, base + i, base + regs[START]!);
      } else {
        this.state = stop === STOP_AFTER_VALUE ? AFTER_VALUE : EXPECT_VALUE;
      }
      break;
    }
    this.k = regs[K]!;
    this.records = regs[RECORDS]!;
    this.fieldIndex = regs[FIELD]!;
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
    this.checkNumber(buf[i]!, this.digits, this.leadingZero, base + i, this.numberStart);
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

  /**
   * True when the scan stands right after a whole record's separator; the records
   * read so far are then handed to the sink (as the next record would have).
   */
  flushAfterSeparator(): boolean {
    if (this.state !== EXPECT_VALUE || this.fieldIndex !== 0) return false;
    this.flush();
    return true;
  }

  /** Another thread parsed the records after that separator, up to the `]` fed next. */
  skipToEnd(): void {
    this.state = AFTER_VALUE;
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
  private checkNumber(next: number, digits: number, leadingZero: boolean, nextOffset: number, startOffset: number): void {
    // The same offsets whether or not a chunk boundary cut the number: `.`/`e` where it
    // stands, a leading zero or too many digits where the number begins.
    if (next === DOT || next === LOWER_E || next === UPPER_E) this.fail(nextOffset, 'non-integer number');
    if (leadingZero && digits > 1) this.fail(startOffset, 'number with leading zero');
    if (digits > MAX_DIGITS) this.fail(startOffset, 'number too large');
  }

  private unexpected(c: number, offset: number, wanted: string): never {
    if (c === MINUS) this.fail(offset, 'negative number');
    if (c === DOT || c === LOWER_E || c === UPPER_E || c === PLUS) this.fail(offset, 'non-integer number');
    if (c === RIGHT_BRACKET) this.fail(offset, 'trailing comma');
    this.fail(offset, `unexpected ${describeByte(c)}, expected ${wanted}`);
  }

  /**
   * Hands the whole records read so far to the sink, which checks their values: a
   * fault there lies before anything this scanner has yet to read.
   */
  flushPending(): void {
    this.flush();
  }

  private fail(offset: number, reason: string): never {
    // The records before the fault are checked first, so the first fault in the file is
    // the one reported whatever the read sizes (a batch is otherwise handed over when full).
    this.flush();
    throw new SnapshotFormatError(this.source, offset, reason);
  }
}

/** `'x'` for printable ASCII, `byte 0x..` otherwise: error text stays one short line. */
export function describeByte(c: number): string {
  return c >= 0x21 && c <= 0x7e ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}
