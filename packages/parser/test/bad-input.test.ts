import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readSnapshot, SnapshotFormatError } from '@heaptrail/parser';
import { TINY, tinyHeader, tinySnapshot } from './helpers/tiny-snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'heaptrail-bad-'));

interface BadCase {
  readonly name: string;
  readonly text: string;
  readonly reason: RegExp;
  /** Exact offset, or an inclusive range. */
  readonly offset: number | readonly [number, number];
}

/** The byte offset of `needle` in `text` (+ delta); fails loudly if absent so a case cannot rot. */
function at(text: string, needle: string, delta = 0): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`test setup: ${JSON.stringify(needle)} not in text`);
  return Buffer.byteLength(text.slice(0, i)) + delta;
}

function cases(): BadCase[] {
  const list: BadCase[] = [];
  const add = (name: string, text: string, reason: RegExp, offset: BadCase['offset'] | ((t: string) => BadCase['offset'])) =>
    list.push({ name, text, reason, offset: typeof offset === 'function' ? offset(text) : offset });
  const good = tinySnapshot();
  const headerStart = at(good, '{"meta"');

  add('an empty file', '', /^empty input$/, 0);
  add('only whitespace', ' \n\t ', /^empty input$/, [0, 4]);
  add('text that is not JSON', 'hello world', /^not JSON$/, 0);
  add('a JSON array', '[1,2,3]', /^not a heap snapshot$/, 0);
  add('a JSON object with other keys', '{"name":"x"}', /^not a heap snapshot$/, 1);
  add('an empty JSON object', '{}', /^not a heap snapshot$/, 1);
  add('a snapshot key whose value is not an object', '{"snapshot":[1]}', /snapshot header is not an object/, 12);
  add('a header without meta', tinySnapshot({ header: '{"node_count":3,"edge_count":2}' }), /missing snapshot meta/, headerStart);
  add('node_fields without self_size', tinySnapshot({ header: tinyHeader({}, { node_fields: ['type', 'name', 'id', 'edge_count'] }) }), /node_fields lacks self_size/, headerStart);
  const wide = ['type', 'name', 'id', 'self_size', 'edge_count', ...Array.from({ length: 60 }, (_, k) => `f${k}`)];
  add('65 node fields (a wide header would cost a column each)', tinySnapshot({ header: tinyHeader({}, { node_fields: wide, node_types: [['hidden'], ...wide.slice(1).map(() => 'number')] }) }), /too many node fields \(65, at most 64\)/, headerStart);
  add('an escape in a section name', tinySnapshot().replace('"samples"', '"\\usamples"'), /invalid section name/, (t) => at(t, '"\\usamples"'));
  add('edge_fields with an unknown field', tinySnapshot({ header: tinyHeader({}, { edge_fields: ['type', 'name_or_index', 'to'] }) }), /edge_fields/, headerStart);
  add('node_types[0] not a list of strings', tinySnapshot({ header: tinyHeader({}, { node_types: ['hidden', 'array'] }) }), /invalid meta.node_types/, headerStart);
  add('edge_types missing', tinySnapshot({ header: tinyHeader({}, { edge_types: undefined }) }), /invalid meta.edge_types/, headerStart);
  add('a negative node_count', tinySnapshot({ header: tinyHeader({ node_count: -1 }) }), /invalid node_count/, headerStart);
  add('a fractional edge_count', tinySnapshot({ header: tinyHeader({ edge_count: 1.5 }) }), /invalid edge_count/, headerStart);
  add('a node_count over 2^32-1', tinySnapshot({ header: tinyHeader({ node_count: 2 ** 32 }) }), /node_count too large/, headerStart);
  add('invalid JSON inside the header', tinySnapshot({ header: '{"meta":{,}}' }), /invalid JSON in snapshot header/, headerStart);
  const deep = tinyHeader({ x: JSON.parse('['.repeat(40) + ']'.repeat(40)) });
  add('a header nested 40 deep', tinySnapshot({ header: deep }), /nested too deeply/, (t) => at(t, '['.repeat(40), 31));
  add('a header over 1 MB', tinySnapshot({ header: tinyHeader({ title: 'x'.repeat(1_100_000) }) }), /header too large/, [headerStart + 1024 * 1024, headerStart + 1024 * 1024 + 1]);
  add('a decimal point in nodes', tinySnapshot({ nodes: TINY.nodes.replace('3,10,', '3,1.5,') }), /^non-integer number$/, (t) => at(t, '1.5', 1));
  add('an exponent in nodes', tinySnapshot({ nodes: TINY.nodes.replace('3,10,', '3,1e3,') }), /^non-integer number$/, (t) => at(t, '1e3', 1));
  add('a negative number in edges', tinySnapshot({ edges: '2,3,6\n,2,-4,12' }), /^negative number$/, (t) => at(t, '-4'));
  add('a leading zero', tinySnapshot({ nodes: TINY.nodes.replace('3,10,', '3,010,') }), /leading zero/, (t) => at(t, '010'));
  add('a name index over 2^32-1', tinySnapshot({ nodes: TINY.nodes.replace('3,1,3,', '3,4294967296,3,') }), /number too large/, (t) => [at(t, '4294967296'), at(t, '\n,3,2,5')]);
  add('a self_size over 2^53-1', tinySnapshot({ nodes: TINY.nodes.replace('3,10,', '3,9007199254740993,') }), /number too large/, (t) => [at(t, '9007'), at(t, '\n,3,2,5')]);
  add('a 17-digit number', tinySnapshot({ edges: '2,3,6\n,2,4,12345678901234567' }), /number too large/, (t) => at(t, '12345678901234567'));
  add('a letter in nodes', tinySnapshot({ nodes: TINY.nodes.replace('3,10,', '3,x,') }), /unexpected 'x'/, (t) => at(t, 'x,'));
  add('a trailing comma in edges', tinySnapshot({ edges: TINY.edges + ',' }), /trailing comma/, (t) => at(t, ',]', 1));
  add('two commas in a row', tinySnapshot({ edges: '2,3,,6\n,2,4,12' }), /unexpected ',', expected a number/, (t) => at(t, ',,', 1));
  add('more numbers than node_count', tinySnapshot({ nodes: TINY.nodes + ',3,2,7,20,0,0' }), /more nodes than node_count/, (t) => [at(t, ',3,2,7'), at(t, '],\n"edges"')]);
  add('a partial extra node', tinySnapshot({ nodes: TINY.nodes + ',3' }), /more nodes than node_count/, (t) => at(t, '],\n"edges"'));
  add('fewer numbers than node_count', tinySnapshot({ nodes: '9,0,1,0,2,0\n,3,1,3,10,0,0' }), /fewer nodes than node_count/, (t) => at(t, '],\n"edges"'));
  add('fewer numbers than edge_count', tinySnapshot({ edges: '2,3,6\n,2,4' }), /fewer edges than edge_count/, (t) => at(t, '],\n"trace_function_infos"'));
  add('more numbers than edge_count', tinySnapshot({ edges: '2,3,6\n,2,4,12\n,2,4,12' }), /more edges than edge_count/, (t) => [at(t, '\n,2,4,12\n'), at(t, '],\n"trace')]);
  add('a to_node that is not a multiple of the field count', tinySnapshot({ edges: '2,3,6\n,2,4,13' }), /to_node not a multiple/, (t) => at(t, ',13', 3));
  add('a to_node past the last node', tinySnapshot({ edges: '2,3,6\n,2,4,18' }), /to_node outside nodes/, (t) => at(t, ',18', 3));
  add('edge counts that do not sum to edge_count', tinySnapshot({ nodes: TINY.nodes.replace('3,1,3,10,0,', '3,1,3,10,1,') }), /edge_count sum does not match/, (t) => at(t, '],\n"edges"'));
  add('a node type id outside node_types', tinySnapshot({ nodes: TINY.nodes.replace('3,1,3,10,', '10,1,3,10,') }), /node type out of range/, (t) => [at(t, '10,1,3'), at(t, '\n,3,2,5')]);
  add('an edge type id outside edge_types', tinySnapshot({ edges: '7,3,6\n,2,4,12' }), /edge type out of range/, (t) => at(t, '7,3,6', 5));
  add('a node name index past the strings', tinySnapshot({ nodes: TINY.nodes.replace('3,2,5,', '3,5,5,') }), /node name index out of range/, (t) => at(t, ']}\n'));
  add('a property edge name past the strings', tinySnapshot({ edges: '2,3,6\n,2,5,12' }), /edge name index out of range/, (t) => at(t, ']}\n'));
  add('an invalid escape in a string', tinySnapshot({ strings: TINY.strings.replace('"A"', '"\\x41"') }), /invalid escape/, (t) => at(t, '\\x', 1));
  add('a bad \\u escape', tinySnapshot({ strings: TINY.strings.replace('"A"', '"\\u12G4"') }), /invalid \\u escape/, (t) => at(t, 'G4'));
  add('a raw control character in a string', tinySnapshot({ strings: TINY.strings.replace('"A"', '"A\u0001"') }), /control character in string/, (t) => at(t, '\u0001'));
  add('a number in strings', tinySnapshot({ strings: TINY.strings + ',7' }), /unexpected '7', expected a string/, (t) => at(t, ',7', 1));
  add('sections out of order', tinySnapshot({ middle: ',\n"locations":[],\n"samples":[]' }), /section samples out of order/, (t) => at(t, '"samples"'));
  add('a missing strings section', tinySnapshot().replace(/,\n"strings":\[.*\]\}/s, '}'), /missing strings section/, (t) => t.length - 2);
  add('an unknown section with an empty array slot', tinySnapshot({ middle: ',\n"scopes":[1,,2]' }), /unexpected ',', expected a value/, (t) => at(t, ',,', 1));
  add('an unknown section with a broken literal', tinySnapshot({ middle: ',\n"scopes":tru' }), /invalid literal/, (t) => at(t, 'tru', 3));
  add('an unknown section with a bad escape', tinySnapshot({ middle: ',\n"scopes":["\\q"]' }), /invalid escape in string/, (t) => at(t, '\\q', 1));
  add('an unknown section with a leading zero', tinySnapshot({ middle: ',\n"scopes":[01]' }), /leading zero/, (t) => at(t, '01', 1));
  add('an unknown section with a key but no colon', tinySnapshot({ middle: ',\n"scopes":{"a" 1}' }), /expected a colon/, (t) => at(t, '"a" 1', 4));
  add('an unknown section with a trailing comma', tinySnapshot({ middle: ',\n"scopes":[1,2,]' }), /unexpected '\]', expected a value/, (t) => at(t, ',]', 1));
  add('an unknown section with unbalanced brackets', tinySnapshot({ middle: ',\n"scopes":[1,2}' }), /unbalanced brackets/, (t) => at(t, '2}', 1));
  add('trace_tree with an incomplete trace node', tinySnapshot({ middle: ',\n"trace_tree":[1,0,1,8]' }), /incomplete trace node/, (t) => at(t, '8]', 1));
  add('trace_tree children that are not an array', tinySnapshot({ middle: ',\n"trace_tree":[1,0,1,8,9]' }), /children must be an array/, (t) => at(t, '9]'));
  add('trace_function_infos shorter than trace_function_count', tinySnapshot({ header: tinyHeader({ trace_function_count: 1 }), middle: ',\n"trace_function_infos":[1,2,3]' }), /trace_function_infos shorter/, (t) => at(t, '3]', 1));
  add('samples not a multiple of sample_fields', tinySnapshot({ middle: ',\n"samples":[1,2,3]' }), /samples length does not match/, (t) => at(t, '3]', 1));
  add('garbage after the final }', tinySnapshot({ tail: '}\n{}' }), /trailing garbage/, (t) => t.length - 2);

  // Truncations: the offset is always the truncated length.
  const truncated = (name: string, needle: string, delta = 0) => {
    const cut = good.slice(0, at(good, needle, delta));
    add(`input truncated ${name}`, cut, /unexpected end of input/, Buffer.byteLength(cut));
  };
  truncated('inside the header', '"node_count"');
  truncated('inside a number', '10,0,0', 1);
  truncated('inside a string', '"A"', 1);
  truncated('between sections', '"edges"');
  truncated('before the final }', ']}\n', 1);
  return list;
}

