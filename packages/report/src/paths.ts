// `heaptrail paths`: what keeps objects alive. For a class, the shortest retaining
// paths of its instances grouped by shape; for one object, its path step by step.

import { pathGroupJson, pathStepJson, type PathChoice } from '@heaptrail/diff';
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
  readonly pathChoice: PathChoice;
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
  readonly pathChoice: PathChoice;
  /** The path as one line, root first. */
  readonly text: string;
  readonly steps: readonly PathStep[];
}

/** `schema`, `file`, `className`, `objectCount`, `allRoots`, `pathChoice`, `moreGroups`, `groups` (as in diff results). */
export function classPathsJson(v: ClassPathsView) {
  return {
    schema: PATHS_SCHEMA, file: v.file, className: v.className, objectCount: v.objectCount, allRoots: v.allRoots, pathChoice: pathChoiceJson(v.pathChoice),
    moreGroups: v.moreGroups, groups: v.groups.map(pathGroupJson),
  };
}

/** `schema`, `file`, `id`, `className`, `retainedSize`, `allRoots`, `pathChoice`, `text`, `steps`. */
export function objectPathJson(v: ObjectPathView) {
  return {
    schema: PATHS_SCHEMA, file: v.file, id: v.id, className: v.className, retainedSize: v.retainedSize, allRoots: v.allRoots, pathChoice: pathChoiceJson(v.pathChoice),
    text: v.text, steps: v.steps.map(pathStepJson),
  };
}

function choiceSuffix(c: PathChoice): string {
  const note = describePathChoice(c);
  return note === null ? '' : `; ${terminalSafe(note)}`;
}

/** "paths avoid _events, /^Timer/" or "plain shortest paths"; null for the default choice. */
export function describePathChoice(c: PathChoice): string | null {
  if (c.order === 'shortest') return 'plain shortest paths';
  return c.avoid.length > 0 ? `paths avoid ${c.avoid.join(', ')}` : null;
}

function pathChoiceJson(c: PathChoice): PathChoice {
  return { order: c.order, avoid: [...c.avoid] };
}

export function renderClassPathsText(v: ClassPathsView): string {
  const table = formatTable(
    ['Objects', 'Retained', 'Path (example @id)'],
    v.groups.map((g) => [formatCount(g.count), formatBytes(g.retainedSize), `${terminalSafe(g.text)}  @${g.exampleId}`]),
    ['right', 'right', 'left'],
  );
  const more = v.moreGroups ? `… more path shapes (raise --limit to see them)\n` : '';
  return `${terminalSafe(v.className)}: ${formatCount(v.objectCount)} objects${choiceSuffix(v.pathChoice)}\n\n` + table + more;
}

export function renderObjectPathText(v: ObjectPathView): string {
  const head = `@${v.id} ${terminalSafe(v.className)}, retains ${formatBytes(v.retainedSize)}${choiceSuffix(v.pathChoice)}\n${terminalSafe(v.text)}\n\n`;
  const table = formatTable(
    ['Edge', 'Object'],
    v.steps.map((s) => [terminalSafe(s.edge), `${terminalSafe(s.className)} @${s.nodeId}`]),
  );
  return head + (v.steps.length > 0 ? table : '');
}
