// Reads a whole snapshot into columns: the document grammar (scan/document-grammar.ts)
// checks the structure and hands each section to the scanner opened here. The optional
// sections may be missing (older V8, other producers); sections we do not model
// (Chromium's `scopes`, `scope_context_vars`, `scope_uses`, …) are skipped wherever
// they appear and their names recorded. Bytes are pushed in with `feed()`; each chunk
// must have one writable byte past its end for the digit loops' sentinel.

import { EdgeSink } from './edge-sink.js';
import { SnapshotFormatError } from './errors.js';
import { FlatSink } from './flat-sink.js';
import { estimateSnapshotBytes, type WorkBytes } from './memory-estimate.js';
import { PreflightError } from './preflight-error.js';
import { edgeLayout, nodeLayout, type NodeLayout } from './layout.js';
import { NodeSink } from './node-sink.js';
import { DocumentGrammar, type DocumentSections, type SectionScanner } from './scan/document-grammar.js';
import { NumberArrayScanner } from './scan/number-array.js';
import { StringArrayScanner } from './scan/string-array.js';
import { TraceTreeScanner } from './scan/trace-tree.js';
import { ValueSkipper } from './scan/value-skipper.js';
import { StringTableBuilder } from './string-table.js';
import type { EdgeColumns, HeapSnapshot, SnapshotHeader } from './types.js';

/** Columns of streams of unknown size start this many records long and double (see NodeSink). */
const UNKNOWN_SIZE_INITIAL_NODES = 1 << 20;
const UNKNOWN_SIZE_INITIAL_EDGES = 1 << 20;

/** A memory limit checked once the header is read (see memory-estimate.ts). */
export interface MemoryCheck {
  readonly maxBytes: number;
  readonly work?: WorkBytes;
}

export class SnapshotScanner implements DocumentSections {
  private readonly grammar: DocumentGrammar;
  private base = 0;
  private header: SnapshotHeader | undefined;
  private layout: NodeLayout | undefined;
  /** The section being read, as opened for the grammar. */
  private sectionName = '';
  private section: SectionScanner | undefined;
  private nodes: NodeSink | undefined;
  private edges: EdgeSink | undefined;
  private strings: StringArrayScanner | undefined;
  private readonly stringTable = new StringTableBuilder();
  private traceTree: TraceTreeScanner | undefined;
  private readonly flats = new Map<string, FlatSink>();
  private presetEdges: EdgeColumns | undefined;
  private tailEdges = 0;

  constructor(
    private readonly source: string,
    /** Size of the JSON text when known up front (a plain file), to refuse impossible headers. */
    private readonly knownSize: number | undefined,
    private readonly memory?: MemoryCheck,
  ) {
    this.grammar = new DocumentGrammar(source, knownSize, this);
  }

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
    if (this.edges !== undefined) return false;
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
    if (this.sectionName !== 'edges' || this.section === undefined || this.edges === undefined || this.presetEdges === undefined) return false;
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
    this.grammar.feed(buf, len, this.base);
    this.base += len;
  }

  /** The input ended: checks completeness and cross-references, and returns the snapshot. */
  end(): HeapSnapshot {
    this.grammar.end(this.base);
    const header = this.header!;
    const nodes = this.nodes!.columns();
    const edges = this.edges!.columns();
    const strings = this.stringTable.finish();
    const at = this.strings!.closedAt;
    checkIndexes(nodes.name, strings.length, () => this.fail(at, 'node name index out of range'));
    // `element` and `hidden` edges carry a number, every other type a string index.
    const named = Uint8Array.from(header.meta.edgeTypes, (t) => (t !== 'element' && t !== 'hidden' ? 1 : 0));
    if (firstBadEdgeName(edges.nameOrIndex, edges.type, named, strings.length) >= 0) this.fail(at, 'edge name index out of range');
    const traceFunctionInfos = this.flats.get('trace_function_infos')?.values() as Float64Array | undefined;
    const traceTree = this.traceTree?.tree();
    const samples = this.flats.get('samples')?.values() as Float64Array | undefined;
    const locations = this.flats.get('locations')?.values();
    const skipped = this.grammar.skipped;
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
      ...(skipped.length > 0 ? { skippedSections: [...skipped] } : {}),
      ...(this.tailEdges > 0 ? { edgesBySecondThread: this.tailEdges } : {}),
      source: this.source,
      byteLength: this.base,
    };
  }

  readHeader(header: SnapshotHeader): void {
    // Before any column: the sections open only after this.
    if (this.memory !== undefined) {
      const needed = estimateSnapshotBytes(header, this.knownSize, this.memory.work);
      if (needed > this.memory.maxBytes) throw new PreflightError(this.source, needed, this.memory.maxBytes);
    }
    this.header = header;
    this.layout = nodeLayout(header.meta);
  }

  openUnknown(): { scanner: SectionScanner; takesFirstByte: boolean } {
    // Sections we do not model are skipped whole, the skipper reading their first byte.
    return { scanner: new ValueSkipper(this.source), takesFirstByte: true };
  }

  open(name: string): SectionScanner {
    this.sectionName = name;
    this.section = this.openSection(name);
    return this.section;
  }

  close(name: string): void {
    if (name === 'nodes') {
      const nodes = this.nodes!;
      if (nodes.edgeSum !== this.header!.edgeCount) this.fail(nodes.closedAt, 'edge_count sum does not match edge_count');
    }
    this.sectionName = '';
    this.section = undefined;
  }

  private openSection(name: string): SectionScanner {
    const header = this.header!;
    const meta = header.meta;
    const source = this.source;
    const known = this.knownSize !== undefined;
    switch (name) {
      case 'nodes':
        this.nodes = new NodeSink(source, this.layout!, header.nodeCount, meta.nodeTypes.length, known ? header.nodeCount : UNKNOWN_SIZE_INITIAL_NODES);
        if (this.presetEdges !== undefined) this.nodes.shareStarts();
        return new NumberArrayScanner(this.nodes, source);
      case 'edges':
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
        return new NumberArrayScanner(this.edges, source);
      case 'trace_tree':
        return (this.traceTree = new TraceTreeScanner(source, meta.traceNodeFields));
      case 'strings':
        return (this.strings = new StringArrayScanner(this.stringTable, source));
      default: {
        const fields = name === 'trace_function_infos' ? meta.traceFunctionInfoFields : name === 'samples' ? meta.sampleFields : meta.locationFields;
        const expected = name === 'trace_function_infos' ? header.traceFunctionCount * fields.length : undefined;
        const sink = new FlatSink(source, name, fields.length, expected, name === 'locations');
        this.flats.set(name, sink);
        return new NumberArrayScanner(sink, source);
      }
    }
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
