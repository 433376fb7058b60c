// `heaptrail dominators <snapshot>`: the largest retainers as an indented tree of the
// dominator tree: each object with the memory that would be freed if it were gone.

import { dominatorTree } from '@heaptrail/graph';
import { dominatorsJson, jsonText, renderDominatorsText } from '@heaptrail/report';
import { defineCommand } from '../command.js';
import { EXIT_OK } from '../errors.js';
import { loadGraph } from '../load.js';
import { formatOf, formatOptions, snapshotInput, wholeNumber } from '../options.js';
import { emit } from '../output.js';

export const dominatorsCommand = defineCommand({
  command: 'dominators <snapshot>',
  describe: 'The largest retainers: the top of the dominator tree with retained sizes',
  builder: (y) =>
    formatOptions(snapshotInput(y), ['text', 'json'] as const)
      .option('depth', { type: 'number', default: 3, describe: 'Levels below the root to show', coerce: (v: unknown) => wholeNumber('--depth', v) })
      .option('top', { type: 'number', default: 5, describe: 'Largest children shown per node; the rest are summed', coerce: (v: unknown) => wholeNumber('--top', v) }),
  examples: [
    ['$0 dominators app.heapsnapshot', 'The 5 largest retainers per level, 3 levels deep'],
    ['$0 dominators app.heapsnapshot --depth 8 --top 3', 'Deeper and narrower'],
  ],
  handler: async (args, io) => {
    const graph = await loadGraph(args, io);
    const view = { file: args.snapshot, nodeCount: graph.nodeCount, totalSize: graph.totalSize, tree: dominatorTree(graph, { depth: args.depth, top: args.top }) };
    await emit(io, formatOf(args) === 'json' ? jsonText(dominatorsJson(view)) : renderDominatorsText(view));
    return EXIT_OK;
  },
});
