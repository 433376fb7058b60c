import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textSizeLowerBound } from '../src/text-size.js';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'heaptrail-text-size-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('textSizeLowerBound', () => {
  it('is the size of a plain file', async () => {
    writeFileSync(join(dir, 'a.heapsnapshot'), '{"snapshot":{}}'.repeat(10));
    expect(await textSizeLowerBound(join(dir, 'a.heapsnapshot'))).toBe(150);
  });

  it('is the uncompressed size of a gzip file, from its trailer', async () => {
    const text = Buffer.from('{"nodes":[' + '1,2,3,'.repeat(100_000) + ']}');
    writeFileSync(join(dir, 'a.heapsnapshot.gz'), gzipSync(text));
    expect(await textSizeLowerBound(join(dir, 'a.heapsnapshot.gz'))).toBe(text.length);
  });

  it('is at least the file size when a gzip trailer says less (or the file is tiny)', async () => {
    const gz = gzipSync(Buffer.from('x'.repeat(1000)));
    gz.writeUInt32LE(3, gz.length - 4);
    writeFileSync(join(dir, 'lying.gz'), gz);
    expect(await textSizeLowerBound(join(dir, 'lying.gz'))).toBe(gz.length);
    writeFileSync(join(dir, 'tiny'), Buffer.from([0x1f, 0x8b, 0]));
    expect(await textSizeLowerBound(join(dir, 'tiny'))).toBe(3);
  });
});
