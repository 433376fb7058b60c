import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '@heaptrail/parser';
import { tinyHeader } from './helpers/tiny-snapshot.js';

// A strings section past V8's maximum string length (2^29 - 24 UTF-16 units),
// streamed from a generator so the text never exists whole, on disk or in memory.
const STRING_COUNT = 6_000_000;
const PAD = 'x'.repeat(80);
const stringAt = (i: number) => (i % 1000 === 7 ? `s${i} "quoted" \\ \u00e9 ${PAD}` : `s${i} ${PAD}`);

function* generate(stats: { bytes: number; peakRss: number }): Generator<Buffer> {
  const header = tinyHeader({ node_count: 1, edge_count: 0 });
  yield Buffer.from(`{"snapshot":${header},\n"nodes":[9,0,1,0,0,0],\n"edges":[],\n"strings":[`);
  const perChunk = 10_000;
  for (let start = 0; start < STRING_COUNT; start += perChunk) {
    const parts: string[] = [];
    for (let i = start; i < Math.min(STRING_COUNT, start + perChunk); i++) parts.push(JSON.stringify(stringAt(i)));
    const chunk = Buffer.from((start === 0 ? '' : ',\n') + parts.join(',\n'));
    stats.bytes += chunk.length;
    stats.peakRss = Math.max(stats.peakRss, process.memoryUsage.rss());
    yield chunk;
  }
  yield Buffer.from(']}\n');
}

describe.skipIf(!process.env.HEAPTRAIL_SLOW)('a strings section over 512 MiB (slow)', () => {
  it('is read with memory bounded by the input size, and every string is reachable', { timeout: 600_000 }, async () => {
    const stats = { bytes: 0, peakRss: 0 };
    const rssBefore = process.memoryUsage.rss();
    const started = performance.now();
    const s = await readSnapshot(Readable.from(generate(stats)));
    const seconds = (performance.now() - started) / 1000;
    stats.peakRss = Math.max(stats.peakRss, process.memoryUsage.rss());
    expect(stats.bytes).toBeGreaterThan(512 * 1024 * 1024);
    expect(s.strings.length).toBe(STRING_COUNT);
    for (const i of [0, 7, 1007, 2_999_999, STRING_COUNT - 1]) expect(s.strings.get(i)).toBe(stringAt(i));
    expect(stats.peakRss - rssBefore).toBeLessThan(2 * stats.bytes);
    console.log(
      `strings section ${(stats.bytes / 2 ** 20).toFixed(0)} MiB in ${seconds.toFixed(1)} s; ` +
        `RSS before ${(rssBefore / 2 ** 20).toFixed(0)} MiB, peak ${(stats.peakRss / 2 ** 20).toFixed(0)} MiB`,
    );
  });
});
