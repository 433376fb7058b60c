// Builder graphs shared by the parser tests: each covers one layout or encoding case.

import { NODE_FIELDS_LEGACY, NODE_FIELDS_TRACED, SnapshotBuilder } from '@heaptrail/parser/builder';
import { Readable } from 'node:stream';

/** 3000 nodes in a ring with cross links: ~9000 edge records, some with long numbers. */
export function ring(): SnapshotBuilder {
  const b = new SnapshotBuilder();
  const nodes = Array.from({ length: 3000 }, (_, i) => b.node(`N${i % 50}`, 16 + i));
  b.root.edge(nodes[0]!, 'shortcut', 'g');
  nodes.forEach((n, i) => {
    n.edge(nodes[(i + 1) % nodes.length]!, 'property', 'next');
    n.edge(nodes[(i * 7919) % nodes.length]!, 'element', 4_000_000_000 - i);
    if (i % 3 === 0) n.edge(b.root, 'weak', 'back');
  });
  return b;
}

function smallGraph(b: SnapshotBuilder): SnapshotBuilder {
  const app = b.node('App', 64);
  const list = b.node('Array', 32, { type: 'array' });
  const fn = b.node('onRequestDone', 40, { type: 'closure' });
  b.root.edge(app, 'shortcut', '1');
  app.edge(list, 'property', 'items').edge(fn, 'property', 'handler');
  for (let i = 0; i < 12; i++) {
    const item = b.node(`Item`, 24 + i, { detachedness: (i % 3) as 0 | 1 | 2, traceNodeId: i });
    list.edge(item, 'element', i);
    item.edge(app, 'weak', 'owner');
  }
  fn.edge(app, 'context', 'app').edge(list, 'hidden');
  return b;
}

export const FIXTURES: Record<string, () => SnapshotBuilder> = {
  'current V8 layout (6 node fields, detachedness, no trace_node_id)': () => smallGraph(new SnapshotBuilder()),
  'allocation-tracking layout (7 node fields)': () => smallGraph(new SnapshotBuilder({ nodeFields: NODE_FIELDS_TRACED })),
  'legacy layout without detachedness': () => smallGraph(new SnapshotBuilder({ nodeFields: NODE_FIELDS_LEGACY, rootType: 'hidden' })),
  'unknown extra node field': () =>
    smallGraph(new SnapshotBuilder({ nodeFields: ['type', 'name', 'id', 'self_size', 'retained_size', 'edge_count'] })),
  'extra_native_bytes in the header': () => smallGraph(new SnapshotBuilder({ extraNativeBytes: 123456789 })),
  'locations, current field layout': () => {
    const b = smallGraph(new SnapshotBuilder());
    b.location(b.nodes[3]!, 7, 12, 4).location(b.nodes[1]!, 8, 0, 0);
    return b;
  },
  'locations, older field layout without script_object_index': () => {
    const b = smallGraph(new SnapshotBuilder({ locationFields: ['object_index', 'script_id', 'line', 'column'] }));
    b.location(b.nodes[3]!, 7, 12, 4);
    return b;
  },
  'escapes, non-ASCII and lone surrogates in names': () => {
    const b = new SnapshotBuilder();
    const names = [
      'quote " backslash \\ slash /',
      'tab\tnewline\ncr\rbs\bff\f',
      '\u0000\u0001\u001f control',
      'café ünïcödé',
      '日本語の名前',
      'emoji 😀 pair',
      'lone high \ud800 end',
      'lone low \udc00 end',
      'reversed \udc00\ud800',
      ']"strings" inside, a ] and a [',
      '',
    ];
    for (const name of names) b.root.edge(b.node(name, name.length), 'property', name + '!');
    return b;
  },
  'large ids and sizes': () => {
    const b = new SnapshotBuilder();
    const big = b.node('Big', 2 ** 40, { id: 0xfffffffe });
    b.root.edge(big, 'element', 0xffffffff);
    return b;
  },
  'root only, no edges': () => new SnapshotBuilder(),
};

/** A Readable that yields `bytes` in slices of `size` (splitting every token somewhere). */
export function sliced(bytes: Uint8Array, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(Buffer.from(bytes.subarray(i, i + size)));
  return Readable.from(parts);
}
