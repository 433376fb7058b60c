// The snapshot's chunks as a Readable for readSnapshot, parsed as they arrive.
// CDP has no flow control of its own, so when the parser (or the gzip copy)
// falls behind, `pause` stops reading the socket: the rest waits in the
// target's send buffer instead of piling up in heaptrail's heap.

import { Readable } from 'node:stream';

export interface ChunkStream {
  readonly readable: Readable;
  /** Queues one chunk; calls `pause` when the reader is full. */
  push(bytes: Buffer): void;
  end(): void;
  destroy(error: Error): void;
}

export function createChunkStream(pause: () => void, resume: () => void, highWaterMark = 8 * 1024 * 1024): ChunkStream {
  let paused = false;
  const readable = new Readable({
    highWaterMark,
    read() {
      if (paused) {
        paused = false;
        resume();
      }
    },
  });
  return {
    readable,
    push(bytes) {
      if (!readable.push(bytes) && !paused) {
        paused = true;
        pause();
      }
    },
    end: () => void readable.push(null),
    destroy: (error) => void readable.destroy(error),
  };
}
