// One snapshot of a remote target: a full GC, then takeHeapSnapshot, with the
// chunks parsed as they arrive and, with `--out`, gzipped into a file beside.
// A failure of any kind (timeout, abort, the target going away) removes the
// partial file and rejects with one line.

import { readSnapshot, type HeapSnapshot } from '@heaptrail/parser';
import type { InspectorClient } from '../cdp/client.js';
import { RecordError } from '../errors.js';
import { createChunkStream } from './chunk-stream.js';
import { SnapshotFile } from './snapshot-file.js';

export interface TakeSnapshotOptions {
  /** Name in messages ("snapshot 2"). */
  readonly label: string;
  readonly timeoutMs: number;
  /** Also keep the bytes, gzipped, at this path. */
  readonly outFile?: string;
  readonly signal?: AbortSignal;
  /** Bytes streamed so far (uncompressed). */
  readonly onBytes?: (bytes: number) => void;
}

export async function takeSnapshot(client: InspectorClient, options: TakeSnapshotOptions): Promise<HeapSnapshot> {
  const { label } = options;
  const file = options.outFile !== undefined ? new SnapshotFile(options.outFile) : undefined;
  // Two readers can ask the socket to wait: the parser and the gzip copy.
  let waits = 0;
  const hold = (): void => {
    if (waits++ === 0) client.pause();
  };
  const release = (): void => {
    if (--waits === 0) client.resume();
  };
  const stream = createChunkStream(hold, release);
  let bytes = 0;
  const offChunk = client.on('HeapProfiler.addHeapSnapshotChunk', (params: { chunk: string }) => {
    const chunk = Buffer.from(params.chunk, 'utf8');
    bytes += chunk.length;
    stream.push(chunk);
    if (file && !file.write(chunk)) {
      hold();
      file.onDrain(release);
    }
    options.onBytes?.(bytes);
  });

  let stop!: (e: Error) => void;
  const stopped = new Promise<never>((_, reject) => (stop = reject));
  stopped.catch(() => undefined);
  const timer = setTimeout(
    () => stop(new RecordError(`${label} did not arrive within ${options.timeoutMs / 1000} s (--timeout)`)),
    options.timeoutMs,
  );
  const onAbort = (): void => stop(options.signal!.reason instanceof Error ? options.signal!.reason : new RecordError('interrupted'));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const offClose = client.onClose((e) => stop(e));

  const parsed = readSnapshot(stream.readable, { sourceName: label });
  parsed.catch(() => undefined);
  const work = (async () => {
    await client.send('HeapProfiler.collectGarbage');
    await client.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
    stream.end();
    const snapshot = await parsed;
    await file?.commit();
    return snapshot;
  })();
  work.catch(() => undefined);

  try {
    if (options.signal?.aborted) onAbort();
    return await Promise.race([work, stopped]);
  } catch (e) {
    stream.destroy(e as Error);
    await file?.discard();
    throw e;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    offChunk();
    offClose();
    if (waits > 0) client.resume();
  }
}
