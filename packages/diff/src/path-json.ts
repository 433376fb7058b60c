// Retaining paths as they appear in JSON (diff results, `heaptrail paths --json`):
// plain data, no ordinals (they mean nothing outside one parse).

import type { PathGroup, PathStep } from '@heaptrail/graph';
import type { PathGroupJson, PathStepJson } from './types.js';

export function pathStepJson(s: PathStep): PathStepJson {
  return { edge: s.edge, className: s.className, nodeId: s.nodeId };
}

export function pathGroupJson(g: PathGroup): PathGroupJson {
  return { count: g.count, retainedSize: g.retainedSize, exampleId: g.exampleId, text: g.text, steps: g.steps.map(pathStepJson) };
}
