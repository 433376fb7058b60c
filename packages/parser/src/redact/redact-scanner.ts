// One redaction pass over a snapshot: the parser's document grammar and section
// scanners read it, and every byte read is also written out. Bytes before the
// strings section are copied as they are; the sections' sinks only note which
// string indexes are names (node-names.ts, edge-names.ts, flat-names.ts). The
// strings section comes last in V8's files, so by then every name is known and
// each string is copied or replaced as it streams past (redacting-strings.ts).
// Memory: a bit per string and about one chunk.

import { SnapshotFormatError } from '../errors.js';
import { edgeLayout, nodeLayout, type NodeLayout } from '../layout.js';
import { LEFT_BRACKET } from '../scan/bytes.js';
import { DocumentGrammar, type DocumentSections, type SectionScanner } from '../scan/document-grammar.js';
import { NumberArrayScanner } from '../scan/number-array.js';
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

/** DevTools refuses string tables of 2^30 entries or more; a larger index read from a stream is damage. */
const MAX_STREAM_STRINGS = 2 ** 30;

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

export class RedactScanner implements DocumentSections {
  private readonly grammar: DocumentGrammar;
  private base = 0;
  /** In the chunk being fed: bytes from here on not yet copied to the output. */
  private copyFrom = 0;
  private header: SnapshotHeader | undefined;
  private rawMeta: Record<string, unknown> = {};
  private layout: NodeLayout | undefined;
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
    knownSize: number | undefined,
    private readonly out: ByteOutput,
    private readonly plan: RedactPlan,
  ) {
    this.grammar = new DocumentGrammar(source, knownSize, this);
    // Every string takes at least two bytes (its quotes), so no index of a valid file reaches this.
    this.nameLimit = knownSize !== undefined ? Math.floor(knownSize / 2) + 1 : MAX_STREAM_STRINGS;
    this.scriptBits = plan.mode.kind === 'scripts' ? new StringBits() : undefined;
  }

  /** Scans `buf[0..len)` (one writable byte past it for the sentinel) and writes its redacted bytes to the output. */
  feed(buf: Uint8Array, len: number): void {
    this.copyFrom = 0;
    this.grammar.feed(buf, len, this.base);
    // Inside the strings section the strings sink has written everything already.
    if (this.copyFrom < len) this.out.write(buf, this.copyFrom, len);
    this.base += len;
  }

  /** The input ended: checks it was complete, and what the strings section must have held. */
  end(): ScanSummary {
    this.grammar.end(this.base);
    const strings = this.redacting?.counts ?? { strings: this.labelFinder!.length, names: 0, placeholders: 0, redacted: 0, redactedBytes: 0, scriptNames: 0 };
    const at = this.strings!.closedAt;
    if (this.nodes!.maxName >= strings.strings) this.fail(at, 'node name index out of range');
    if (this.edges!.maxName >= strings.strings) this.fail(at, 'edge name index out of range');
    const meta = this.header!.meta;
    const entries = (name: string, fields: readonly string[]) => (this.flats.get(name)?.count ?? 0) / Math.max(1, fields.length);
    return {
      header: this.header!,
      strings,
      locations: entries('locations', meta.locationFields),
      traceFunctionInfos: entries('trace_function_infos', meta.traceFunctionInfoFields),
      scriptNodes: this.finder?.scripts ?? 0,
      skippedSections: [...this.grammar.skipped],
      labels: this.labelFinder?.found(),
      byteLength: this.base,
    };
  }

  readHeader(header: SnapshotHeader, text: string): void {
    this.header = header;
    this.layout = nodeLayout(header.meta);
    // parseHeader validated the JSON; meta keys it does not model are read here.
    this.rawMeta = (JSON.parse(text) as { meta: Record<string, unknown> }).meta;
  }

  open(name: string): SectionScanner {
    const header = this.header!;
    const meta = header.meta;
    const source = this.source;
    const mode = this.plan.mode;
    switch (name) {
      case 'nodes': {
        if (mode.kind === 'scripts') this.finder = new ScriptFinder(meta, mode.labels, this.scriptBits!, this.nameLimit);
        const valueTypes = Uint8Array.from(meta.nodeTypes, (t) => (t === 'string' || t === 'concatenated string' || t === 'sliced string' ? 1 : 0));
        this.nodes = new NodeNameSink(source, this.layout!, header.nodeCount, meta.nodeTypes.length, valueTypes, this.names, this.nameLimit, this.finder);
        return new NumberArrayScanner(this.nodes, source);
      }
      case 'edges': {
        const named = Uint8Array.from(meta.edgeTypes, (t) => (t !== 'element' && t !== 'hidden' ? 1 : 0));
        this.edges = new EdgeNameSink(source, edgeLayout(meta), header.edgeCount, named, this.layout!.fieldCount, header.nodeCount, this.names, this.nameLimit, this.finder);
        return new NumberArrayScanner(this.edges, source);
      }
      case 'trace_tree':
        return new TraceTreeScanner(source, meta.traceNodeFields);
      case 'strings':
        if (mode.kind === 'find-labels') {
          this.labelFinder = new LabelFinder();
          this.strings = new StringArrayScanner(this.labelFinder, source);
        } else {
          this.redacting = new RedactingStrings(this.out, this.plan.replacer, this.names, this.scriptBits);
          this.strings = new StringArrayScanner(this.redacting, source);
        }
        return this.stringsCopier(this.strings);
      case 'trace_function_infos': {
        const f = meta.traceFunctionInfoFields;
        const fields: StringFields[] = [
          { offset: f.indexOf('name'), marks: [this.names] },
          { offset: f.indexOf('script_name'), marks: this.scriptBits ? [this.names, this.scriptBits] : [this.names] },
        ];
        return this.flat(name, f.length, header.traceFunctionCount * f.length, fields);
      }
      default:
        return this.flat(name, (name === 'samples' ? meta.sampleFields : meta.locationFields).length, undefined, []);
    }
  }

  openUnknown(name: string, c: number): { scanner: SectionScanner; takesFirstByte: boolean } {
    // Chromium's scope variable names are string indexes: they are names too.
    const vars = c === LEFT_BRACKET && name === 'scope_context_vars' ? this.scopeVariables(name) : undefined;
    return vars ? { scanner: vars, takesFirstByte: false } : { scanner: new ValueSkipper(this.source), takesFirstByte: true };
  }

  close(name: string): void {
    if (name === 'nodes' && this.nodes!.edgeSum !== this.header!.edgeCount) this.fail(this.nodes!.closedAt, 'edge_count sum does not match edge_count');
    if (name === 'edges') this.finder?.finish();
  }

  /**
   * The strings scanner, with the output's copying stopped around it: bytes before the
   * section's tokens are copied, the tokens are written by the strings sink, and the
   * closing `]` is copied with what follows.
   */
  private stringsCopier(scanner: StringArrayScanner): SectionScanner {
    return {
      get done() {
        return scanner.done;
      },
      scan: (buf, i, len, base) => {
        if (this.copyFrom < i) this.out.write(buf, this.copyFrom, i);
        const next = scanner.scan(buf, i, len, base);
        this.copyFrom = scanner.done ? next - 1 : next;
        return next;
      },
    };
  }

  private flat(name: string, stride: number, expected: number | undefined, fields: readonly StringFields[]): NumberArrayScanner {
    const sink = new FlatNameSink(this.source, name, stride, expected, fields, this.nameLimit);
    this.flats.set(name, sink);
    return new NumberArrayScanner(sink, this.source);
  }

  /** `scope_context_vars` read as a flat array when meta says where its name field is, else undefined. */
  private scopeVariables(name: string): NumberArrayScanner | undefined {
    const fields = this.rawMeta['scope_context_var_fields'];
    if (!Array.isArray(fields) || !fields.every((f) => typeof f === 'string')) return undefined;
    const at = (fields as string[]).indexOf('name');
    return at < 0 ? undefined : this.flat(name, fields.length, undefined, [{ offset: at, marks: [this.names] }]);
  }

  private fail(offset: number, reason: string): never {
    throw new SnapshotFormatError(this.source, offset, reason);
  }
}
