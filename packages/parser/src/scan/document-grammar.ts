// The document-level grammar of a snapshot, apart from what is done with its
// sections:
//
//   {"snapshot":{…header…},"nodes":[…],"edges":[…],"trace_function_infos":[…],
//    "trace_tree":[…],"samples":[…],"locations":[…],"strings":[…]}
//
// Known sections must come in V8's order; `nodes`, `edges` and `strings` are
// required; unknown sections may stand anywhere and are handed over by name. The
// header is collected and parsed here. A reader supplies a scanner for each
// section (DocumentSections); the parser (SnapshotScanner) and the redaction pass
// share it, so both give the same checks and error messages.

import { SnapshotFormatError } from '../errors.js';
import { parseHeader } from '../header.js';
import { nodeLayout } from '../layout.js';
import type { SnapshotHeader } from '../types.js';
import { BACKSLASH, COLON, COMMA, LEFT_BRACE, LEFT_BRACKET, QUOTE, RIGHT_BRACE, SENTINEL, isWhitespace } from './bytes.js';
import { HeaderCollector } from './header-collector.js';
import { describeByte } from './number-array.js';

const START = 0; // before the document's `{`
const KEY_OR_END = 1; // after `{`: a key (or `}` → not a snapshot)
const KEY = 2; // inside a key string
const COLON_NEXT = 3;
const VALUE_NEXT = 4; // the section's `{` or `[`
const HEADER = 5;
const SECTION = 6;
const AFTER_VALUE = 7; // `,` or `}`
const KEY_NEXT = 8; // after `,`: a key
const TRAILING = 9; // after the final `}`: whitespace only

/** Section keys in V8's order; the index is the rank that must increase. */
export const SECTION_ORDER = ['snapshot', 'nodes', 'edges', 'trace_function_infos', 'trace_tree', 'samples', 'locations', 'strings'];
const MAX_KEY_BYTES = 64;

export interface SectionScanner {
  readonly done: boolean;
  scan(buf: Uint8Array, i: number, len: number, base: number): number;
  /** Hands over records read but not yet checked, before an end-of-input error is reported. */
  flushPending?(): void;
}

/** What a reader does with the sections. */
export interface DocumentSections {
  /** The header was read and parsed. */
  readHeader(header: SnapshotHeader, text: string, offset: number): void;
  /** A known section's `[` was read: its scanner, which starts after that byte. */
  open(name: string): SectionScanner;
  /**
   * An unknown section's value starts with `c`: its scanner, and whether that scanner
   * takes `c` itself (a structural skipper) or starts after it (an array reader).
   */
  openUnknown(name: string, c: number): { readonly scanner: SectionScanner; readonly takesFirstByte: boolean };
  /** A section's value ended. */
  close(name: string): void;
}

export class DocumentGrammar {
  private state = START;
  private key = '';
  private keyStart = 0;
  private rank = -1;
  private collector: HeaderCollector | undefined;
  private section: SectionScanner | undefined;
  private name = '';
  private skipping = false;
  private readonly seen = new Set<string>();
  /** Unknown sections in file order. */
  readonly skipped: string[] = [];

  constructor(
    private readonly source: string,
    /** Size of the JSON text when known up front (a plain file), to refuse impossible headers. */
    private readonly knownSize: number | undefined,
    private readonly sections: DocumentSections,
  ) {}

  /** Scans `buf[0..len)`, where `base` is the offset of `buf[0]`; writes the sentinel at `buf[len]`. */
  feed(buf: Uint8Array, len: number, base: number): void {
    buf[len] = SENTINEL;
    let i = 0;
    while (i < len) {
      if (this.state === SECTION) {
        const section = this.section!;
        i = section.scan(buf, i, len, base);
        if (section.done) this.endSection();
      } else if (this.state === HEADER) {
        const collector = this.collector!;
        i = collector.scan(buf, i, len, base);
        if (collector.done) this.endHeader();
      } else {
        i += this.step(buf[i]!, base + i);
      }
    }
  }

  /** The input ended at `offset`: refuses an incomplete document. */
  end(offset: number): void {
    if (this.state === START) this.fail(offset, 'empty input');
    if (this.state !== TRAILING) {
      // A fault in the records already read comes first.
      if (this.state === SECTION) this.section!.flushPending?.();
      this.fail(offset, `unexpected end of input${this.name ? ` in ${this.name}` : ''}`);
    }
  }

