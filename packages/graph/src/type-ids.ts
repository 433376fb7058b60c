// Node and edge type ids read once from the snapshot's meta: their numbering is the
// snapshot's own, not fixed by V8 across versions.
// A type the snapshot does not declare gets -1, which no column value equals.

import type { HeapSnapshot } from '@heaptrail/parser';

export interface TypeIds {
  readonly nodeHidden: number;
  readonly nodeArray: number;
  readonly nodeNative: number;
  readonly nodeSynthetic: number;
  readonly edgeElement: number;
  readonly edgeHidden: number;
  readonly edgeInternal: number;
  readonly edgeShortcut: number;
  readonly edgeWeak: number;
}

export function typeIds(snapshot: HeapSnapshot): TypeIds {
  const { nodeTypes, edgeTypes } = snapshot.header.meta;
  return {
    nodeHidden: nodeTypes.indexOf('hidden'),
    nodeArray: nodeTypes.indexOf('array'),
    nodeNative: nodeTypes.indexOf('native'),
    nodeSynthetic: nodeTypes.indexOf('synthetic'),
    edgeElement: edgeTypes.indexOf('element'),
    edgeHidden: edgeTypes.indexOf('hidden'),
    edgeInternal: edgeTypes.indexOf('internal'),
    edgeShortcut: edgeTypes.indexOf('shortcut'),
    edgeWeak: edgeTypes.indexOf('weak'),
  };
}
