// The document-level state machine of redaction: the same grammar and checks as
// SnapshotScanner (sections in V8's order, unknown ones skipped by structure), but
// every byte read is also written out. Bytes before the strings section are copied
// as they are; the parser's own section scanners read them, with sinks that only
// note which string indexes are names (node-names.ts, edge-names.ts,
// flat-names.ts). The strings section comes last in V8's files, so by then every
// name is known and each string is copied or replaced as it streams past
// (redacting-strings.ts). Memory: a bit per string and about one chunk.
//
// SnapshotScanner builds columns as it goes and offers no way to see the bytes, so
// this walker repeats its few top-level states rather than reusing it (see
// docs/DESIGN.md, "Redaction").

import { SnapshotFormatError } from '../errors.js';
import { parseHeader } from '../header.js';
import { edgeLayout, nodeLayout, type NodeLayout } from '../layout.js';
import { COLON, COMMA, LEFT_BRACE, LEFT_BRACKET, QUOTE, RIGHT_BRACE, BACKSLASH, SENTINEL, isWhitespace } from '../scan/bytes.js';
import { HeaderCollector } from '../scan/header-collector.js';
import { NumberArrayScanner, describeByte } from '../scan/number-array.js';
import { StringArrayScanner } from '../scan/string-array.js';
import { TraceTreeScanner } from '../scan/trace-tree.js';
import { ValueSkipper } from '../scan/value-skipper.js';
import type { SnapshotHeader } from '../types.js';
import type { ByteOutput } from './byte-output.js';
import { EdgeNameSink } from './edge-names.js';
import { FlatNameSink, type StringFields } from './flat-names.js';
import { LabelFinder } from './label-finder.js';
import { NodeNameSink } from './node-names.js';
import { RedactingStrings, type StringCounts } from './redacting-strings.js';
import type { Replacer } from './replacement.js';
import { ScriptFinder, type ScriptLabels } from './script-finder.js';
import { StringBits } from './string-bits.js';

const START = 0;
const KEY_OR_END = 1;
const KEY = 2;
const COLON_NEXT = 3;
const VALUE_NEXT = 4;
const HEADER = 5;
const SECTION = 6;
const AFTER_VALUE = 7;
const KEY_NEXT = 8;
const TRAILING = 9;

const SECTION_ORDER = ['snapshot', 'nodes', 'edges', 'trace_function_infos', 'trace_tree', 'samples', 'locations', 'strings'];
const MAX_KEY_BYTES = 64;
/** DevTools refuses string tables of 2^30 entries or more; a larger index read from a stream is damage. */
const MAX_STREAM_STRINGS = 2 ** 30;

interface SectionScanner {
  readonly done: boolean;
  scan(buf: Uint8Array, i: number, len: number, base: number): number;
}

export interface RedactPlan {
  readonly replacer: Replacer;
  /**
   * `find-labels`: the first pass of script redaction, which only looks for the labels
   * (nothing useful is written); `scripts`: replace script names too, given the labels.
   */
  readonly mode: { readonly kind: 'plain' } | { readonly kind: 'find-labels' } | { readonly kind: 'scripts'; readonly labels: ScriptLabels };
}

/** What a pass read and decided, for the report. */
export interface ScanSummary {
  readonly header: SnapshotHeader;
  readonly strings: StringCounts;
  readonly locations: number;
  readonly traceFunctionInfos: number;
  readonly scriptNodes: number;
  readonly skippedSections: readonly string[];
  readonly labels: ScriptLabels | undefined;
  /** Bytes of JSON text read. */
  readonly byteLength: number;
}

export class RedactScanner {
  private state = START;
  private base = 0;
  private key = '';
  private keyStart = 0;
  private rank = -1;
  private header: SnapshotHeader | undefined;
  private rawMeta: Record<string, unknown> = {};
  private layout: NodeLayout | undefined;
  private collector: HeaderCollector | undefined;
  private section: SectionScanner | undefined;
  private sectionName = '';
  private skipping = false;
  private readonly skipped: string[] = [];
  private readonly names = new StringBits();
  private readonly scriptBits: StringBits | undefined;
  private nodes: NodeNameSink | undefined;
  private edges: EdgeNameSink | undefined;
  private readonly flats = new Map<string, FlatNameSink>();
  private finder: ScriptFinder | undefined;
  private strings: StringArrayScanner | undefined;
  private redacting: RedactingStrings | undefined;
  private labelFinder: LabelFinder | undefined;
  private readonly nameLimit: number;