  /** One structural byte outside the header and the sections; returns 0 to leave it to a skipped section. */
  private step(c: number, offset: number): number {
    switch (this.state) {
      case START:
        if (c === LEFT_BRACE) this.state = KEY_OR_END;
        else if (!isWhitespace(c)) this.fail(offset, looksLikeJson(c) ? 'not a heap snapshot' : 'not JSON');
        return 1;
      case KEY_OR_END:
      case KEY_NEXT:
        if (c === QUOTE) {
          this.state = KEY;
          this.key = '';
          this.keyStart = offset;
        } else if (!isWhitespace(c)) {
          this.fail(offset, this.rank < 0 ? 'not a heap snapshot' : `unexpected ${describeByte(c)}, expected a section name`);
        }
        return 1;
      case KEY:
        if (c === QUOTE) this.startKey();
        // Section names are plain ASCII words; an escape in one is damage (V8 never writes one).
        else if (this.key.length >= MAX_KEY_BYTES || c < 0x20 || c > 0x7e || c === BACKSLASH) {
          this.fail(this.keyStart, this.rank < 0 ? 'not a heap snapshot' : 'invalid section name');
        } else this.key += String.fromCharCode(c);
        return 1;
      case COLON_NEXT:
        if (c === COLON) this.state = VALUE_NEXT;
        else if (!isWhitespace(c)) this.fail(offset, `unexpected ${describeByte(c)}, expected a colon`);
        return 1;
      case VALUE_NEXT: {
        if (isWhitespace(c)) return 1;
        if (this.skipping) {
          const { scanner, takesFirstByte } = this.sections.openUnknown(this.name, c);
          this.section = scanner;
          this.state = SECTION;
          return takesFirstByte ? 0 : 1;
        }
        if (this.rank === 0) {
          if (c !== LEFT_BRACE) this.fail(offset, 'snapshot header is not an object');
          // The collector takes this `{` itself.
          this.collector = new HeaderCollector(this.source, offset);
          this.state = HEADER;
          return 0;
        }
        if (c !== LEFT_BRACKET) this.fail(offset, `${this.name} is not an array`);
        this.section = this.sections.open(this.name);
        this.seen.add(this.name);
        this.state = SECTION;
        return 1;
      }
      case AFTER_VALUE:
        if (c === COMMA) this.state = KEY_NEXT;
        else if (c === RIGHT_BRACE) this.endDocument(offset);
        else if (!isWhitespace(c)) this.fail(offset, `unexpected ${describeByte(c)} after ${this.name}`);
        return 1;
      case TRAILING:
        if (!isWhitespace(c)) this.fail(offset, 'trailing garbage after snapshot');
        return 1;
    }
    return 1;
  }

  private startKey(): void {
    const rank = SECTION_ORDER.indexOf(this.key);
    if (this.rank < 0 && rank !== 0) this.fail(this.keyStart, 'not a heap snapshot');
    this.skipping = rank < 0;
    if (this.skipping) {
      if (this.skipped.includes(this.key)) this.fail(this.keyStart, `duplicate section ${this.key}`);
      this.skipped.push(this.key);
    } else {
      if (rank <= this.rank) this.fail(this.keyStart, `section ${this.key} out of order`);
      this.rank = rank;
    }
    this.name = this.key;
    this.state = COLON_NEXT;
  }

  private endHeader(): void {
    const collector = this.collector!;
    const text = collector.text();
    const header = parseHeader(text, this.source, collector.start);
    const numbers = header.nodeCount * nodeLayout(header.meta).fieldCount + header.edgeCount * 3;
    // Every number takes at least one digit and one separator.
    if (this.knownSize !== undefined && numbers * 2 - 1 > this.knownSize) {
      this.fail(collector.start, 'header counts exceed file size (truncated file?)');
    }
    this.collector = undefined;
    this.state = AFTER_VALUE;
    this.sections.readHeader(header, text, collector.start);
  }

  private endSection(): void {
    this.section = undefined;
    this.state = AFTER_VALUE;
    this.sections.close(this.name);
  }

  private endDocument(offset: number): void {
    if (this.rank < 0) this.fail(offset, 'not a heap snapshot');
    for (const required of ['nodes', 'edges', 'strings']) if (!this.seen.has(required)) this.fail(offset, `missing ${required} section`);
    this.state = TRAILING;
  }

  private fail(offset: number, reason: string): never {
    throw new SnapshotFormatError(this.source, offset, reason);
  }
}

/** Bytes that can start a JSON value other than an object. */
function looksLikeJson(c: number): boolean {
  return c === LEFT_BRACKET || c === QUOTE || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x74 || c === 0x66 || c === 0x6e;
}
