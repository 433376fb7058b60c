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

/**
 * Decides how much of a file may be read at a position, when another thread
 * parses part of it (split/edge-split.ts). Without one, reads run straight on.
 */
export interface ReadGate {
  /** Bytes that may be read at `position` now, at most `want`; 0 means call resume(). */
  grant(position: number, want: number): number;
  /** Waits until reading may go on; returns where (a later offset skips what the other thread parsed). */
  resume(position: number): Promise<number>;
}

/** Holds the gate, which is set once the header has been read. */
export interface GateSlot {
  gate?: ReadGate;
}

export async function* fileChunks(path: string, chunkSize: number, counter: ReadCounter, slot: GateSlot = {}): AsyncGenerator<Chunk> {
  const handle = await open(path, 'r');
  const buffers = [new Uint8Array(chunkSize + 1), new Uint8Array(chunkSize + 1)];
  let which = 0;
  let position = 0;
  const issue = (): Promise<{ bytesRead: number }> | undefined => {
    const length = slot.gate ? slot.gate.grant(position, chunkSize) : chunkSize;
    return length > 0 ? handle.read(buffers[which]!, 0, length, position) : undefined;
  };
  let pending = issue();
  try {
    for (;;) {
      if (pending === undefined) {
        const next = await slot.gate!.resume(position);
        // Bytes the other thread parsed still count as read, for progress.
        counter.bytes += next - position;
        position = next;
        pending = issue();
        if (pending === undefined) throw new Error('internal error: file read gate granted nothing after resume');
        continue;
      }
      const { bytesRead } = await pending;
      pending = undefined;
      if (bytesRead === 0) return;
      counter.bytes += bytesRead;
      position += bytesRead;
      const current = buffers[which]!;
      which ^= 1;
      // Double buffering: the next read runs while the consumer scans `current`.
      // When nothing may be read yet, resume() runs after the consumer has scanned `current`.
      pending = issue();
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
