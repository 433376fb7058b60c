// Skips one JSON value of a section we do not model (Chromium's `scopes`,
// `scope_context_vars`, `scope_uses`, future additions), checking that it is
// valid JSON on the way: a damaged unknown section must not make a damaged file
// look valid. Nothing is kept. Nesting lives on an explicit stack (no recursion),
// so a hostile 10^6-deep value costs one byte per level.

import { SnapshotFormatError } from '../errors.js';
import { resize } from '../resize.js';
import { describeByte } from './number-array.js';
import {
  BACKSLASH,
  COLON,
  COMMA,
  DIGIT_0,
  DOT,
  LEFT_BRACE,
  LEFT_BRACKET,
  LOWER_E,
  LOWER_U,
  MINUS,
  PLUS,
  QUOTE,
  RIGHT_BRACE,
  RIGHT_BRACKET,
  UPPER_E,
  isHexDigit,
  isSimpleEscape,
  isWhitespace,
} from './bytes.js';

const MAX_DEPTH = 1 << 20;

// What the next significant byte may be.
const VALUE = 0; // any value
const VALUE_OR_CLOSE = 1; // after `[`: a value or `]`
const KEY = 2; // after `,` in an object: a key string
const KEY_OR_CLOSE = 3; // after `{`: a key string or `}`
const COLON_NEXT = 4; // after a key
const AFTER_VALUE = 5; // `,` or the container's closing bracket
const IN_STRING = 6;
const IN_ESCAPE = 7;
const IN_UNICODE = 8;
const IN_NUMBER = 9;
const IN_LITERAL = 10;
const DONE = 11;

// Number grammar, -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, as sub-states.
const N_SIGN = 0; // after `-`: a digit
const N_ZERO = 1; // after a leading 0: `.`, `e` or the end
const N_INT = 2; // in integer digits
const N_DOT = 3; // after `.`: a digit
const N_FRAC = 4; // in fraction digits
const N_EXP = 5; // after `e`: sign or digit
const N_EXP_SIGN = 6; // after the exponent's sign: a digit
const N_EXP_INT = 7; // in exponent digits

const LITERALS = ['true', 'false', 'null'].map((w) => Buffer.from(w, 'latin1'));

function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_0 + 9;
}

export class ValueSkipper {
  private stack = new Uint8Array(16); // LEFT_BRACKET or LEFT_BRACE per open container
  private depth = 0;
  private state = VALUE;
  /** Whether the string being read is an object key (then a colon follows). */
  private stringIsKey = false;
  private hexLeft = 0;
  private number = N_SIGN;
  private literal: Buffer = LITERALS[0]!;
  private literalAt = 0;

  constructor(private readonly source: string) {}

  get done(): boolean {
    return this.state === DONE;
  }

  /** Same contract as the other section scanners, but starts before the value's first byte. */
  scan(buf: Uint8Array, i: number, len: number, base: number): number {
    while (i < len) {
      const c = buf[i]!;
      switch (this.state) {
        case IN_STRING:
          if (c === QUOTE) this.endScalar(this.stringIsKey);
          else if (c === BACKSLASH) this.state = IN_ESCAPE;
          else if (c < 0x20) this.fail(base + i, 'control character in string');
          i++;
          break;
        case IN_ESCAPE:
          if (c === LOWER_U) {
            this.hexLeft = 4;
            this.state = IN_UNICODE;
          } else if (isSimpleEscape(c)) {
            this.state = IN_STRING;
          } else this.fail(base + i, 'invalid escape in string');
          i++;
          break;
        case IN_UNICODE:
          if (!isHexDigit(c)) this.fail(base + i, 'invalid \\u escape in string');
          if (--this.hexLeft === 0) this.state = IN_STRING;
          i++;
          break;
        case IN_NUMBER:
          if (this.numberByte(c, base + i)) i++;
          else if (this.done) return i; // a top-level number ends at the byte after it
          break;
        case IN_LITERAL:
          if (c !== this.literal[this.literalAt]) this.fail(base + i, 'invalid literal');
          i++;
          if (++this.literalAt === this.literal.length) this.endScalar(false);
          break;
        case DONE:
          return i;
        default:
          if (isWhitespace(c)) i++;
          else {
            this.structural(c, base + i);
            i++;
          }
          if (this.state === DONE) return i;
      }
    }
    return i;
  }

