// The JSON answers of the summary, dominators and paths tools: the shapes of the CLI's
// `--json` for the same commands (same schema names and fields), cut to a page, with
// `shown`/`more…` fields stating what was left out. Kept in one file so the shapes can
// come from the report package once it produces them.

import {
  dominatorTree,
  groupRetainingPaths,
  pathText,
  retainingPath,
  type DominatorTreeNode,
  type HeapGraph,
  type PathGroup,
  type PathStep,
} from '@heaptrail/graph';
import { cutClassName, cutName, cutPathText, topOf } from './answer-size.js';
import { findClass, instancesOf } from './class-lookup.js';
import { memo, memoClassSummary } from './graph-memo.js';
import { ToolError } from './tool-error.js';

export const SUMMARY_SCHEMA = 'heaptrail.summary/1';
export const DOMINATORS_SCHEMA = 'heaptrail.dominators/1';
export const PATHS_SCHEMA = 'heaptrail.paths/1';

export interface SummaryQuery {
  readonly top: number;
  readonly filter?: string | undefined;
}

export function summaryAnswer(file: string, graph: HeapGraph, query: SummaryQuery) {
  let rows = memoClassSummary(graph);
  if (query.filter !== undefined) {
    const needle = query.filter.toLowerCase();
    rows = rows.filter((r) => r.className.toLowerCase().includes(needle));
    if (rows.length === 0) throw new ToolError(`no class name contains "${query.filter}"`);
  }
  const total = graph.totalSize;
  const { shown, left } = topOf(rows, query.top);
  return {
    schema: SUMMARY_SCHEMA,
    file,
    nodeCount: graph.nodeCount,
    totalSize: total,
    classCount: rows.length,
    shownClasses: shown.length,
    classes: shown.map((r) => ({
      className: cutClassName(r.className),
      count: r.count,
      shallowSize: r.shallowSize,
      retainedSize: r.retainedSize,
      retainedShare: total > 0 ? r.retainedSize / total : 0,
    })),
    ...(left > 0 ? { moreClasses: `${left} more classes by smaller retained size; raise top or give a filter` } : {}),
  };
}

export interface DominatorsQuery {
  readonly depth: number;
  readonly top: number;
}

/** A pruned tree can still hold top^depth nodes; more than this is no answer for a model. */
export const MAX_TREE_NODES = 400;

export function dominatorsAnswer(file: string, graph: HeapGraph, query: DominatorsQuery) {
  let bound = 0;
  for (let level = 1, width = 1; level <= query.depth; level++) bound += width *= query.top;
  if (bound > MAX_TREE_NODES) {
    throw new ToolError(`depth ${query.depth} with top ${query.top} may give ${bound} nodes, over ${MAX_TREE_NODES}; lower one, or ask the object tool about one node`);
  }
  return {
    schema: DOMINATORS_SCHEMA,
    file,
    nodeCount: graph.nodeCount,
    totalSize: graph.totalSize,
    tree: treeJson(dominatorTree(graph, query)),
  };
}

interface TreeJson {
  id: number;
  className: string;
  name: string;
  selfSize: number;
  retainedSize: number;
  otherCount: number;
  otherSize: number;
  children: TreeJson[];
}

/** Fixed key order; built with an explicit stack like the tree itself. */
function treeJson(root: DominatorTreeNode): TreeJson {
  const convert = (n: DominatorTreeNode): TreeJson => ({
    id: n.id,
    className: cutClassName(n.className),
    name: cutName(n.name),
    selfSize: n.selfSize,
    retainedSize: n.retainedSize,
    otherCount: n.otherCount,
    otherSize: n.otherSize,
    children: [],
  });
  const out = convert(root);
  const stack: [DominatorTreeNode, TreeJson][] = [[root, out]];
  while (stack.length > 0) {
    const [node, json] = stack.pop()!;
    for (const child of node.children) {
      const c = convert(child);
      json.children.push(c);
      stack.push([child, c]);
    }
  }
  return out;
}

export interface PathsQuery {
  readonly className?: string | undefined;
  readonly id?: number | undefined;
  readonly limit: number;
  readonly allRoots: boolean;
}

export function pathsAnswer(file: string, graph: HeapGraph, query: PathsQuery) {
  if ((query.className === undefined) === (query.id === undefined)) throw new ToolError('give className or id (one of them)');
  return query.id !== undefined ? objectPath(file, graph, query.id, query.allRoots) : classPaths(file, graph, query.className!, query);
}

function classPaths(file: string, graph: HeapGraph, className: string, query: PathsQuery) {
  const c = findClass(graph, className);
  // One more than shown tells whether there are more shapes without building them all.
  const { targets, groups } = memo(graph, `paths\u0000${c}\u0000${query.allRoots}\u0000${query.limit}`, () => {
    const targets = instancesOf(graph, c);
    return { targets: targets.length, groups: groupRetainingPaths(graph, targets, { allRoots: query.allRoots, limit: query.limit + 1 }) };
  });
  const shown = groups.slice(0, query.limit);
  return {
    schema: PATHS_SCHEMA,
    file,
    className,
    objectCount: targets,
    allRoots: query.allRoots,
    moreGroups: groups.length > shown.length,
    groups: shown.map(groupJson),
  };
}

function objectPath(file: string, graph: HeapGraph, id: number, allRoots: boolean) {
  const ordinal = findObject(file, graph, id);
  const steps = retainingPath(graph, ordinal, { allRoots });
  return {
    schema: PATHS_SCHEMA,
    file,
    id,
    className: cutClassName(graph.classNames[graph.classOf[ordinal]!]!),
    retainedSize: graph.retainedSize[ordinal]!,
    allRoots,
    text: cutPathText(pathText(graph, steps)),
    steps: steps.map(stepJson),
  };
}

/** The ordinal of object `id`, or a ToolError like `heaptrail paths --id`'s. */
export function findObject(file: string, graph: HeapGraph, id: number): number {
  const ordinal = graph.snapshot.nodes.id.indexOf(id);
  if (ordinal < 0) throw new ToolError(`no object with id @${id} in ${file}`);
  return ordinal;
}

export function stepJson(s: PathStep) {
  return { edge: s.edge, className: cutClassName(s.className), nodeId: s.nodeId };
}

function groupJson(g: PathGroup) {
  return { count: g.count, retainedSize: g.retainedSize, exampleId: g.exampleId, text: cutPathText(g.text), steps: g.steps.map(stepJson) };
}
