// Element-wise snapshot comparison with messages that name the first difference
// (vitest's deep equality is slow on million-element typed arrays).

import { expect } from 'vitest';
import type { HeapSnapshot } from '@heaptrail/parser';

type Numeric = Uint8Array | Uint32Array | Float64Array;

/** "" when equal, else a description of the first difference. */
export function diffArrays(label: string, actual: Numeric | undefined, expected: Numeric | undefined): string {
  if (actual === undefined || expected === undefined) {
    return actual === expected ? '' : `${label}: ${actual === undefined ? 'missing' : 'unexpected'}`;
  }
  if (actual.constructor !== expected.constructor) return `${label}: ${actual.constructor.name} != ${expected.constructor.name}`;
  if (actual.length !== expected.length) return `${label}: length ${actual.length} != ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] !== expected[i]) return `${label}[${i}]: ${actual[i]} != ${expected[i]}`;
  }
  return '';
}

/** Every column, every string and every optional section; not `source` or `byteLength`. */
export function snapshotDifferences(actual: HeapSnapshot, expected: HeapSnapshot): string[] {
  const out: string[] = [];
  const add = (s: string) => s && out.push(s);
  const a = actual.nodes;
  add(diffArrays('nodes.type', a.type, expected.nodes.type));
  add(diffArrays('nodes.name', a.name, expected.nodes.name));
  add(diffArrays('nodes.id', a.id, expected.nodes.id));
  add(diffArrays('nodes.selfSize', a.selfSize, expected.nodes.selfSize));
  add(diffArrays('nodes.edgeCount', a.edgeCount, expected.nodes.edgeCount));
  add(diffArrays('nodes.traceNodeId', a.traceNodeId, expected.nodes.traceNodeId));
  add(diffArrays('nodes.detachedness', a.detachedness, expected.nodes.detachedness));
  const extraKeys = new Set([...Object.keys(a.extra), ...Object.keys(expected.nodes.extra)]);
  for (const k of extraKeys) add(diffArrays(`nodes.extra.${k}`, a.extra[k], expected.nodes.extra[k]));
  add(diffArrays('edges.type', actual.edges.type, expected.edges.type));
  add(diffArrays('edges.nameOrIndex', actual.edges.nameOrIndex, expected.edges.nameOrIndex));
  add(diffArrays('edges.toNode', actual.edges.toNode, expected.edges.toNode));
  add(diffArrays('firstEdge', actual.firstEdge, expected.firstEdge));
  add(diffArrays('traceFunctionInfos', actual.traceFunctionInfos, expected.traceFunctionInfos));
  add(diffArrays('samples', actual.samples, expected.samples));
  add(diffArrays('locations', actual.locations, expected.locations));
  const ta = actual.traceTree;
  const te = expected.traceTree;
  if ((ta === undefined) !== (te === undefined)) out.push(`traceTree: ${ta ? 'unexpected' : 'missing'}`);
  else if (ta && te) {
    add(diffArrays('traceTree.id', ta.id, te.id));
    add(diffArrays('traceTree.functionInfoIndex', ta.functionInfoIndex, te.functionInfoIndex));
    add(diffArrays('traceTree.count', ta.count, te.count));
    add(diffArrays('traceTree.size', ta.size, te.size));
    add(diffArrays('traceTree.parent', ta.parent, te.parent));
  }
  if (actual.strings.length !== expected.strings.length) out.push(`strings.length ${actual.strings.length} != ${expected.strings.length}`);
  else {
    for (let i = 0; i < actual.strings.length; i++) {
      if (actual.strings.get(i) !== expected.strings.get(i)) {
        out.push(`strings[${i}]: ${JSON.stringify(actual.strings.get(i))} != ${JSON.stringify(expected.strings.get(i))}`);
        break;
      }
    }
  }
  return out;
}

export function expectSameSnapshot(actual: HeapSnapshot, expected: HeapSnapshot): void {
  expect(actual.header).toEqual(expected.header);
  expect(snapshotDifferences(actual, expected)).toEqual([]);
}
