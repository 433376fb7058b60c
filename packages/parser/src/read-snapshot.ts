// readSnapshot(): bytes → HeapSnapshot, streaming, with gzip detected by its
// magic bytes. Neither the file nor its strings section is ever one JS string.
//
// What it accepts, decided once here:
// - numbers in number arrays are non-negative decimal integers without leading
//   zeros; columns stored as Uint32 (name, id, edge_count, trace_node_id,
//   name_or_index) refuse values over 2^32-1, Float64 ones (self_size, unknown
//   node fields, the small optional sections) refuse values over 2^53-1, and
//   to_node may go up to node_count × field count (it is converted to an ordinal);
// - known sections in V8's order, optional ones possibly absent; sections we do
//   not model are skipped by structure and listed in `skippedSections`;
// - strings as JSON.parse accepts them (lone surrogate escapes included), raw
//   UTF-8 decoded as UTF-8;
// - from a plain file, a header claiming more numbers than the file could hold
//   is refused before allocating; from streams and gzip, columns grow by
//   doubling up to the claimed counts.

import { stat } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { fileChunks, readableChunks, webStreamChunks, type Chunk, type GateSlot, type ReadCounter } from './byte-chunks.js';
import { SnapshotFormatError } from './errors.js';
import { edgeLayout, isV8EdgeOrder } from './layout.js';
import type { WorkBytes } from './memory-estimate.js';
import { SnapshotScanner } from './snapshot-scanner.js';
import { EdgeSplit, sharedEdgeColumns, type EdgeSplitOptions } from './split/edge-split.js';
import type { HeapSnapshot } from './types.js';

export interface ReadSnapshotOptions {
  /** Called at most every ~4 MiB of input and once at the end. Bytes are raw (compressed, for gzip). */
  onProgress?(bytesRead: number, totalBytes: number | undefined): void;
  /** File read size (default 4 MiB); tests use tiny sizes to split every token. */
  chunkSize?: number;
  /** Name used in error messages (default: the path, or "<stream>"). */
  sourceName?: string;
  /**
   * A plain file's edges section is parsed by two threads, one from each end
   * (split/edge-split.ts), when the file is large enough; `false` keeps to one thread.
   */
  edgeSplit?: false | EdgeSplitOptions;
  /**
   * Refuse with a PreflightError, right after the header and before anything is
   * allocated, when the estimated peak (memory-estimate.ts) exceeds this many bytes.
   */
  maxMemoryBytes?: number;
  /** What the caller will add per node and edge, counted in that estimate (graph's ANALYSIS_WORK_BYTES). */
  workBytes?: WorkBytes;
  /**
   * A plain file's edges and edge starts go into shared memory (SharedArrayBuffers), as the
   * two-thread parse puts them: a snapshot read on a worker then reaches the thread that
   * asked with its edges shared, not moved, and its analysis can give them to a worker of
   * its own. Done when the header has been read before the edges section opens (a file
   * larger than one read); not for streams or gzip, whose edge count is only trusted once read.
   */
  sharedEdges?: boolean;
}

export type SnapshotSource = string | Readable | ReadableStream<Uint8Array>;

const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;
/** The scanners keep indexes into a chunk in Int32 registers (byte offsets in the file are doubles). */
const MAX_CHUNK_SIZE = 1024 * 1024 * 1024;
const PROGRESS_STEP = 4 * 1024 * 1024;
const GZIP_OUTPUT_CHUNK = 1024 * 1024;

