import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineText } from '../../src/baseline/create.js';
import { parseBaseline, readBaselineFile } from '../../src/baseline/parse.js';
import { BASELINE_SCHEMA } from '../../src/baseline/types.js';
import { isInputError } from '../../src/errors.js';

const entries = [
  { className: 'ChatMessage', paths: ['(module scope) ::agent→Object .history→Array []→ChatMessage'] },
  { className: '(string)', paths: [] },
];

function failure(text: string): Error {
  try {
    parseBaseline(text, 'known.json');
  } catch (e) {
    expect(isInputError(e)).toBe(true);
    return e as Error;
  }
  throw new Error('parsed');
}

describe('parseBaseline()', () => {
  it('reads back what baselineText() wrote, sorted', () => {
    const b = parseBaseline(baselineText(entries), 'known.json');
    expect(b.file).toBe('known.json');
    expect(b.entries).toEqual([entries[1], entries[0]]);
  });

  it('writes the same bytes whatever order the entries come in', () => {
    expect(baselineText(entries)).toBe(baselineText([...entries].reverse()));
    expect(JSON.parse(baselineText(entries)).schema).toBe(BASELINE_SCHEMA);
  });

  it('rejects text that is not JSON, naming the file and where it broke', () => {
    expect(failure('nope').message).toMatch(/^known\.json: not a heaptrail baseline: not JSON/);
    const cut = '{"schema": "heaptrail.baseline/1", "about": "é", "entries": [';
    expect(failure(cut).message).toBe(`known.json: not a heaptrail baseline: not JSON (at byte offset ${cut.length + 1})`);
  });

  it('rejects another tool\'s JSON and a wrong schema version', () => {
    expect(failure('{"schema": "heaptrail.diff/2", "growing": []}').message).toMatch(/schema is "heaptrail\.diff\/2", expected "heaptrail\.baseline\/1"/);
    expect(failure('[1, 2]').message).toMatch(/expected a JSON object/);
    expect(failure('{"entries": []}').message).toMatch(/no "schema"/);
  });

  it('rejects fields of the wrong type, saying which', () => {
    const doc = (e: unknown) => JSON.stringify({ schema: BASELINE_SCHEMA, entries: e });
    expect(failure(doc({})).message).toMatch(/"entries" must be an array/);
    expect(failure(doc([3])).message).toMatch(/entries\[0\] must be an object/);
    expect(failure(doc([{ className: 1, paths: [] }])).message).toMatch(/entries\[0\]\.className must be a string/);
    expect(failure(doc([{ className: 'A', paths: 'x' }])).message).toMatch(/entries\[0\]\.paths must be an array/);
    expect(failure(doc([{ className: 'A', paths: [] }, { className: 'B', paths: ['a', null] }])).message).toMatch(/entries\[1\]\.paths\[1\] must be a string/);
  });
});

describe('readBaselineFile()', () => {
  it('reads a file relative to cwd and names a missing one as given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heaptrail-baseline-'));
    writeFileSync(join(dir, 'known.json'), baselineText(entries));
    expect((await readBaselineFile('known.json', dir)).entries).toHaveLength(2);
    await expect(readBaselineFile('absent.json', dir)).rejects.toMatchObject({ code: 'ENOENT', path: 'absent.json' });
  });
});
