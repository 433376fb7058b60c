// `heaptrail paths <snapshot> --class NAME | --id ID`: what keeps objects alive. Paths
// stop at the first user root (a global or a module scope) unless --all-roots.

import { retainingPathOptions, type PathChoice } from '@heaptrail/diff';
import { classInstances, closestNames, groupRetainingPaths, pathText, retainingPath, type HeapGraph } from '@heaptrail/graph';
import { classPathsJson, jsonText, objectPathJson, renderClassPathsText, renderObjectPathText, terminalSafe, type ClassPathsView, type ObjectPathView } from '@heaptrail/report';
import { defineCommand } from '../command.js';
import { pathChoiceFrom, pathChoiceOptions } from '../diff-options.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { loadGraph } from '../load.js';
import { formatOf, formatOptions, snapshotInput, wholeNumber } from '../options.js';
import { emit } from '../output.js';

export const pathsCommand = defineCommand({
  command: 'paths <snapshot>',
  describe: 'Retaining paths of a class (grouped by shape) or of one object, from the program\'s own code where one exists',
  builder: (y) =>
    pathChoiceOptions(formatOptions(snapshotInput(y), ['text', 'json'] as const))
      .option('class', { alias: 'c', type: 'string', describe: 'Class name as `heaptrail summary` shows it' })
      .option('id', { type: 'number', describe: 'Object id (the @number in reports and DevTools)', coerce: (v: unknown) => wholeNumber('--id', v) })
      .option('limit', { type: 'number', default: 10, describe: 'Path groups shown', coerce: (v: unknown) => wholeNumber('--limit', v, 1) })
      .option('all-roots', { type: 'boolean', default: false, describe: 'Walk up into V8 internals instead of stopping at globals and module scopes' })
      .conflicts('class', 'id')
      .check((a) => {
        if (a.class === undefined && a.id === undefined) throw new UsageError('give --class NAME or --id ID');
        return true;
      }),
  examples: [
    ['$0 paths app.heapsnapshot --class ChatMessage', 'Where the ChatMessage instances are held'],
    ['$0 paths app.heapsnapshot --id 74559 --all-roots', 'The full path of object @74559 from the GC roots'],
    ['$0 paths app.heapsnapshot --class onData() --avoid _events', 'The next best paths, around every ._events'],
    ['$0 paths app.heapsnapshot --class Timeout --avoid "/^Timers?List$/"', 'Around the classes a regex matches'],
    ['$0 paths app.heapsnapshot --class ChatMessage --shortest-paths', 'The plain shortest paths, as DevTools shows them'],
  ],
  handler: async (args, io) => {
    const graph = await loadGraph(args, io);
    const json = formatOf(args) === 'json';
    const choice = pathChoiceFrom(args);
    if (args.id !== undefined) {
      const view = objectPath(graph, args.snapshot, args.id, args.allRoots, choice);
      await emit(io, json ? jsonText(objectPathJson(view)) : renderObjectPathText(view));
    } else {
      const view = classPaths(graph, args.snapshot, args.class!, args.allRoots, args.limit, choice);
      await emit(io, json ? jsonText(classPathsJson(view)) : renderClassPathsText(view));
    }
    return EXIT_OK;
  },
});

function classPaths(graph: HeapGraph, file: string, className: string, allRoots: boolean, limit: number, pathChoice: PathChoice): ClassPathsView {
  const c = graph.classNames.indexOf(className);
  if (c < 0) {
    const near = closestNames(className, graph.classNames, 5);
    const hint = near.length > 0 ? `; closest: ${near.map((n) => terminalSafe(n)).join(', ')}` : '';
    throw new UsageError(`unknown class "${terminalSafe(className)}"${hint}`);
  }
  const targets = classInstances(graph, c);
  // One more than shown tells whether there are more shapes without building them all.
  const groups = groupRetainingPaths(graph, targets, { ...retainingPathOptions(pathChoice), allRoots, limit: limit + 1 });
  return { file, className, objectCount: targets.length, allRoots, pathChoice, groups: groups.slice(0, limit), moreGroups: groups.length > limit };
}

function objectPath(graph: HeapGraph, file: string, id: number, allRoots: boolean, pathChoice: PathChoice): ObjectPathView {
  const ordinal = graph.snapshot.nodes.id.indexOf(id);
  if (ordinal < 0) throw new UsageError(`no object with id @${id} in ${terminalSafe(file)}`);
  const steps = retainingPath(graph, ordinal, { ...retainingPathOptions(pathChoice), allRoots });
  const className = graph.classNames[graph.classOf[ordinal]!]!;
  return { file, id, className, retainedSize: graph.retainedSize[ordinal]!, allRoots, pathChoice, text: pathText(graph, steps), steps };
}