  constructor(
    private readonly source: string,
    /** Size of the JSON text when known up front (a plain file). */
    private readonly knownSize: number | undefined,
    private readonly out: ByteOutput,
    private readonly plan: RedactPlan,
  ) {
    // Every string takes at least two bytes (its quotes), so no index of a valid file reaches this.
    this.nameLimit = knownSize !== undefined ? Math.floor(knownSize / 2) + 1 : MAX_STREAM_STRINGS;
    this.scriptBits = plan.mode.kind === 'scripts' ? new StringBits() : undefined;
  }

  /** Scans `buf[0..len)` (one writable byte past it for the sentinel) and writes its redacted bytes to the output. */
  feed(buf: Uint8Array, len: number): void {
    buf[len] = SENTINEL;
    const base = this.base;
    const out = this.out;
    let i = 0;
    // Bytes from here up to i are copied as they are, unless the strings scanner takes them.
    let copyFrom = 0;
    while (i < len) {
      if (this.state === SECTION) {
        const section = this.section!;
        if (section === this.strings) {
          if (copyFrom < i) out.write(buf, copyFrom, i);
          i = section.scan(buf, i, len, base);
          // The strings sink writes the tokens; the closing `]` is copied with what follows.
          copyFrom = section.done ? i - 1 : i;
        } else {
          i = section.scan(buf, i, len, base);
        }
        if (section.done) this.endSection();
        continue;
      }
      if (this.state === HEADER) {
        const collector = this.collector!;
        i = collector.scan(buf, i, len, base);
        if (collector.done) this.endHeader();
        continue;
      }
      i += this.step(buf[i]!, base + i);
    }
    if (copyFrom < len) out.write(buf, copyFrom, len);
    this.base = base + len;
  }

