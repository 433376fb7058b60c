// Where bytes come from: a file (large reads into reused buffers, the next read
// in flight while the current chunk is scanned), a Node Readable, or a web
// ReadableStream. Chunks read into our own buffers leave one spare byte after
// `length` for the scanner's sentinel (`spare`); others are copied once.

import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';

export interface Chunk {
  readonly bytes: Uint8Array;
  readonly length: number;
  /** True when `bytes` is ours and has room for one more byte after `length`. */
  readonly spare: boolean;
}

/** Counts raw (possibly compressed) bytes as they are read, for progress and gzip error offsets. */
export interface ReadCounter {
  bytes: number;
}

export async function* fileChunks(path: string, chunkSize: number, counter: ReadCounter): AsyncGenerator<Chunk> {
  const handle = await open(path, 'r');
  const buffers = [new Uint8Array(chunkSize + 1), new Uint8Array(chunkSize + 1)];
  let which = 0;
  let pending: Promise<{ bytesRead: number }> | undefined = handle.read(buffers[0]!, 0, chunkSize, null);
  try {
    for (;;) {
      const { bytesRead } = await pending;
      pending = undefined;
      if (bytesRead === 0) return;
      counter.bytes += bytesRead;
      const current = buffers[which]!;
      which ^= 1;
      // Double buffering: the next read runs while the consumer scans `current`.
      pending = handle.read(buffers[which]!, 0, chunkSize, null);
      yield { bytes: current, length: bytesRead, spare: true };
    }
  } finally {
    if (pending) await pending.catch(() => undefined);
    await handle.close();
  }
}

export async function* readableChunks(stream: Readable, counter: ReadCounter): AsyncGenerator<Chunk> {
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array | string>) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      if (bytes.length === 0) continue;
      counter.bytes += bytes.length;
      yield { bytes, length: bytes.length, spare: false };
    }
  } finally {
    if (!stream.readableEnded) stream.destroy();
  }
}

export async function* webStreamChunks(stream: ReadableStream<Uint8Array>, counter: ReadCounter): AsyncGenerator<Chunk> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      if (value.length === 0) continue;
      counter.bytes += value.length;
      yield { bytes: value, length: value.length, spare: false };
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
