// `heaptrail paths`: what keeps objects alive. For a class, the shortest retaining
// paths of its instances grouped by shape; for one object, its path step by step.

import { pathGroupJson, pathStepJson } from '@heaptrail/diff';
import type { PathGroup, PathStep } from '@heaptrail/graph';
import { formatBytes, formatCount, formatTable } from './format.js';
import { terminalSafe } from './terminal-safe.js';

export const PATHS_SCHEMA = 'heaptrail.paths/1';

export interface ClassPathsView {
  readonly file: string;
  readonly className: string;
  /** Instances whose paths were grouped. */
  readonly objectCount: number;
  readonly allRoots: boolean;
  /** The groups shown, largest first. */
  readonly groups: readonly PathGroup[];
  /** True when there are more shapes than shown. */
  readonly moreGroups: boolean;
}

export interface ObjectPathView {
  readonly file: string;
  readonly id: number;
  readonly className: string;
  readonly retainedSize: number;
  readonly allRoots: boolean;
  /** The path as one line, root first. */
  readonly text: string;
  readonly steps: readonly PathStep[];
}

/** `schema`, `file`, `className`, `objectCount`, `allRoots`, `moreGroups`, `groups` (as in diff results). */
export function classPathsJson(v: ClassPathsView) {
  return { schema: PATHS_SCHEMA, file: v.file, className: v.className, objectCount: v.objectCount, allRoots: v.allRoots, moreGroups: v.moreGroups, groups: v.groups.map(pathGroupJson) };
}

/** `schema`, `file`, `id`, `className`, `retainedSize`, `allRoots`, `text`, `steps`. */
export function objectPathJson(v: ObjectPathView) {
  return { schema: PATHS_SCHEMA, file: v.file, id: v.id, className: v.className, retainedSize: v.retainedSize, allRoots: v.allRoots, text: v.text, steps: v.steps.map(pathStepJson) };
}

export function renderClassPathsText(v: ClassPathsView): string {
  const table = formatTable(
    ['Objects', 'Retained', 'Path (example @id)'],
    v.groups.map((g) => [formatCount(g.count), formatBytes(g.retainedSize), `${terminalSafe(g.text)}  @${g.exampleId}`]),
    ['right', 'right', 'left'],
  );
  const more = v.moreGroups ? `… more path shapes (raise --limit to see them)\n` : '';
  return `${terminalSafe(v.className)}: ${formatCount(v.objectCount)} objects\n\n` + table + more;
}

export function renderObjectPathText(v: ObjectPathView): string {
  const head = `@${v.id} ${terminalSafe(v.className)}, retains ${formatBytes(v.retainedSize)}\n${terminalSafe(v.text)}\n\n`;
  const table = formatTable(
    ['Edge', 'Object'],
    v.steps.map((s) => [terminalSafe(s.edge), `${terminalSafe(s.className)} @${s.nodeId}`]),
  );
  return head + (v.steps.length > 0 ? table : '');
}
