// The JSON answers of the summary, dominators and paths tools: the CLI's `--json`
// objects for the same commands (report's summaryJson, dominatorsJson, classPathsJson,
// objectPathJson), cut for a model: long strings shortened, and `shownClasses` /
// `moreClasses` stating what a top-N left out.

import { findSuspect, InputError, resolvePathChoice, retainingPathOptions, type PathChoice } from '@heaptrail/diff';
import { classInstances, dominatorTree, groupRetainingPaths, pathText, retainingPath, type HeapGraph } from '@heaptrail/graph';
import { classPathsJson, dominatorsJson, objectPathJson, summaryJson, type DominatorJsonNode } from '@heaptrail/report';
import { cutClassName, cutName, cutPathText } from './answer-size.js';
import { findClass } from './class-lookup.js';
import { memo, memoClassSummary } from './graph-memo.js';

export interface SummaryQuery {
  readonly top: number;
  readonly filter?: string | undefined;
}

export function summaryAnswer(file: string, graph: HeapGraph, query: SummaryQuery) {
  let rows = memoClassSummary(graph);
  if (query.filter !== undefined) {
    const needle = query.filter.toLowerCase();
    rows = rows.filter((r) => r.className.toLowerCase().includes(needle));
    if (rows.length === 0) throw new InputError(`no class name contains "${query.filter}"`);
  }
  const suspect = memo(graph, 'suspect', () => findSuspect(graph, memoClassSummary(graph)));
  const json = summaryJson({ file, nodeCount: graph.nodeCount, totalSize: graph.totalSize, classes: rows, top: query.top, filtered: query.filter !== undefined, suspect });
  const left = json.classCount - json.classes.length;
  return {
    ...json,
    shownClasses: json.classes.length,
    classes: json.classes.map((c) => ({ ...c, className: cutClassName(c.className) })),
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
    throw new InputError(`depth ${query.depth} with top ${query.top} may give ${bound} nodes, over ${MAX_TREE_NODES}; lower one, or ask the object tool about one node`);
  }
  // The tree walks every child list it passes (the root's can hold millions): once per graph and shape.
  const tree = memo(graph, `dominators\u0000${query.depth}\u0000${query.top}`, () => dominatorTree(graph, query));
  const json = dominatorsJson({ file, nodeCount: graph.nodeCount, totalSize: graph.totalSize, tree });
  cutTreeNames(json.tree);
  return json;
}

/** Shortens every node's class and name in place (the tree is this answer's own copy). */
function cutTreeNames(root: DominatorJsonNode): void {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    node.className = cutClassName(node.className);
    node.name = cutName(node.name);
    stack.push(...node.children);
  }
}

export interface PathsQuery {
  readonly className?: string | undefined;
  readonly id?: number | undefined;
  readonly limit: number;
  readonly allRoots: boolean;
  /** Default: the preferred paths, avoiding nothing. */
  readonly pathChoice?: PathChoice;
}

export function pathsAnswer(file: string, graph: HeapGraph, query: PathsQuery) {
  if ((query.className === undefined) === (query.id === undefined)) throw new InputError('give className or id (one of them)');
  const pathChoice = resolvePathChoice(query.pathChoice);
  return query.id !== undefined ? objectPath(file, graph, query.id, query.allRoots, pathChoice) : classPaths(file, graph, query.className!, query, pathChoice);
}

function classPaths(file: string, graph: HeapGraph, className: string, query: PathsQuery, pathChoice: PathChoice) {
  const c = findClass(graph, className);
  // One more than shown tells whether there are more shapes without building them all.
  const key = `paths\u0000${c}\u0000${query.allRoots}\u0000${query.limit}\u0000${JSON.stringify(pathChoice)}`;
  const { objectCount, groups } = memo(graph, key, () => {
    const targets = classInstances(graph, c);
    return { objectCount: targets.length, groups: groupRetainingPaths(graph, targets, { ...retainingPathOptions(pathChoice), allRoots: query.allRoots, limit: query.limit + 1 }) };
  });
  const json = classPathsJson({ file, className, objectCount, allRoots: query.allRoots, pathChoice, groups: groups.slice(0, query.limit), moreGroups: groups.length > query.limit });
  return { ...json, groups: json.groups.map((g) => ({ ...g, text: cutPathText(g.text), steps: g.steps.map(cutStep) })) };
}

function objectPath(file: string, graph: HeapGraph, id: number, allRoots: boolean, pathChoice: PathChoice) {
  const ordinal = findObject(file, graph, id);
  const steps = retainingPath(graph, ordinal, { ...retainingPathOptions(pathChoice), allRoots });
  const className = graph.classNames[graph.classOf[ordinal]!]!;
  const json = objectPathJson({ file, id, className, retainedSize: graph.retainedSize[ordinal]!, allRoots, pathChoice, text: pathText(graph, steps), steps });
  return { ...json, className: cutClassName(json.className), text: cutPathText(json.text), steps: json.steps.map(cutStep) };
}

/** The ordinal of object `id`, or an InputError like `heaptrail paths --id`'s. */
export function findObject(file: string, graph: HeapGraph, id: number): number {
  const ordinal = graph.snapshot.nodes.id.indexOf(id);
  if (ordinal < 0) throw new InputError(`no object with id @${id} in ${file}`);
  return ordinal;
}

function cutStep<S extends { readonly className: string }>(step: S): S {
  return { ...step, className: cutClassName(step.className) };
}
