// Receives the strings section's tokens from the parser's StringArrayScanner and
// writes the redacted section: a string used as a name (class, function, property,
// edge, V8 label) is copied as written; any other string (values, and strings no
// node or edge refers to) becomes its salted replacement of the same length in
// UTF-16 units. Kept as well: the empty string, index 0's `<dummy>`, and the labels
// V8 writes for concatenated and sliced strings in place of their contents.
//
// Tokens are separated as V8 writes them (`,` and a newline) whatever the input used.
//
// It extends the parser's StringTableBuilder only to be accepted by StringArrayScanner;
// every method the scanner calls is overridden and nothing is stored in the table.

import { StringTableBuilder } from '../string-table.js';
import { BACKSLASH, COMMA, LOWER_U, NEWLINE, QUOTE } from '../scan/bytes.js';
import type { ByteOutput } from './byte-output.js';
import type { Replacer } from './replacement.js';
import type { StringBits } from './string-bits.js';

const DUMMY = Buffer.from('<dummy>', 'latin1');
const LABELS = ['(concatenated string)', '(sliced string)'].map((s) => Buffer.from(s, 'latin1'));

export interface StringCounts {
  /** Strings in the section. */
  strings: number;
  /** Kept because a node, edge, trace function or scope variable uses them as a name. */
  names: number;
  /** Empty strings and V8's placeholders, kept. */
  placeholders: number;
  /** Replaced, and the bytes of their tokens as written in the input. */
  redacted: number;
  redactedBytes: number;
  /** Of those, names that were replaced because they are script names. */
  scriptNames: number;
}

export class RedactingStrings extends StringTableBuilder {
  private index = 0;
  private collecting = false;
  private bytes = 0;
  readonly counts: StringCounts = { strings: 0, names: 0, placeholders: 0, redacted: 0, redactedBytes: 0, scriptNames: 0 };

  constructor(
    private readonly out: ByteOutput,
    private readonly replacer: Replacer,
    private readonly names: StringBits,
    /** Script names to replace even though they are names (undefined: keep them). */
    private readonly scripts: StringBits | undefined,
  ) {
    super();
  }

  override get length(): number {
    return this.index;
  }

  override get tokenLength(): number {
    return this.bytes;
  }

  override begin(): void {
    const out = this.out;
    if (this.index > 0) {
      out.byte(COMMA);
      out.byte(NEWLINE);
    }
    out.byte(QUOTE);
    this.bytes = 0;
    const i = this.index;
    this.collecting = !this.names.has(i) || (this.scripts !== undefined && this.scripts.has(i));
    if (this.collecting) this.replacer.begin();
  }

  override append(buf: Uint8Array, from: number, to: number): void {
    this.bytes += to - from;
    if (this.collecting) this.replacer.append(buf, from, to);
    else this.out.write(buf, from, to);
  }

  override appendByte(c: number): void {
    this.bytes++;
    if (this.collecting) this.replacer.appendByte(c);
    else this.out.byte(c);
  }

  override end(escaped: boolean): void {
    const counts = this.counts;
    if (!this.collecting) {
      counts.names++;
    } else {
      const token = this.replacer.token();
      if (token.length === 0 || (this.index === 0 && DUMMY.equals(token)) || LABELS.some((l) => l.equals(token))) {
        this.out.write(token, 0, token.length);
        counts.placeholders++;
      } else {
        const units = utf16Units(token, escaped);
        const at = this.out.reserve(units);
        this.replacer.replace(units, this.out.bytes, at);
        counts.redacted++;
        counts.redactedBytes += token.length;
        if (this.names.has(this.index)) counts.scriptNames++;
      }
    }
    this.out.byte(QUOTE);
    this.index++;
    counts.strings = this.index;
  }

  override finish(): never {
    throw new Error('RedactingStrings keeps no table');
  }
}

/**
 * Length in UTF-16 units of a token's decoded text, as the parser decodes it: escapes
 * count one unit each (a surrogate pair is two `\u` escapes); raw non-ASCII bytes,
 * which V8 never writes, are decoded as UTF-8.
 */
export function utf16Units(token: Uint8Array, escaped: boolean): number {
  let units = 0;
  for (let i = 0; i < token.length; units++) {
    const c = token[i]!;
    if (c >= 0x80) return decode(token, escaped).length;
    i += c !== BACKSLASH ? 1 : token[i + 1] === LOWER_U ? 6 : 2;
  }
  return units;
}

function decode(token: Uint8Array, escaped: boolean): string {
  const text = Buffer.from(token.buffer, token.byteOffset, token.length).toString('utf8');
  return escaped ? (JSON.parse('"' + text + '"') as string) : text;
}
