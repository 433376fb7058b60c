// Retaining paths as they appear in JSON (diff results, `heaptrail paths --json`):
// plain data, no ordinals (they mean nothing outside one parse).

import type { PathGroup, PathStep } from '@heaptrail/graph';
import type { PathGroupJson, PathStepJson } from './types.js';

/** The step's facts; the optional ones only when the step has them, in a fixed order. */
export function pathStepJson(s: PathStep): PathStepJson {
  return {
    edge: s.edge,
    className: s.className,
    nodeId: s.nodeId,
    ...(s.name !== undefined ? { name: s.name } : {}),
    ...(s.location !== undefined ? { location: { script: s.location.script, line: s.location.line, column: s.location.column } } : {}),
    ...(s.scope !== undefined ? { scope: s.scope } : {}),
    ...(s.key !== undefined ? { key: s.key } : {}),
    ...(s.value !== undefined ? { value: s.value } : {}),
    ...(s.internal ? { internal: true as const } : {}),
    ...(s.ephemeron ? { ephemeron: true as const } : {}),
    ...(s.avoided !== undefined ? { avoided: s.avoided } : {}),
  };
}

export function pathGroupJson(g: PathGroup): PathGroupJson {
  return {
    count: g.count,
    retainedSize: g.retainedSize,
    exampleId: g.exampleId,
    text: g.text,
    signature: g.signature,
    repeats: g.repeats.map((r) => ({ min: r.min, max: r.max })),
    stringParts: g.stringParts,
    internalSteps: g.internalSteps,
    steps: g.steps.map(pathStepJson),
  };
}
