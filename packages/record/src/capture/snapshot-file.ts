// `--out DIR`: a snapshot's bytes gzipped into a temporary name beside the final
// one, renamed into place only once complete, so DIR never holds a half-written
// snapshot that `heaptrail diff DIR` would read (the temporary name starts with
// a dot, which the diff's directory listing skips).

import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createGzip, constants, type Gzip } from 'node:zlib';

/** `snapshot-1.heapsnapshot.gz` … : natural order is the order taken. */
export function snapshotFileName(index: number): string {
  return `snapshot-${index + 1}.heapsnapshot.gz`;
}

export class SnapshotFile {
  private readonly gzip: Gzip;
  private readonly file: WriteStream;
  private readonly tmp: string;
  private readonly finished: Promise<void>;
  private failed: Error | undefined;

  constructor(readonly path: string) {
    this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    // Level 1: JSON shrinks ~5x even so, and level 6 would be the slowest step of a recording.
    this.gzip = createGzip({ level: 1, chunkSize: 256 * 1024, strategy: constants.Z_DEFAULT_STRATEGY });
    this.file = createWriteStream(this.tmp, { flags: 'wx' });
    this.finished = new Promise((resolve, reject) => {
      this.file.once('finish', resolve);
      const onError = (e: Error): void => {
        this.failed ??= e;
        reject(e);
      };
      this.file.once('error', onError);
      this.gzip.once('error', onError);
    });
    this.finished.catch(() => undefined);
    this.gzip.pipe(this.file);
  }

  /** False when the gzip buffer is full: wait for `drain` before writing much more. */
  write(bytes: Buffer): boolean {
    if (this.failed) return true;
    return this.gzip.write(bytes);
  }

  onDrain(listener: () => void): void {
    this.gzip.once('drain', listener);
  }

  /** Flushes, then moves the file to its final name. */
  async commit(): Promise<void> {
    this.gzip.end();
    try {
      await this.finished;
      await rename(this.tmp, this.path);
    } catch (e) {
      await this.discard();
      throw e;
    }
  }

  /** Drops the partial file. */
  async discard(): Promise<void> {
    this.gzip.unpipe(this.file);
    this.gzip.destroy();
    this.file.destroy();
    await new Promise<void>((r) => (this.file.closed ? r() : this.file.once('close', () => r())));
    await unlink(this.tmp).catch(() => undefined);
  }
}