async function failure(p: Promise<unknown>): Promise<SnapshotFormatError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SnapshotFormatError) return e;
    throw e;
  }
  throw new Error('expected a SnapshotFormatError, but the input was accepted');
}

function expectOffset(e: SnapshotFormatError, offset: BadCase['offset']): void {
  if (typeof offset === 'number') expect(e.offset).toBe(offset);
  else {
    expect(e.offset).toBeGreaterThanOrEqual(offset[0]);
    expect(e.offset).toBeLessThanOrEqual(offset[1]);
  }
}

describe('readSnapshot refuses bad input with a SnapshotFormatError that says where and why', () => {
  it('the hand-written tiny snapshot itself is valid', async () => {
    const s = await readSnapshot(Readable.from([Buffer.from(tinySnapshot())]));
    expect(s.header.nodeCount).toBe(3);
    expect(Array.from(s.edges.toNode)).toEqual([1, 2]);
    expect(s.strings.get(s.nodes.name[2]!)).toBe('B');
  });

  for (const c of cases()) {
    it(`${c.name}: ${c.reason.source}`, async () => {
      const e = await failure(readSnapshot(Readable.from([Buffer.from(c.text)]), { sourceName: 'bad.heapsnapshot' }));
      expect(e.reason).toMatch(c.reason);
      expectOffset(e, c.offset);
      expect(e.message).toBe(`bad.heapsnapshot: ${e.reason} at byte ${e.offset}`);
    });
    it(`${c.name}, gzipped: same reason and offset in the decompressed text`, async () => {
      const e = await failure(readSnapshot(Readable.from([gzipSync(c.text)])));
      expect(e.reason).toMatch(c.reason);
      expectOffset(e, c.offset);
    });
  }

  it('accepts whitespace after the final }', async () => {
    const s = await readSnapshot(Readable.from([Buffer.from(tinySnapshot({ tail: '}\n \r\n\t' }))]));
    expect(s.header.nodeCount).toBe(3);
  });

  it('skips sections it does not model and lists them', async () => {
    const text = tinySnapshot({ middle: TINY.middle + ',\n"scopes":[1,-2,{"a":[3]},"x]"],\n"scope_uses":[]' });
    const s = await readSnapshot(Readable.from([Buffer.from(text)]));
    expect(s.skippedSections).toEqual(['scopes', 'scope_uses']);
    expect(s.strings.length).toBe(5);
  });

  it('refuses a file whose header claims more numbers than the file could hold, before allocating', async () => {
    const path = join(dir, 'lying.heapsnapshot');
    const text = tinySnapshot({ header: tinyHeader({ node_count: 4_000_000_000, edge_count: 4_000_000_000 }) });
    writeFileSync(path, text);
    const e = await failure(readSnapshot(path));
    expect(e.reason).toMatch(/header counts exceed file size/);
    expect(e.offset).toBe(at(text, '{"meta"'));
    expect(e.source).toBe(path);
  });

  it('reads a stream whose header lies about its counts with bounded memory', async () => {
    const text = tinySnapshot({ header: tinyHeader({ node_count: 4_000_000_000, edge_count: 2 }) });
    const before = process.memoryUsage().arrayBuffers;
    const e = await failure(readSnapshot(Readable.from([Buffer.from(text)])));
    expect(e.reason).toMatch(/fewer nodes than node_count/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('reports corrupt gzip data with the compressed offset', async () => {
    const gz = gzipSync(tinySnapshot());
    gz.fill(0x55, 20, 40);
    const e = await failure(readSnapshot(Readable.from([gz])));
    expect(e.reason).toMatch(/corrupt gzip/);
    expect(e.offset).toBeLessThanOrEqual(gz.length);
  });

  it('reports a truncated gzip file as corrupt gzip data', async () => {
    const path = join(dir, 'truncated.heapsnapshot.gz');
    const gz = gzipSync(tinySnapshot());
    writeFileSync(path, gz.subarray(0, gz.length - 10));
    const e = await failure(readSnapshot(path));
    expect(e.reason).toMatch(/corrupt gzip|unexpected end of input/);
    expect(e.offset).toBeLessThanOrEqual(gz.length);
  });

  it('passes errors of the underlying file system through unchanged', async () => {
    await expect(readSnapshot(join(dir, 'missing.heapsnapshot'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
