// Seeded random heap graphs with the shapes that break dominator code: cycles,
// unreachable parts, weak-only retainers, self edges, shortcuts from anywhere,
// parallel edges, WeakMap ephemeron pairs, internal cells with one or many owners,
// and the two DevTools distance special cases.

import { prng, SnapshotBuilder, type BuilderNode } from '@heaptrail/parser/builder';
import type { HeapSnapshot } from '@heaptrail/parser';

export { prng };

const TYPES = ['object', 'object', 'object', 'hidden', 'array', 'closure', 'string', 'native', 'synthetic'] as const;
const EDGES = ['property', 'property', 'element', 'internal', 'context', 'hidden', 'weak', 'shortcut'] as const;

/** `sizeScale` multiplies every self size: 4e7 makes sizes of up to 4e9 that sum past 2^32. */
export function randomSnapshot(seed: number, sizeScale = 1): HeapSnapshot {
  const rand = prng(seed);
  const int = (k: number) => Math.floor(rand() * k);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const b = new SnapshotBuilder();
  const size = 1 + Math.floor(200 * rand() ** 2);
  const nodes: BuilderNode[] = [b.root];
  for (let i = 1; i < size; i++) {
    const special = rand();
    if (special < 0.02) nodes.push(b.node('system / NativeContext', int(50) * sizeScale, { type: 'hidden' }));
    else if (special < 0.04) nodes.push(b.node('(map descriptors)', int(50) * sizeScale, { type: 'array' }));
    else nodes.push(b.node(`N${int(5)}`, int(100) * sizeScale, { type: pick(TYPES) }));
  }
  const other = () => nodes[1 + int(size - 1)]!;
  if (size === 1) return b.build();

  // A few roots: globals by shortcut, GC-root-like synthetic children by element.
  const rootEdges = 1 + int(4);
  for (let i = 0; i < rootEdges; i++) b.root.edge(other(), rand() < 0.5 ? 'shortcut' : 'element');
  const density = 0.5 + 2.5 * rand();
  const edgeCount = Math.floor(size * density);
  const weakShare = rand() * 0.4;
  for (let i = 0; i < edgeCount; i++) {
    const from = other();
    const r = rand();
    if (r < 0.05) from.edge(from, 'property', 'self');
    else if (r < 0.08) from.edge(other(), 'property', 'sloppy_function_map');
    else if (rand() < weakShare) from.edge(other(), 'weak', 'w');
    else {
      const to = other();
      const type = pick(EDGES);
      from.edge(to, type, type === 'element' || type === 'hidden' ? int(8) : `p${int(3)}`);
      if (rand() < 0.05) from.edge(to, type === 'shortcut' ? 'property' : type); // parallel edge
    }
  }
  // WeakMap pairs: key → value and table → value, named as V8 names them.
  // A WeakMap holds one value per key, so a (key, table) combination appears once.
  const pairs = int(4);
  const used = new Set<string>();
  for (let i = 0; i < pairs; i++) {
    const [key, table, value] = [other(), other(), other()];
    if (used.has(`${key.id}/${table.id}`)) continue;
    used.add(`${key.id}/${table.id}`);
    const text = ` / part of key (K @${key.id}) -> value (V @${value.id}) pair in WeakMap (table @${table.id})`;
    key.edge(value, 'internal', `${key.edges.length + 1}${text}`);
    table.edge(value, 'internal', `${table.edges.length + 1}${text}`);
  }
  return b.build();
}