export async function readSnapshot(source: SnapshotSource, options: ReadSnapshotOptions = {}): Promise<HeapSnapshot> {
  const name = options.sourceName ?? (typeof source === 'string' ? source : '<stream>');
  const chunkSize = Math.min(MAX_CHUNK_SIZE, Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_CHUNK_SIZE)));
  const counter: ReadCounter = { bytes: 0 };
  let total: number | undefined;
  let raw: AsyncGenerator<Chunk>;
  const slot: GateSlot = {};
  if (typeof source === 'string') {
    const info = await stat(source);
    if (info.isDirectory()) {
      throw Object.assign(new Error(`EISDIR: ${source} is a directory`), { code: 'EISDIR', syscall: 'read', path: source });
    }
    total = info.size;
    raw = fileChunks(source, chunkSize, counter, slot);
  } else if (isWebStream(source)) {
    raw = webStreamChunks(source, counter);
  } else {
    raw = readableChunks(source, counter);
  }

  // Peek at the first two bytes for the gzip magic (1f 8b). Peeked chunks are
  // copied: the file reader reuses its buffers.
  const head: Chunk[] = [];
  let headBytes = 0;
  while (headBytes < 2) {
    const r = await raw.next();
    if (r.done) break;
    const bytes = new Uint8Array(r.value.length + 1);
    bytes.set(r.value.bytes.subarray(0, r.value.length));
    head.push({ bytes, length: r.value.length, spare: true });
    headBytes += r.value.length;
  }
  const magic = head.length === 0 ? [] : [...head[0]!.bytes.subarray(0, Math.min(2, head[0]!.length)), ...(head[1] ? [head[1].bytes[0]] : [])];
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  const all = prepend(head, raw);
  const text = gzip ? gunzip(all, counter, name) : all;

  const memory = options.maxMemoryBytes !== undefined ? { maxBytes: options.maxMemoryBytes, ...(options.workBytes ? { work: options.workBytes } : {}) } : undefined;
  const scanner = new SnapshotScanner(name, gzip ? undefined : total, memory);
  let work = new Uint8Array(0);
  let reported = 0;
  let split: EdgeSplit | undefined;
  let splitChecked = gzip || typeof source !== 'string' || options.edgeSplit === false;
  let sharedChecked = gzip || typeof source !== 'string' || options.sharedEdges !== true;
  try {
    for await (const chunk of text) {
      let bytes = chunk.bytes;
      if (!chunk.spare) {
        if (work.length <= chunk.length) work = new Uint8Array(Math.max(chunk.length + 1, work.length * 2));
        work.set(bytes.subarray(0, chunk.length));
        bytes = work;
      }
      scanner.feed(bytes, chunk.length);
      if (!splitChecked && scanner.snapshotHeader !== undefined) {
        splitChecked = true;
        // Read so far, plus the read in flight.
        const claimed = counter.bytes + chunkSize;
        split = startEdgeSplit(scanner, source as string, total!, claimed, options.edgeSplit || {});
        if (split) slot.gate = split;
      }
      if (!sharedChecked && scanner.snapshotHeader !== undefined) {
        sharedChecked = true;
        // A split has put them there already.
        if (split === undefined) scanner.presetEdgeColumns(sharedEdgeColumns(scanner.snapshotHeader.edgeCount));
      }
      if (options.onProgress && counter.bytes - reported >= PROGRESS_STEP) {
        reported = counter.bytes;
        options.onProgress(counter.bytes, total);
      }
    }
  } finally {
    await raw.return(undefined);
    await split?.close();
  }
  // A tail thread that wrote records it was not joined with may have overwritten ours.
  if (split !== undefined && !(await split.trusted())) return readSnapshot(source, { ...options, edgeSplit: false });
  const snapshot = scanner.end();
  options.onProgress?.(counter.bytes, total);
  return gzip ? { ...snapshot, compressedByteLength: counter.bytes } : snapshot;
}

/** A second thread for the end of the edges section, when the layout is V8's and the file large enough. */
function startEdgeSplit(scanner: SnapshotScanner, path: string, size: number, claimed: number, options: EdgeSplitOptions): EdgeSplit | undefined {
  const header = scanner.snapshotHeader!;
  if (!isV8EdgeOrder(edgeLayout(header.meta))) return undefined;
  const shape = {
    edgeCount: header.edgeCount,
    edgeTypeCount: header.meta.edgeTypes.length,
    nodeCount: header.nodeCount,
    nodeFieldCount: scanner.nodeFieldCount,
  };
  const split = EdgeSplit.start(path, size, shape, (records, at) => scanner.joinEdgeTail(records, at), claimed, options);
  if (split === undefined || scanner.presetEdgeColumns(split.columns)) return split;
  void split.close();
  return undefined;
}

async function* prepend(head: readonly Chunk[], rest: AsyncGenerator<Chunk>): AsyncGenerator<Chunk> {
  yield* head;
  yield* rest;
}

/** Decompresses with node:zlib; zlib errors become SnapshotFormatErrors at the compressed offset read so far. */
export async function* gunzip(chunks: AsyncGenerator<Chunk>, counter: ReadCounter, name: string): AsyncGenerator<Chunk> {
  const input = Readable.from(
    (async function* () {
      // Copies: the file reader reuses its buffers once we ask for the next chunk.
      for await (const c of chunks) yield Buffer.from(c.bytes.subarray(0, c.length));
    })(),
    { objectMode: false },
  );
  const inflate = createGunzip({ chunkSize: GZIP_OUTPUT_CHUNK });
  pipeline(input, inflate, () => undefined);
  try {
    for await (const out of inflate as AsyncIterable<Buffer>) {
      yield { bytes: out, length: out.length, spare: false };
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (typeof err.code === 'string' && err.code.startsWith('Z_')) {
      throw new SnapshotFormatError(name, counter.bytes, `corrupt gzip data (${err.message})`);
    }
    throw e;
  } finally {
    inflate.destroy();
    input.destroy();
  }
}

function isWebStream(s: unknown): s is ReadableStream<Uint8Array> {
  return typeof (s as ReadableStream).getReader === 'function';
}
