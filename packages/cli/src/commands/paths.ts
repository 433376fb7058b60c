// `heaptrail paths <snapshot> --class NAME | --id ID`: what keeps objects alive. For a
// class, the shortest retaining paths of all its instances grouped by shape; for an id,
// that object's path step by step. Paths stop at the first user root (a global or a
// module scope) unless --all-roots.

import {
  groupRetainingPaths,
  pathText,
  retainingPath,
  type HeapGraph,
  type PathGroup,
  type PathStep,
} from '@heaptrail/graph';
import { formatBytes, formatCount, formatTable, terminalSafe } from '@heaptrail/report';
import type { HeaptrailCommand } from '../command.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { emit } from '../output.js';
import { loadSnapshotWithProgress, QUIET_OPTION } from './load.js';

interface PathsArgs {
  readonly snapshot: string;
  readonly class?: string;
  readonly id?: number;
  readonly limit: number;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly allRoots: boolean;
}

export const PATHS_SCHEMA = 'heaptrail.paths/1';

export const pathsCommand: HeaptrailCommand<PathsArgs> = {
  command: 'paths <snapshot>',
  describe: 'Shortest retaining paths of a class (grouped by shape) or of one object',
  builder: (y) =>
    y
      .positional('snapshot', { type: 'string', demandOption: true, describe: 'A .heapsnapshot or .heapsnapshot.gz file ("-" for stdin)' })
      .option('class', { alias: 'c', type: 'string', describe: 'Class name as `heaptrail summary` shows it' })
      .option('id', { type: 'number', describe: 'Object id (the @number in reports and DevTools)' })
      .option('limit', { type: 'number', default: 10, describe: 'Path groups shown' })
      .option('quiet', QUIET_OPTION)
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON instead of text' })
      .option('all-roots', { type: 'boolean', default: false, describe: 'Walk up into V8 internals instead of stopping at globals and module scopes' })
      .conflicts('class', 'id')
      .check((a) => {
        if (a.class === undefined && a.id === undefined) throw new UsageError('give --class NAME or --id ID');
        return true;
      })
      .example('$0 paths app.heapsnapshot --class ChatMessage', 'Where the ChatMessage instances are held')
      .example('$0 paths app.heapsnapshot --id 74559 --all-roots', 'The full path of object @74559 from the GC roots') as never, // yargs types `all-roots` only; camel-case expansion also sets `allRoots`
  handler: async (args, io) => {
    if (!Number.isInteger(args.limit) || args.limit < 1) throw new UsageError(`--limit must be a whole number ≥ 1, got ${args.limit}`);
    if (args.id !== undefined && (!Number.isInteger(args.id) || args.id < 0)) throw new UsageError(`--id must be an object id, got ${args.id}`);
    const graph = await loadSnapshotWithProgress(args.snapshot, io, args.quiet);
    const text = args.id !== undefined ? objectPath(graph, args, args.id) : classPaths(graph, args, args.class!);
    await emit(io, text);
    return EXIT_OK;
  },
};

function classPaths(graph: HeapGraph, args: PathsArgs, className: string): string {
  const c = graph.classNames.indexOf(className);
  if (c < 0) {
    const near = closestNames(className, graph.classNames, 5);
    const hint = near.length > 0 ? `; closest: ${near.map((n) => terminalSafe(n)).join(', ')}` : '';
    throw new UsageError(`unknown class "${terminalSafe(className)}"${hint}`);
  }
  // Counted like `summary` counts: nodes with a self size (size-0 ones are synthetic or had
  // their size moved to an owner); a class made only of those keeps them all.
  const targets: number[] = [];
  const { classOf, selfSize } = graph;
  for (let i = 0; i < graph.nodeCount; i++) if (classOf[i] === c && selfSize[i]! > 0) targets.push(i);
  if (targets.length === 0) for (let i = 0; i < graph.nodeCount; i++) if (classOf[i] === c) targets.push(i);
  // One more than shown tells whether there are more shapes without building them all.
  const groups = groupRetainingPaths(graph, targets, { allRoots: args.allRoots, limit: args.limit + 1 });
  const shown = groups.slice(0, args.limit);
  const more = groups.length > shown.length;
  if (args.json) {
    return json({ schema: PATHS_SCHEMA, file: args.snapshot, className, objectCount: targets.length, allRoots: args.allRoots, moreGroups: more, groups: shown.map(groupJson) });
  }
  const lines = [`${terminalSafe(className)}: ${formatCount(targets.length)} objects`, ''];
  const table = formatTable(
    ['Objects', 'Retained', 'Path (example @id)'],
    shown.map((g) => [formatCount(g.count), formatBytes(g.retainedSize), `${terminalSafe(g.text)}  @${g.exampleId}`]),
    ['right', 'right', 'left'],
  );
  return lines.join('\n') + '\n' + table + (more ? `… more path shapes (raise --limit to see them)\n` : '');
}

function objectPath(graph: HeapGraph, args: PathsArgs, id: number): string {
  const ordinal = graph.snapshot.nodes.id.indexOf(id);
  if (ordinal < 0) throw new UsageError(`no object with id @${id} in ${terminalSafe(args.snapshot)}`);
  const steps = retainingPath(graph, ordinal, { allRoots: args.allRoots });
  const text = pathText(graph, steps);
  const className = graph.classNames[graph.classOf[ordinal]!]!;
  if (args.json) {
    return json({
      schema: PATHS_SCHEMA, file: args.snapshot, id, className, retainedSize: graph.retainedSize[ordinal]!, allRoots: args.allRoots, text, steps: steps.map(stepJson),
    });
  }
  const head = `@${id} ${terminalSafe(className)}, retains ${formatBytes(graph.retainedSize[ordinal]!)}\n${terminalSafe(text)}\n\n`;
  const table = formatTable(
    ['Edge', 'Object'],
    steps.map((s) => [terminalSafe(s.edge), `${terminalSafe(s.className)} @${s.nodeId}`]),
  );
  return head + (steps.length > 0 ? table : '');
}

function stepJson(s: PathStep) {
  return { edge: s.edge, className: s.className, nodeId: s.nodeId };
}

function groupJson(g: PathGroup) {
  return { count: g.count, retainedSize: g.retainedSize, exampleId: g.exampleId, text: g.text, steps: g.steps.map(stepJson) };
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/**
 * Up to `k` class names close to `wanted`: first those containing it (case-insensitive),
 * then by edit distance, ties by name.
 */
export function closestNames(wanted: string, names: readonly string[], k: number): string[] {
  const w = wanted.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of names) {
    const n = name.toLowerCase();
    // Containment beats any edit distance; long names are compared on their length only.
    const score = n.includes(w) || w.includes(n) ? Math.abs(n.length - w.length) / 1000 : editDistance(w, n.slice(0, 200));
    if (score <= Math.max(2, w.length / 2)) scored.push({ name, score });
  }
  scored.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, k).map((s) => s.name);
}

/** Levenshtein distance with one reused row. */
function editDistance(a: string, b: string): number {
  const row = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}
