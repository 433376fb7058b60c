import { describe, expect, it } from 'vitest';
import { readSnapshot } from '@heaptrail/parser';
import { FIXTURES, sliced } from './helpers/fixtures.js';
import { expectSameSnapshot } from './helpers/compare.js';
import { referenceRead } from './helpers/reference-reader.js';

describe('SnapshotBuilder and readSnapshot agree', () => {
  for (const [name, make] of Object.entries(FIXTURES)) {
    it(`readSnapshot(toJSON()) equals build(): ${name}`, async () => {
      const b = make();
      const text = b.toJSON();
      const parsed = await readSnapshot(sliced(Buffer.from(text), 65536));
      expectSameSnapshot(parsed, b.build());
      expect(parsed.byteLength).toBe(Buffer.byteLength(text));
      expect(parsed.source).toBe('<stream>');
    });

    it(`toJSON() is valid JSON that the reference reader reads as build(): ${name}`, () => {
      const b = make();
      expectSameSnapshot(referenceRead(b.toJSON()), b.build());
    });
  }

  it('build() gives firstEdge as the prefix sum of edge counts', () => {
    const b = FIXTURES['current V8 layout (6 node fields, detachedness, no trace_node_id)']!();
    const s = b.build();
    expect(s.firstEdge.length).toBe(s.header.nodeCount + 1);
    expect(s.firstEdge[s.header.nodeCount]).toBe(s.header.edgeCount);
    for (let i = 0; i < s.header.nodeCount; i++) expect(s.firstEdge[i + 1]! - s.firstEdge[i]!).toBe(s.nodes.edgeCount[i]);
  });

  it('names with escapes and lone surrogates decode to the exact UTF-16 strings', async () => {
    const b = FIXTURES['escapes, non-ASCII and lone surrogates in names']!();
    const parsed = await readSnapshot(sliced(Buffer.from(b.toJSON()), 1));
    const names = Array.from(parsed.nodes.name, (i) => parsed.strings.get(i));
    expect(names).toContain('lone high \ud800 end');
    expect(names).toContain('reversed \udc00\ud800');
    expect(names).toContain('emoji 😀 pair');
    expect(names).toContain('\u0000\u0001\u001f control');
  });

  it('raw UTF-8 in strings (other producers) decodes as UTF-8', async () => {
    const text = new (await import('@heaptrail/parser/builder')).SnapshotBuilder().toJSON().replace('"<dummy>"', '"ünï 日本 😀"');
    const parsed = await readSnapshot(sliced(Buffer.from(text, 'utf8'), 1));
    expect(parsed.strings.get(0)).toBe('ünï 日本 😀');
  });
});
