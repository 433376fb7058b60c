// The top-level state machine over the whole document:
//
//   {"snapshot":{…header…},"nodes":[…],"edges":[…],"trace_function_infos":[…],
//    "trace_tree":[…],"samples":[…],"locations":[…],"strings":[…]}
//
// Known sections must come in V8's order; the optional ones may be missing
// (older V8, other producers) but `nodes`, `edges` and `strings` are required.
// Sections we do not model (Chromium's `scopes`, `scope_context_vars`,
// `scope_uses`, …) are skipped wherever they appear and their names recorded. Bytes are
// pushed in with `feed()`; each chunk must have one writable byte past its end
// for the digit loops' sentinel.

import { EdgeSink } from './edge-sink.js';
import { SnapshotFormatError } from './errors.js';
import { FlatSink } from './flat-sink.js';
import { parseHeader } from './header.js';
import { estimateSnapshotBytes, type WorkBytes } from './memory-estimate.js';
import { PreflightError } from './preflight-error.js';
import { edgeLayout, nodeLayout, type NodeLayout } from './layout.js';
import { NodeSink } from './node-sink.js';
import { BACKSLASH, COLON, COMMA, LEFT_BRACE, LEFT_BRACKET, QUOTE, RIGHT_BRACE, SENTINEL, isWhitespace } from './scan/bytes.js';
import { HeaderCollector } from './scan/header-collector.js';
import { NumberArrayScanner, describeByte } from './scan/number-array.js';
import { StringArrayScanner } from './scan/string-array.js';
import { TraceTreeScanner } from './scan/trace-tree.js';
import { ValueSkipper } from './scan/value-skipper.js';
import { StringTableBuilder } from './string-table.js';
import type { EdgeColumns, HeapSnapshot, SnapshotHeader } from './types.js';

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
const SECTION_ORDER = ['snapshot', 'nodes', 'edges', 'trace_function_infos', 'trace_tree', 'samples', 'locations', 'strings'];
const MAX_KEY_BYTES = 64;

/** Columns of streams of unknown size start this many records long and double (see NodeSink). */
const UNKNOWN_SIZE_INITIAL_NODES = 1 << 20;
const UNKNOWN_SIZE_INITIAL_EDGES = 1 << 20;

/** A memory limit checked once the header is read (see memory-estimate.ts). */
export interface MemoryCheck {
  readonly maxBytes: number;
  readonly work?: WorkBytes;
}

interface SectionScanner {
  readonly done: boolean;
  scan(buf: Uint8Array, i: number, len: number, base: number): number;
}

export class SnapshotScanner {
  private state = START;
  private base = 0;
  private key = '';
  private keyStart = 0;
  private rank = -1;
  private header: SnapshotHeader | undefined;
  private layout: NodeLayout | undefined;
  private collector: HeaderCollector | undefined;
  private section: SectionScanner | undefined;
  private sectionName = '';
  private nodes: NodeSink | undefined;
  private edges: EdgeSink | undefined;
  private strings: StringArrayScanner | undefined;
  private readonly stringTable = new StringTableBuilder();
  private traceTree: TraceTreeScanner | undefined;
  private readonly flats = new Map<string, FlatSink>();
  private readonly skipped: string[] = [];
  private skipping = false;
  private presetEdges: EdgeColumns | undefined;
  private tailEdges = 0;

  constructor(
    private readonly source: string,
    /** Size of the JSON text when known up front (a plain file), to refuse impossible headers. */
    private readonly knownSize: number | undefined,
    private readonly memory?: MemoryCheck,
  ) {}

  /** The header, once read. */
  get snapshotHeader(): SnapshotHeader | undefined {
    return this.header;
  }

  /** Node record width, once the header is read. */
  get nodeFieldCount(): number {
    return this.layout?.fieldCount ?? 0;
  }

  /**
   * Columns the edges are to be written into (shared with the thread parsing the
   * section's end). False when the section was already opened: too late.
   */
  presetEdgeColumns(columns: EdgeColumns): boolean {
    if (this.edges !== undefined || this.rank >= 2) return false;
    this.presetEdges = columns;
    // The edge starts join the shared columns: the analysis's worker reads both.
    this.nodes?.shareStarts();
    return true;
  }

