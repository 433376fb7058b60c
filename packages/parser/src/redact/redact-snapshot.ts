// redactSnapshot(): a snapshot in, the same snapshot out with every string that
// is not a name replaced by a salted stand-in of the same length (see
// redact-scanner.ts for the pass, docs/DESIGN.md "Redaction" for the rules). The
// input may be gzip (detected by its magic bytes) and of any size; the output is
// gzip when asked or when its path ends in `.gz`.

import { stat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { fileChunks, readableChunks, type Chunk, type ReadCounter } from '../byte-chunks.js';
import { gunzip } from '../read-snapshot.js';
import { ByteOutput } from './byte-output.js';
import { openOutput, type SnapshotOutput } from './output-file.js';
import { RedactScanner, type RedactPlan, type ScanSummary } from './redact-scanner.js';
import { Replacer } from './replacement.js';

export interface RedactOptions {
  /** The key of the replacements: the same salt gives the same replacement for the same string in every file. */
  readonly salt: string | Uint8Array;
  /** Also replace script names (paths, URLs). Reads the input twice, so it must be a path. */
  readonly redactScripts?: boolean;
  /** gzip the output (default: when the output path ends in `.gz`). */
  readonly gzip?: boolean;
  /** Called at most every ~4 MiB of input and once at the end; raw (compressed) bytes, both passes counted. */
  onProgress?(bytesRead: number, totalBytes: number | undefined): void;
  /** Read size (default 4 MiB); tests use tiny sizes to split every token. */
  readonly chunkSize?: number;
  /** Name used in error messages (default: the path, or "<stream>"). */
  readonly sourceName?: string;
}

export interface RedactResult {
  /** What the redacted file still says. */
  readonly kept: {
    readonly nodes: number;
    readonly edges: number;
    /** Strings kept because something uses them as a name: classes, functions, properties, variables, V8 labels. */
    readonly names: number;
    /** The empty string and V8's fixed placeholders. */
    readonly placeholders: number;
    /** Entries of `locations` (script id, line, column of functions and objects). */
    readonly locations: number;
    readonly traceFunctionInfos: number;
    /** False with `redactScripts`. */
    readonly scriptNames: boolean;
    /** Sections heaptrail does not model, copied as they are. */
    readonly otherSections: readonly string[];
  };
  readonly redacted: {
    /** Strings replaced, and the bytes of their tokens in the input. */
    readonly strings: number;
    readonly bytes: number;
    /** With `redactScripts`: script names among them, and the Script objects found. */
    readonly scriptNames: number;
    readonly scripts: number;
  };
  readonly input: { readonly gzip: boolean; readonly textBytes: number; readonly strings: number };
}

const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;
const PROGRESS_STEP = 4 * 1024 * 1024;

export async function redactSnapshot(input: string | Readable, output: string | Writable, options: RedactOptions): Promise<RedactResult> {
  const name = options.sourceName ?? (typeof input === 'string' ? input : '<stream>');
  const gzipOut = options.gzip ?? (typeof output === 'string' && output.endsWith('.gz'));
  // An empty salt is no key: anyone could recompute the replacements of guessed strings.
  if (options.salt.length === 0) throw new TypeError('redactSnapshot needs a non-empty salt');
  const replacer = new Replacer(options.salt);
  const total = typeof input === 'string' ? await fileSize(input) : undefined;
  const progress = { done: 0, reported: 0, total: total !== undefined && options.redactScripts ? total * 2 : total };

  let labels: ScanSummary['labels'];
  if (options.redactScripts) {
    if (typeof input !== 'string') throw new TypeError('redactScripts reads the input twice: give a path, not a stream');
    const discard: SnapshotOutput = { write: async () => undefined, close: async () => undefined, abort: async () => undefined };
    labels = (await pass(input, name, total, discard, { replacer, mode: { kind: 'find-labels' } }, options, progress)).summary.labels;
  }
  const out = await openOutput(output, gzipOut);
  let done: Awaited<ReturnType<typeof pass>>;
  try {
    const plan: RedactPlan = { replacer, mode: labels ? { kind: 'scripts', labels } : { kind: 'plain' } };
    done = await pass(input, name, total, out, plan, options, progress);
    await out.close();
  } catch (e) {
    await out.abort();
    throw e;
  }
  options.onProgress?.(progress.done, progress.total);
  const { summary: s, gzip } = done;
  return {
    kept: {
      nodes: s.header.nodeCount,
      edges: s.header.edgeCount,
      names: s.strings.names,
      placeholders: s.strings.placeholders,
      locations: s.locations,
      traceFunctionInfos: s.traceFunctionInfos,
      scriptNames: !options.redactScripts,
      otherSections: s.skippedSections,
    },
    redacted: { strings: s.strings.redacted, bytes: s.strings.redactedBytes, scriptNames: s.strings.scriptNames, scripts: s.scriptNodes },
    input: { gzip, textBytes: s.byteLength, strings: s.strings.strings },
  };
}

interface Progress {
  done: number;
  reported: number;
  readonly total: number | undefined;
}

/** One pass over the input: scan, write each chunk's redacted bytes, check the end. */
async function pass(
  input: string | Readable,
  name: string,
  total: number | undefined,
  out: SnapshotOutput,
  plan: RedactPlan,
  options: RedactOptions,
  progress: Progress,
): Promise<{ summary: ScanSummary; gzip: boolean }> {
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_CHUNK_SIZE));
  const counter: ReadCounter = { bytes: 0 };
  const raw = typeof input === 'string' ? fileChunks(input, chunkSize, counter) : readableChunks(input, counter);
  const start = progress.done;
  try {
    const { chunks, gzip } = await detectGzip(raw);
    const bytes = new ByteOutput();
    const scanner = new RedactScanner(name, gzip ? undefined : total, bytes, plan);
    let work = new Uint8Array(0);
    for await (const chunk of gzip ? gunzip(chunks, counter, name) : chunks) {
      let buf = chunk.bytes;
      if (!chunk.spare) {
        if (work.length <= chunk.length) work = new Uint8Array(Math.max(chunk.length + 1, work.length * 2));
        work.set(buf.subarray(0, chunk.length));
        buf = work;
      }
      scanner.feed(buf, chunk.length);
      await out.write(bytes.take());
      progress.done = start + counter.bytes;
      if (options.onProgress && progress.done - progress.reported >= PROGRESS_STEP) {
        progress.reported = progress.done;
        options.onProgress(progress.done, progress.total);
      }
    }
    return { summary: scanner.end(), gzip };
  } finally {
    await raw.return(undefined);
  }
}

