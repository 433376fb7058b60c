// Where redacted bytes go: a file, written to a temporary name in the same
// directory and renamed into place only once complete (an interrupted or failed
// run leaves no half-written snapshot), or a caller's stream; gzip-compressed on
// request. Chunks are copied before they are queued, so scanning the next input
// chunk overlaps compression and writing.

import { once } from 'node:events';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { createGzip, constants, type ZlibOptions } from 'node:zlib';

/**
 * Bytes queued before a write waits: a few chunks, so the scan of the next chunk runs
 * while earlier ones are compressed and written.
 */
const QUEUED_BYTES = 16 * 1024 * 1024;

export interface SnapshotOutput {
  write(bytes: Uint8Array): Promise<void>;
  /** Everything written: flush, and for a file, sync and rename into place. */
  close(): Promise<void>;
  /** Something failed: drop what was written (a file's temporary is removed). */
  abort(): Promise<void>;
}

/** Opens `target` (a path, or a stream left open after close) for writing. */
export async function openOutput(target: string | Writable, gzip: boolean): Promise<SnapshotOutput> {
  if (typeof target !== 'string') return streamOutput(target, gzip, undefined);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(tmp, 'wx').catch((e: NodeJS.ErrnoException) => {
    // Name the file the caller asked for, not the temporary one.
    throw Object.assign(e, { path: target, syscall: 'write' });
  });
  // A plain Writable over the handle: fs write streams over a FileHandle leave it unusable for sync().
  const file = new Writable({
    highWaterMark: QUEUED_BYTES,
    write(chunk: Buffer, _encoding, done) {
      handle.write(chunk).then(() => done(), done);
    },
  });
  return streamOutput(file, gzip, { handle, tmp, target });
}

interface TempFile {
  readonly handle: FileHandle;
  readonly tmp: string;
  readonly target: string;
}

function streamOutput(sink: Writable, gzip: boolean, file: TempFile | undefined): SnapshotOutput {
  const zip = gzip ? createGzip({ level: constants.Z_DEFAULT_COMPRESSION, writableHighWaterMark: QUEUED_BYTES } as ZlibOptions) : undefined;
  if (zip) zip.pipe(sink, { end: file !== undefined });
  const head: Writable = zip ?? sink;
  let failure: unknown;
  const onError = (e: unknown) => void (failure ??= e);
  head.on('error', onError);
  sink.on('error', onError);
  const check = () => {
    if (failure !== undefined) throw failure;
  };
  return {
    async write(bytes) {
      check();
      if (bytes.length === 0) return;
      if (!head.write(Buffer.from(bytes))) await drained(head, sink);
      check();
    },
    async close() {
      check();
      if (file) {
        head.end();
        await once(sink, 'finish');
        check();
        await file.handle.sync();
        await file.handle.close();
        await rename(file.tmp, file.target).catch(async (e) => {
          await unlink(file.tmp).catch(() => undefined);
          throw e;
        });
      } else if (zip) {
        zip.end();
        await once(zip, 'end');
        check();
      }
    },
    async abort() {
      head.destroy();
      if (file) {
        sink.destroy();
        await file.handle.close().catch(() => undefined);
        await unlink(file.tmp).catch(() => undefined);
      }
    },
  };
}

/** Resolves when `head` drains, rejects when it or the sink behind it fails. */
function drained(head: Writable, sink: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = () => settle(undefined);
    const bad = (e: unknown) => settle(e);
    const settle = (e: unknown) => {
      head.off('drain', ok);
      head.off('error', bad);
      sink.off('error', bad);
      if (e === undefined) resolve();
      else reject(e);
    };
    head.on('drain', ok);
    head.on('error', bad);
    sink.on('error', bad);
  });
}
