// Plain `Object` instances grouped by inferred interface `{a, b, c}`, as DevTools
// infers it (the rules are in class-names.ts' header).
//
// Objects are first grouped by *shape*: the sequence of their property name ids in edge
// order (`__proto__` left out). Everything the rules look at — the proposal, its
// 120-character cut, the set of properties matched against the kept interfaces — is a
// function of that sequence, so it is worked out once per shape: a heap holds millions
// of plain objects but a few thousand shapes. While the passes run, each plain object's
// `classOf` entry holds SHAPE + its shape id.

import { grow, resize, type HeapSnapshot } from '@heaptrail/parser';

const MAX_INTERFACE_NAME = 120;
const MIN_INTERFACE_COUNT = 2;
const MIN_INTERFACE_SHARE = 1 / 1000;
const NEEDS_QUOTES = /[,'"{}]/;
/** Marks a shape id in `classOf`; class ids stay far below it. */
const SHAPE = 0x80000000;

/** A kept interface: its display name, and its property name ids sorted ascending. */
interface Interface {
  readonly className: number;
  readonly props: readonly number[];
}

/** Trie over sorted property-name ids; `best` is the most popular interface ending here. */
interface TrieNode {
  readonly children: Map<number, TrieNode>;
  best: number;
  depth: number;
}

/**
 * Rewrites `classOf` of each plain object (class `plain`, type `objectType`) to its
 * interface's class, interned with `intern`, when one is kept; `plainCount` is the
 * number of plain objects.
 */
export function assignInterfaces(
  snapshot: HeapSnapshot,
  classOf: Uint32Array,
  plain: number,
  objectType: number,
  plainCount: number,
  intern: (name: string) => number,
): void {
  const { edges, firstEdge, strings, header } = snapshot;
  const n = header.nodeCount;
  const propertyType = header.meta.edgeTypes.indexOf('property');
  const edgeType = edges.type;
  const edgeName = edges.nameOrIndex;
  const nodeType = snapshot.nodes.type;
  // Property names decoded once per string index; null marks __proto__.
  const formatted = new Map<number, string | null>();
  const formatName = (s: number): string | null => {
    let f = formatted.get(s);
    if (f === undefined) {
      const raw = strings.get(s);
      f = raw === '__proto__' ? null : NEEDS_QUOTES.test(raw) ? JSON.stringify(raw) : raw;
      formatted.set(s, f);
    }
    return f;
  };
  // Per string index: 1 for __proto__, 2 for any other name, 0 not yet seen.
  const nameKind = new Uint8Array(strings.length);
  const isProto = (s: number): boolean => {
    let k = nameKind[s]!;
    if (k === 0) nameKind[s] = k = formatName(s) === null ? 1 : 2;
    return k === 1;
  };

  // Pass 1: intern each object's shape, in first-seen order, and count its objects.
  const shapes = new ShapeTable();
  let seq = new Uint32Array(64);
  for (let i = 0; i < n; i++) {
    if (classOf[i] !== plain || nodeType[i] !== objectType) continue;
    let len = 0;
    for (let e = firstEdge[i]!, end = firstEdge[i + 1]!; e < end; e++) {
      if (edgeType[e] !== propertyType) continue;
      const s = edgeName[e]!;
      if (isProto(s)) continue;
      if (len === seq.length) seq = grow(seq);
      seq[len++] = s;
    }
    if (len === 0) continue; // proposes nothing and matches nothing: stays `Object`
    classOf[i] = SHAPE + shapes.intern(seq, len);
  }

  // Proposals per shape: in shape order, which is first-seen object order.
  const proposals = new Map<string, { count: number; props: number[] }>();
  for (let shape = 0; shape < shapes.count; shape++) {
    const props = shapes.props(shape);
    let name = '{';
    let taken = 0;
    for (const s of props) {
      const f = formatName(s)!;
      // DevTools' exact test: the name so far plus the next property, ignoring `, ` and `}`.
      if (taken > 0 && name.length + f.length > MAX_INTERFACE_NAME) break;
      name += taken === 0 ? f : `, ${f}`;
      taken++;
    }
    name += '}';
    const p = proposals.get(name);
    if (p) p.count += shapes.objects[shape]!;
    else proposals.set(name, { count: shapes.objects[shape]!, props: props.slice(0, taken) });
  }
  const minCount = Math.max(MIN_INTERFACE_COUNT, plainCount * MIN_INTERFACE_SHARE);
  const kept = [...proposals].filter(([, p]) => p.count >= minCount);
  // Most popular first; ties keep first-seen order (a stable sort), as DevTools does.
  kept.sort((a, b) => b[1].count - a[1].count);
  const interfaces: Interface[] = kept.map(([name, p]) => ({
    className: intern(name),
    props: [...new Set(p.props)].sort((x, y) => x - y),
  }));

  const root: TrieNode = { children: new Map(), best: -1, depth: 0 };
  interfaces.forEach((iface, k) => {
    let node = root;
    for (const prop of iface.props) {
      let child = node.children.get(prop);
      if (!child) {
        child = { children: new Map(), best: -1, depth: node.depth + 1 };
        node.children.set(prop, child);
      }
      node = child;
    }
    if (node.best < 0) node.best = k;
  });

  // Pass 2: each shape's match, then each object takes its shape's.
  const classOfShape = new Uint32Array(shapes.count);
  const present = new Set<number>();
  const stack: TrieNode[] = [];
  for (let shape = 0; shape < shapes.count; shape++) {
    present.clear();
    for (const p of shapes.props(shape)) present.add(p);
    const match = interfaces.length > 0 ? bestInterface(root, present, stack) : -1;
    classOfShape[shape] = match >= 0 ? interfaces[match]!.className : plain;
  }
  for (let i = 0; i < n; i++) {
    const c = classOf[i]!;
    if (c >= SHAPE) classOf[i] = classOfShape[c - SHAPE]!;
  }
}

/** Distinct property-id sequences, by hash, with the number of objects of each. */
class ShapeTable {
  count = 0;
  readonly objects: number[] = [];
  private readonly start: number[] = [0];
  private ids: Uint32Array = new Uint32Array(1024);
  private readonly firstByHash = new Map<number, number>();
  private readonly nextSameHash: number[] = [];

  intern(seq: Uint32Array, len: number): number {
    let h = len;
    for (let k = 0; k < len; k++) h = Math.imul(h ^ seq[k]!, 0x9e3779b1) ^ (h >>> 15);
    let shape = this.firstByHash.get(h);
    for (let s = shape ?? -1; s >= 0; s = this.nextSameHash[s]!) {
      if (this.equals(s, seq, len)) {
        this.objects[s]!++;
        return s;
      }
    }
    shape = this.count++;
    this.nextSameHash.push(this.firstByHash.get(h) ?? -1);
    this.firstByHash.set(h, shape);
    this.objects.push(1);
    const at = this.start[shape]!;
    if (at + len > this.ids.length) this.ids = resize(this.ids, new Uint32Array(Math.max(this.ids.length * 2, at + len)));
    this.ids.set(seq.subarray(0, len), at);
    this.start.push(at + len);
    return shape;
  }

  props(shape: number): number[] {
    return Array.from(this.ids.subarray(this.start[shape]!, this.start[shape + 1]!));
  }

  private equals(shape: number, seq: Uint32Array, len: number): boolean {
    const at = this.start[shape]!;
    if (this.start[shape + 1]! - at !== len) return false;
    for (let k = 0; k < len; k++) if (this.ids[at + k] !== seq[k]) return false;
    return true;
  }
}

/** The interface with the most properties, all in `present`; ties to the more popular. -1 if none. */
function bestInterface(root: TrieNode, present: ReadonlySet<number>, stack: TrieNode[]): number {
  let best = -1;
  let bestDepth = 0;
  stack.length = 0;
  stack.push(root);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.best >= 0 && (node.depth > bestDepth || (node.depth === bestDepth && node.best < best))) {
      best = node.best;
      bestDepth = node.depth;
    }
    // Walk whichever side is smaller: the node's children or the object's properties.
    if (node.children.size <= present.size) {
      for (const [prop, child] of node.children) if (present.has(prop)) stack.push(child);
    } else {
      for (const prop of present) {
        const child = node.children.get(prop);
        if (child) stack.push(child);
      }
    }
  }
  return best;
}