  /**
   * Another thread parsed the last `records` edges, from the byte after the last one
   * fed up to the section's `]` at `resumeAt`. Accepted only when the scan stands just
   * after an edge record's separator and the counts add up to edge_count; then the
   * next byte fed is the one at `resumeAt`.
   */
  joinEdgeTail(records: number, resumeAt: number): boolean {
    if (this.state !== SECTION || this.sectionName !== 'edges' || this.edges === undefined || this.presetEdges === undefined) return false;
    const scan = this.section as NumberArrayScanner;
    if (!scan.flushAfterSeparator() || this.edges.taken + records !== this.header!.edgeCount) return false;
    scan.skipToEnd();
    this.edges.adoptTail(records);
    this.tailEdges = records;
    this.base = resumeAt;
    return true;
  }

  /** Scans `buf[0..len)`; writes the sentinel at `buf[len]`. */
  feed(buf: Uint8Array, len: number): void {
    buf[len] = SENTINEL;
    const base = this.base;
    let i = 0;
    while (i < len) {
      if (this.state === SECTION) {
        const section = this.section!;
        i = section.scan(buf, i, len, base);
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
    this.base = base + len;
  }

  /** The input ended: checks completeness and cross-references, and returns the snapshot. */
  end(): HeapSnapshot {
    if (this.state === START) this.fail(this.base, 'empty input');
    if (this.state !== TRAILING) {
      // A fault in the records already read comes first.
      if (this.state === SECTION && this.section instanceof NumberArrayScanner) this.section.flushPending();
      this.fail(this.base, `unexpected end of input${this.sectionName ? ` in ${this.sectionName}` : ''}`);
    }
    const header = this.header!;
    const nodes = this.nodes!.columns();
    const edges = this.edges!.columns();
    const strings = this.stringTable.finish();
    const at = this.strings!.closedAt;
    checkIndexes(nodes.name, strings.length, () => this.fail(at, 'node name index out of range'));
    // `element` and `hidden` edges carry a number, every other type a string index.
    const named = Uint8Array.from(header.meta.edgeTypes, (t) => (t !== 'element' && t !== 'hidden' ? 1 : 0));
    if (firstBadEdgeName(edges.nameOrIndex, edges.type, named, strings.length) >= 0) this.fail(at, 'edge name index out of range');
    const traceFunctionInfos = this.flats.get('trace_function_infos')?.values();
    const traceTree = this.traceTree?.tree();
    const samples = this.flats.get('samples')?.values();
    const locations = this.flats.get('locations')?.values();
    return {
      header,
      nodes,
      edges,
      firstEdge: this.nodes!.firstEdge(),
      strings,
      ...(traceFunctionInfos ? { traceFunctionInfos } : {}),
      ...(traceTree ? { traceTree } : {}),
      ...(samples ? { samples } : {}),
      ...(locations ? { locations } : {}),
      ...(this.skipped.length > 0 ? { skippedSections: [...this.skipped] } : {}),
      ...(this.tailEdges > 0 ? { edgesBySecondThread: this.tailEdges } : {}),
      source: this.source,
      byteLength: this.base,
    };
  }

  /** One structural byte outside the header and the sections; returns 0 to leave it for a skipped section. */
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
        else if (this.key.length >= MAX_KEY_BYTES || c < 0x20 || c > 0x7e || c === BACKSLASH) this.badKey(this.keyStart);
        else this.key += String.fromCharCode(c);
        return 1;
      case COLON_NEXT:
        if (c === COLON) this.state = VALUE_NEXT;
        else if (!isWhitespace(c)) this.fail(offset, `unexpected ${describeByte(c)}, expected a colon`);
        return 1;
      case VALUE_NEXT:
        if (isWhitespace(c)) return 1;
        if (this.skipping) {
          this.section = new ValueSkipper(this.source);
          this.state = SECTION;
          return 0;
        } else if (this.rank === 0) {
          if (c !== LEFT_BRACE) this.fail(offset, 'snapshot header is not an object');
          // Like a skipped section's scanner, the collector takes this `{` itself (return 0).
          this.collector = new HeaderCollector(this.source, offset);
          this.state = HEADER;
          return 0;
        } else {
          if (c !== LEFT_BRACKET) this.fail(offset, `${this.sectionName} is not an array`);
          this.openSection();
          this.state = SECTION;
        }
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

  private badKey(offset: number): never {
    return this.fail(offset, this.rank < 0 ? 'not a heap snapshot' : 'invalid section name');
  }

  private endHeader(): void {
    const collector = this.collector!;
    const header = parseHeader(collector.text(), this.source, collector.start);
    const layout = nodeLayout(header.meta);
    const numbers = header.nodeCount * layout.fieldCount + header.edgeCount * 3;
    // Every number takes at least one digit and one separator.
    if (this.knownSize !== undefined && numbers * 2 - 1 > this.knownSize) {
      this.fail(collector.start, 'header counts exceed file size (truncated file?)');
    }
    // Before any column: the sections open only after this.
    if (this.memory !== undefined) {
      const needed = estimateSnapshotBytes(header, this.knownSize, this.memory.work);
      if (needed > this.memory.maxBytes) throw new PreflightError(this.source, needed, this.memory.maxBytes);
    }
    this.header = header;
    this.layout = layout;
    this.collector = undefined;
    this.state = AFTER_VALUE;
  }

  private openSection(): void {
    const header = this.header!;
    const meta = header.meta;
    const source = this.source;
    const known = this.knownSize !== undefined;
    switch (this.sectionName) {
      case 'nodes': {
        this.nodes = new NodeSink(source, this.layout!, header.nodeCount, meta.nodeTypes.length, known ? header.nodeCount : UNKNOWN_SIZE_INITIAL_NODES);
        if (this.presetEdges !== undefined) this.nodes.shareStarts();
        this.section = new NumberArrayScanner(this.nodes, source);
        return;
      }
      case 'edges': {
        this.edges = new EdgeSink(
          source,
          edgeLayout(meta),
          header.edgeCount,
          meta.edgeTypes.length,
          this.layout!.fieldCount,
          header.nodeCount,
          known ? header.edgeCount : UNKNOWN_SIZE_INITIAL_EDGES,
          this.presetEdges,
        );
        this.section = new NumberArrayScanner(this.edges, source);
        return;
      }
      case 'trace_tree':
        this.section = this.traceTree = new TraceTreeScanner(source, meta.traceNodeFields);
        return;
      case 'strings':
        this.section = this.strings = new StringArrayScanner(this.stringTable, source);
        return;
      default: {
        const fields =
          this.sectionName === 'trace_function_infos' ? meta.traceFunctionInfoFields : this.sectionName === 'samples' ? meta.sampleFields : meta.locationFields;
        const expected = this.sectionName === 'trace_function_infos' ? header.traceFunctionCount * fields.length : undefined;
        const sink = new FlatSink(source, this.sectionName, fields.length, expected);
        this.flats.set(this.sectionName, sink);
        this.section = new NumberArrayScanner(sink, source);
      }
    }
  }

  private endSection(): void {
    if (this.sectionName === 'nodes') {
      const nodes = this.nodes!;
      if (nodes.edgeSum !== this.header!.edgeCount) this.fail(nodes.closedAt, 'edge_count sum does not match edge_count');
    }
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

function firstBadEdgeName(names: Uint32Array, types: Uint8Array, named: Uint8Array, limit: number): number {
  for (let e = 0; e < names.length; e++) if (names[e]! >= limit && named[types[e]!] === 1) return e;
  return -1;
}

function checkIndexes(column: Uint32Array, limit: number, fail: () => never): void {
  for (let i = 0; i < column.length; i++) if (column[i]! >= limit) fail();
}

/** Bytes that can start a JSON value other than an object. */
function looksLikeJson(c: number): boolean {
  return c === LEFT_BRACKET || c === QUOTE || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x74 || c === 0x66 || c === 0x6e;
}
