// `heaptrail summary <snapshot>`: the class table (DevTools' Summary view).

import { findSuspect, REPORT_TREE } from '@heaptrail/diff';
import { classSummary, dominatorTree } from '@heaptrail/graph';
import { jsonText, renderSummaryHtml, renderSummaryText, summaryJson, terminalSafe, type ClassTable } from '@heaptrail/report';
import { defineCommand } from '../command.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { loadGraph } from '../load.js';
import { formatOf, formatOptions, snapshotInput, wholeNumber } from '../options.js';
import { terminalWidth } from '../io.js';
import { emit } from '../output.js';

export const summaryCommand = defineCommand({
  command: 'summary <snapshot>',
  describe: 'Classes by retained size: instance count, shallow and retained size',
  builder: (y) =>
    formatOptions(snapshotInput(y), ['text', 'json'] as const)
      .option('top', { type: 'number', default: 30, describe: 'Show the N largest classes (0 for all)', coerce: (v: unknown) => wholeNumber('--top', v) })
      .option('html', { type: 'string', describe: 'Also write a self-contained HTML report (treemap, sortable class table) to FILE' })
      .option('filter', { type: 'string', describe: 'Only classes whose name contains this text (case-insensitive)' })
      .option('suspect', {
        type: 'boolean',
        default: false,
        describe: "Lead with the suspect (for a post-mortem): the program's class that retains the most, a tenth of the heap or more, and where it piles up",
      }),
  examples: [
    ['$0 summary app.heapsnapshot', 'The 30 classes that retain the most memory'],
    ['$0 summary app.heapsnapshot --html heap.html', 'The table, plus an HTML report with a treemap of the dominator tree'],
    ['$0 summary app.heapsnapshot.gz --filter Message --json', 'Classes named like *Message*, as JSON'],
    ['$0 summary Heap.near-limit.heapsnapshot --suspect', 'A post-mortem: first the class to look at and where it piles up'],
  ],
  handler: async (args, io) => {
    const graph = await loadGraph(args, io);
    const all = classSummary(graph);
    let rows = all;
    if (args.filter !== undefined) {
      const needle = args.filter.toLowerCase();
      rows = rows.filter((r) => r.className.toLowerCase().includes(needle));
      if (rows.length === 0) throw new UsageError(`no class name contains "${terminalSafe(args.filter)}"`);
    }
    // The suspect is the heap's, whatever the filter shows. Asked for, not by default: its
    // search reads the edges and paths a plain summary (and its cache) never touches.
    const suspect = args.suspect ? findSuspect(graph, all) : undefined;
    if (args.html !== undefined) {
      const html = renderSummaryHtml({ file: args.snapshot, nodeCount: graph.nodeCount, totalSize: graph.totalSize, classes: rows, dominatorTree: dominatorTree(graph, REPORT_TREE), suspect });
      await emit(io, html, args.html);
    }
    const table: ClassTable = { file: args.snapshot, nodeCount: graph.nodeCount, totalSize: graph.totalSize, classes: rows, top: args.top, filtered: args.filter !== undefined, suspect };
    // With `--html -` the page has stdout to itself.
    // On a terminal the suspect's sentence wraps to its width.
    if (args.html !== '-') await emit(io, formatOf(args) === 'json' ? jsonText(summaryJson(table)) : renderSummaryText(table, terminalWidth(io.stdout)));
    return EXIT_OK;
  },
});