  /** The input ended: checks it was complete, and what the strings section must have held. */
  end(): ScanSummary {
    if (this.state === START) this.fail(this.base, 'empty input');
    if (this.state !== TRAILING) {
      if (this.state === SECTION && this.section instanceof NumberArrayScanner) this.section.flushPending();
      this.fail(this.base, `unexpected end of input${this.sectionName ? ` in ${this.sectionName}` : ''}`);
    }
    const strings = this.redacting?.counts ?? { strings: this.labelFinder!.length, names: 0, placeholders: 0, redacted: 0, redactedBytes: 0, scriptNames: 0 };
    const at = this.strings!.closedAt;
    if (this.nodes!.maxName >= strings.strings) this.fail(at, 'node name index out of range');
    if (this.edges!.maxName >= strings.strings) this.fail(at, 'edge name index out of range');
    const entries = (name: string, fields: readonly string[]) => (this.flats.get(name)?.count ?? 0) / Math.max(1, fields.length);
    const meta = this.header!.meta;
    return {
      header: this.header!,
      strings,
      locations: entries('locations', meta.locationFields),
      traceFunctionInfos: entries('trace_function_infos', meta.traceFunctionInfoFields),
      scriptNodes: this.finder?.scripts ?? 0,
      skippedSections: [...this.skipped],
      labels: this.labelFinder?.found(),
      byteLength: this.base,
    };
  }

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
        else if (this.key.length >= MAX_KEY_BYTES || c < 0x20 || c > 0x7e || c === BACKSLASH) {
          this.fail(this.keyStart, this.rank < 0 ? 'not a heap snapshot' : 'invalid section name');
        } else this.key += String.fromCharCode(c);
        return 1;
      case COLON_NEXT:
        if (c === COLON) this.state = VALUE_NEXT;
        else if (!isWhitespace(c)) this.fail(offset, `unexpected ${describeByte(c)}, expected a colon`);
        return 1;
      case VALUE_NEXT:
        if (isWhitespace(c)) return 1;
        if (this.skipping) {
          // Chromium's scope variable names are string indexes: they are names too.
          const vars = c === LEFT_BRACKET && this.sectionName === 'scope_context_vars' ? this.scopeVariables() : undefined;
          this.section = vars ?? new ValueSkipper(this.source);
          this.state = SECTION;
          return vars ? 1 : 0;
        }
        if (this.rank === 0) {
          if (c !== LEFT_BRACE) this.fail(offset, 'snapshot header is not an object');
          this.collector = new HeaderCollector(this.source, offset);
          this.state = HEADER;
          return 0;
        }
        if (c !== LEFT_BRACKET) this.fail(offset, `${this.sectionName} is not an array`);
        this.openSection();
        this.state = SECTION;
        return 1;
      case AFTER_VALUE:
        if (c === COMMA) this.state = KEY_NEXT;
        else if (c === RIGHT_BRACE) this.endDocument(offset);
        else if (!isWhitespace(c)) this.fail(offset, `unexpected ${describeByte(c)} after ${this.sectionName}`);
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
    this.sectionName = this.key;
    this.state = COLON_NEXT;
  }

  private endHeader(): void {
    const collector = this.collector!;
    const text = collector.text();
    const header = parseHeader(text, this.source, collector.start);
    const layout = nodeLayout(header.meta);
    const numbers = header.nodeCount * layout.fieldCount + header.edgeCount * 3;
    if (this.knownSize !== undefined && numbers * 2 - 1 > this.knownSize) {
      this.fail(collector.start, 'header counts exceed file size (truncated file?)');
    }
    // parseHeader validated the JSON; meta keys it does not model are read here.
    this.rawMeta = (JSON.parse(text) as { meta: Record<string, unknown> }).meta;
    this.header = header;
    this.layout = layout;
    this.collector = undefined;
    this.state = AFTER_VALUE;
  }

  private openSection(): void {
    const header = this.header!;
    const meta = header.meta;
    const source = this.source;
    const mode = this.plan.mode;
    switch (this.sectionName) {
      case 'nodes': {
        if (mode.kind === 'scripts') this.finder = new ScriptFinder(meta, mode.labels, this.scriptBits!);
        const valueTypes = Uint8Array.from(meta.nodeTypes, (t) => (t === 'string' || t === 'concatenated string' || t === 'sliced string' ? 1 : 0));
        this.nodes = new NodeNameSink(source, this.layout!, header.nodeCount, meta.nodeTypes.length, valueTypes, this.names, this.nameLimit, this.finder);
        this.section = new NumberArrayScanner(this.nodes, source);
        return;
      }
      case 'edges': {
        const named = Uint8Array.from(meta.edgeTypes, (t) => (t !== 'element' && t !== 'hidden' ? 1 : 0));
        this.edges = new EdgeNameSink(source, edgeLayout(meta), header.edgeCount, named, this.layout!.fieldCount, header.nodeCount, this.names, this.nameLimit, this.finder);
        this.section = new NumberArrayScanner(this.edges, source);
        return;
      }
      case 'trace_tree':
        this.section = new TraceTreeScanner(source, meta.traceNodeFields);
        return;
      case 'strings':
        if (mode.kind === 'find-labels') {
          this.labelFinder = new LabelFinder();
          this.section = this.strings = new StringArrayScanner(this.labelFinder, source);
        } else {
          this.redacting = new RedactingStrings(this.out, this.plan.replacer, this.names, this.scriptBits);
          this.section = this.strings = new StringArrayScanner(this.redacting, source);
        }
        return;
      case 'trace_function_infos': {
        const f = meta.traceFunctionInfoFields;
        const scriptMarks = this.scriptBits ? [this.names, this.scriptBits] : [this.names];
        const fields: StringFields[] = [
          { offset: f.indexOf('name'), marks: [this.names] },
          { offset: f.indexOf('script_name'), marks: scriptMarks },
        ];
        this.section = this.flat(f.length, header.traceFunctionCount * f.length, fields);
        return;
      }
      default:
        this.section = this.flat((this.sectionName === 'samples' ? meta.sampleFields : meta.locationFields).length, undefined, []);
    }
  }

  private flat(stride: number, expected: number | undefined, fields: readonly StringFields[]): NumberArrayScanner {
    const sink = new FlatNameSink(this.source, this.sectionName, stride, expected, fields, this.nameLimit);
    this.flats.set(this.sectionName, sink);
    return new NumberArrayScanner(sink, this.source);
  }

  /** `scope_context_vars` read as a flat array when meta says where its name field is, else undefined. */
  private scopeVariables(): NumberArrayScanner | undefined {
    const fields = this.rawMeta['scope_context_var_fields'];
    if (!Array.isArray(fields) || !fields.every((f) => typeof f === 'string')) return undefined;
    const at = (fields as string[]).indexOf('name');
    return at < 0 ? undefined : this.flat(fields.length, undefined, [{ offset: at, marks: [this.names] }]);
  }

  private endSection(): void {
    if (this.sectionName === 'nodes') {
      const nodes = this.nodes!;
      if (nodes.edgeSum !== this.header!.edgeCount) this.fail(nodes.closedAt, 'edge_count sum does not match edge_count');
    }
    if (this.sectionName === 'edges') this.finder?.finish();
    this.section = undefined;
    this.state = AFTER_VALUE;
  }

  private endDocument(offset: number): void {
    if (this.rank < 0) this.fail(offset, 'not a heap snapshot');
    for (const required of ['nodes', 'edges', 'strings'] as const) {
      const present = required === 'nodes' ? this.nodes : required === 'edges' ? this.edges : this.strings;
      if (!present) this.fail(offset, `missing ${required} section`);
    }
    this.state = TRAILING;
  }

  private fail(offset: number, reason: string): never {
    throw new SnapshotFormatError(this.source, offset, reason);
  }
}

function looksLikeJson(c: number): boolean {
  return c === LEFT_BRACKET || c === QUOTE || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x74 || c === 0x66 || c === 0x6e;
}
