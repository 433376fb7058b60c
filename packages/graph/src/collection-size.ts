// How many members a collection holds, read from V8's layout, so a report can say
// "sessions (Array, 1,000 → 4,000)":
// - Array: its element edges (V8 writes them on the array itself; its `elements`
//   backing store repeats them as internal edges);
// - Map / Set: the live entries of its `table` (an OrderedHashMap/Set: a 3-slot header,
//   B buckets, then `capacity` entries of [key, value, chain] or [key, chain], each slot
//   an internal edge named by its index; B = capacity / 2). Smi keys and values have no
//   edge, so an entry counts when any of its slots has one. The table's length comes
//   from its self size, 16 + 8·length bytes (8 + 4·length with pointer compression);
// - a plain Object used as a dictionary: its property edges but `__proto__`.
// Anything else is not a collection (-1).

import type { SizedGraph } from './types.js';

export type CollectionKind = 'Array' | 'Map' | 'Set' | 'Object';

const KINDS: readonly CollectionKind[] = ['Array', 'Map', 'Set', 'Object'];
const UNKNOWN = 0;
const NONE = 1;
/** Edge-name roles; UNKNOWN (0) until the name is first read. */
const NAME_OTHER = 1;
const NAME_TABLE = 2;
const NAME_PROTO = 3;

export interface CollectionSizer {
  /** The collection kind of node `ordinal`, or null. */
  kindOf(ordinal: number): CollectionKind | null;
  /** Members of node `ordinal`, or -1 when it is not a collection. */
  sizeOf(ordinal: number): number;
}

export function collectionSizer(graph: Pick<SizedGraph, 'snapshot'>): CollectionSizer {
  const { nodes, edges, firstEdge, strings } = graph.snapshot;
  const { nodeTypes, edgeTypes } = graph.snapshot.header.meta;
  const objectType = nodeTypes.indexOf('object');
  const elementType = edgeTypes.indexOf('element');
  const internalType = edgeTypes.indexOf('internal');
  const propertyType = edgeTypes.indexOf('property');
  // Per string index: UNKNOWN, NONE, or 2 + index into KINDS. Strings are decoded once each.
  const nameKind = new Uint8Array(strings.length);
  // Per string index, what the sizer reads of an edge name, decoded once each: its role
  // (UNKNOWN, or one of the NAME_* above) and, for internal edges, the slot number it spells.
  const nameRole = new Uint8Array(strings.length);
  const slotNumber = new Float64Array(strings.length);
  const kindIndex = (v: number): number => {
    if (nodes.type[v] !== objectType) return -1;
    const s = nodes.name[v]!;
    let k = nameKind[s]!;
    if (k === UNKNOWN) {
      const i = KINDS.indexOf(strings.get(s) as CollectionKind);
      k = i < 0 ? NONE : 2 + i;
      nameKind[s] = k;
    }
    return k - 2;
  };
  const roleOf = (e: number): number => {
    const i = edges.nameOrIndex[e]!;
    let role = nameRole[i]!;
    if (role === UNKNOWN) {
      const name = strings.get(i);
      role = name === 'table' ? NAME_TABLE : name === '__proto__' ? NAME_PROTO : NAME_OTHER;
      nameRole[i] = role;
      slotNumber[i] = Number(name);
    }
    return role;
  };
  const slotOf = (e: number): number => {
    roleOf(e);
    return slotNumber[edges.nameOrIndex[e]!]!;
  };
  const tableOf = (v: number): number => {
    for (let e = firstEdge[v]!, end = firstEdge[v + 1]!; e < end; e++) {
      if (edges.type[e] === internalType && roleOf(e) === NAME_TABLE) return edges.toNode[e]!;
    }
    return -1;
  };
  const countEdges = (v: number, type: number): number => {
    let n = 0;
    for (let e = firstEdge[v]!, end = firstEdge[v + 1]!; e < end; e++) if (edges.type[e] === type) n++;
    return n;
  };
  const tableEntries = (table: number, stride: number): number => {
    const capacity = tableCapacity(nodes.selfSize[table]!, stride);
    if (capacity < 0) return -1;
    const first = 3 + capacity / 2;
    const live = new Uint8Array(capacity);
    let n = 0;
    for (let e = firstEdge[table]!, end = firstEdge[table + 1]!; e < end; e++) {
      if (edges.type[e] !== internalType) continue;
      const slot = slotOf(e) - first;
      if (!(slot >= 0)) continue;
      const entry = Math.floor(slot / stride);
      // The chain slot (last of each entry) is a Smi; an edge there would not be ours to count.
      if (entry < capacity && slot % stride !== stride - 1 && live[entry] === 0) {
        live[entry] = 1;
        n++;
      }
    }
    return n;
  };
  return {
    kindOf: (v) => KINDS[kindIndex(v)] ?? null,
    sizeOf(v) {
      switch (KINDS[kindIndex(v)]) {
        case 'Array':
          return countEdges(v, elementType);
        case 'Map':
        case 'Set': {
          const table = tableOf(v);
          return table < 0 ? -1 : tableEntries(table, KINDS[kindIndex(v)] === 'Map' ? 3 : 2);
        }
        case 'Object': {
          let n = 0;
          for (let e = firstEdge[v]!, end = firstEdge[v + 1]!; e < end; e++) if (edges.type[e] === propertyType && roleOf(e) !== NAME_PROTO) n++;
          return n;
        }
        default:
          return -1;
      }
    },
  };
}

/**
 * The capacity of an ordered hash table of `selfSize` bytes with `stride` slots per
 * entry (3 for a Map, 2 for a Set): length = 3 + capacity/2 + stride·capacity, for 8-byte
 * slots after a 16-byte header or 4-byte slots after an 8-byte one; -1 when neither fits.
 */
export function tableCapacity(selfSize: number, stride: number): number {
  for (const [header, slot] of [[16, 8], [8, 4]] as const) {
    const length = (selfSize - header) / slot;
    const capacity = (length - 3) / (stride + 0.5);
    if (Number.isInteger(capacity) && capacity > 0 && (capacity & (capacity - 1)) === 0) return capacity;
  }
  return -1;
}