  /** A significant byte outside strings, numbers and literals. */
  private structural(c: number, offset: number): void {
    switch (this.state) {
      case KEY_OR_CLOSE:
        if (c === RIGHT_BRACE) return this.close(c, offset);
        return this.startKey(c, offset);
      case KEY:
        return this.startKey(c, offset);
      case COLON_NEXT:
        if (c !== COLON) this.fail(offset, `unexpected ${describeByte(c)}, expected a colon`);
        this.state = VALUE;
        return;
      case AFTER_VALUE:
        if (c === COMMA) {
          this.state = this.stack[this.depth - 1] === LEFT_BRACE ? KEY : VALUE;
          return;
        }
        if (c === RIGHT_BRACKET || c === RIGHT_BRACE) return this.close(c, offset);
        return this.fail(offset, `unexpected ${describeByte(c)}, expected a comma or a closing bracket`);
      case VALUE_OR_CLOSE:
        if (c === RIGHT_BRACKET) return this.close(c, offset);
        return this.startValue(c, offset);
      case VALUE:
        return this.startValue(c, offset);
    }
  }

  private startKey(c: number, offset: number): void {
    if (c !== QUOTE) this.fail(offset, `unexpected ${describeByte(c)}, expected a key`);
    this.stringIsKey = true;
    this.state = IN_STRING;
  }

  private startValue(c: number, offset: number): void {
    if (c === QUOTE) {
      this.stringIsKey = false;
      this.state = IN_STRING;
    } else if (c === LEFT_BRACKET || c === LEFT_BRACE) {
      if (this.depth === MAX_DEPTH) this.fail(offset, 'nested too deeply');
      if (this.depth === this.stack.length) {
        this.stack = resize(this.stack, new Uint8Array(this.stack.length * 2));
      }
      this.stack[this.depth++] = c;
      this.state = c === LEFT_BRACKET ? VALUE_OR_CLOSE : KEY_OR_CLOSE;
    } else if (c === MINUS || isDigit(c)) {
      this.number = c === MINUS ? N_SIGN : c === DIGIT_0 ? N_ZERO : N_INT;
      this.state = IN_NUMBER;
    } else {
      const word = LITERALS.find((w) => w[0] === c);
      if (!word) this.fail(offset, `unexpected ${describeByte(c)}, expected a value`);
      this.literal = word;
      this.literalAt = 1;
      this.state = IN_LITERAL;
    }
  }

  /** Consumes `c` as part of a number and returns true, or ends the number and returns false. */
  private numberByte(c: number, offset: number): boolean {
    const digit = isDigit(c);
    switch (this.number) {
      case N_SIGN:
        if (!digit) this.fail(offset, 'invalid number');
        this.number = c === DIGIT_0 ? N_ZERO : N_INT;
        return true;
      case N_ZERO:
        if (digit) this.fail(offset, 'leading zero');
        break;
      case N_INT:
        if (digit) return true;
        break;
      case N_DOT:
        if (!digit) this.fail(offset, 'invalid number');
        this.number = N_FRAC;
        return true;
      case N_FRAC:
        if (digit) return true;
        if (c === DOT) this.fail(offset, 'invalid number');
        break;
      case N_EXP:
        if (c === PLUS || c === MINUS) {
          this.number = N_EXP_SIGN;
          return true;
        }
        return this.exponentDigit(digit, offset);
      case N_EXP_SIGN:
        return this.exponentDigit(digit, offset);
      case N_EXP_INT:
        if (digit) return true;
        if (c === DOT || c === LOWER_E || c === UPPER_E) this.fail(offset, 'invalid number');
        this.endScalar(false);
        return false;
    }
    // After integer or fraction digits: a fraction, an exponent, or the end.
    if (c === DOT && (this.number === N_ZERO || this.number === N_INT)) {
      this.number = N_DOT;
      return true;
    }
    if (c === LOWER_E || c === UPPER_E) {
      this.number = N_EXP;
      return true;
    }
    this.endScalar(false);
    return false;
  }

  /** The first digit of an exponent. */
  private exponentDigit(digit: boolean, offset: number): true {
    if (!digit) this.fail(offset, 'invalid number');
    this.number = N_EXP_INT;
    return true;
  }

  private endScalar(isKey: boolean): void {
    this.state = isKey ? COLON_NEXT : this.depth === 0 ? DONE : AFTER_VALUE;
  }

  private close(c: number, offset: number): void {
    const open = c === RIGHT_BRACKET ? LEFT_BRACKET : LEFT_BRACE;
    if (this.depth === 0 || this.stack[this.depth - 1] !== open) this.fail(offset, 'unbalanced brackets');
    this.state = --this.depth === 0 ? DONE : AFTER_VALUE;
  }

  private fail(offset: number, reason: string): never {
    throw new SnapshotFormatError(this.source, offset, reason);
  }
}
