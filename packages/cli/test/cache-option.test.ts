import { describe, expect, it } from 'vitest';
import { bareCacheBeforeInput } from '../src/cache-option.js';

const STDIN = '\u0000stdin';
/** Files that exist under /w: the snapshots; `cache` is a directory, `new-cache` nothing yet. */
const isFile = (path: string) => ['/w/s1.heapsnapshot', '/w/s2.heapsnapshot', '/w/d/s3.heapsnapshot.gz'].includes(path);
const rewrite = (args: string[]) => bareCacheBeforeInput(args, '/w', STDIN, isFile);

describe('bareCacheBeforeInput', () => {
  it('reads a file after --cache as the input, the cache as the bare flag', () => {
    expect(rewrite(['diff', '--cache', 's1.heapsnapshot', 's2.heapsnapshot'])).toEqual(['diff', '--cache=', 's1.heapsnapshot', 's2.heapsnapshot']);
    expect(rewrite(['summary', '--cache', 'd/s3.heapsnapshot.gz', '--json'])).toEqual(['summary', '--cache=', 'd/s3.heapsnapshot.gz', '--json']);
    expect(rewrite(['summary', '--cache', '/w/s1.heapsnapshot'])).toEqual(['summary', '--cache=', '/w/s1.heapsnapshot']);
    expect(rewrite(['summary', '--cache', STDIN])).toEqual(['summary', '--cache=', STDIN]);
  });

  it('keeps --cache DIR when the word is a directory or not there yet, and every other form', () => {
    for (const args of [
      ['summary', 's1.heapsnapshot', '--cache', 'cache'],
      ['summary', '--cache', 'new-cache', 's1.heapsnapshot'],
      ['summary', '--cache=s1.heapsnapshot', 's2.heapsnapshot'],
      ['summary', 's1.heapsnapshot', '--cache'],
      ['summary', '--cache', '--json', 's1.heapsnapshot'],
      ['summary', '--no-cache', 's1.heapsnapshot'],
      // After `--`, words are not options.
      ['summary', '--', '--cache', 's1.heapsnapshot'],
    ]) {
      expect(rewrite(args), args.join(' ')).toEqual(args);
    }
  });
});