/** Peeks at the first two bytes for gzip's magic (1f 8b); the chunks read stay in the stream. */
async function detectGzip(raw: AsyncGenerator<Chunk>): Promise<{ chunks: AsyncGenerator<Chunk>; gzip: boolean }> {
  const head: Chunk[] = [];
  const magic: number[] = [];
  while (magic.length < 2) {
    const r = await raw.next();
    if (r.done) break;
    // The file reader reuses its buffers: peeked chunks are copied, with a spare byte.
    const bytes = new Uint8Array(r.value.length + 1);
    bytes.set(r.value.bytes.subarray(0, r.value.length));
    head.push({ bytes, length: r.value.length, spare: true });
    for (let i = 0; i < r.value.length && magic.length < 2; i++) magic.push(bytes[i]!);
  }
  return { chunks: prepend(head, raw), gzip: magic[0] === 0x1f && magic[1] === 0x8b };
}

async function* prepend(head: readonly Chunk[], rest: AsyncGenerator<Chunk>): AsyncGenerator<Chunk> {
  yield* head;
  yield* rest;
}

async function fileSize(path: string): Promise<number> {
  const info = await stat(path);
  if (info.isDirectory()) throw Object.assign(new Error(`EISDIR: ${path} is a directory`), { code: 'EISDIR', syscall: 'read', path });
  return info.size;
}
