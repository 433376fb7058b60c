// `heaptrail summary <snapshot>`: the class table (DevTools' Summary view): instance
// count, shallow size, retained size and its share of the heap, largest first.

import { classSummary, dominatorTree, type ClassSummaryRow } from '@heaptrail/graph';
import { formatBytes, formatCount, formatShare, formatTable, renderSummaryHtml, terminalSafe, truncateEnd } from '@heaptrail/report';
import type { HeaptrailCommand } from '../command.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { emit } from '../output.js';
import { loadSnapshotWithProgress, QUIET_OPTION, HTML_TREE } from './load.js';

interface SummaryArgs {
  readonly snapshot: string;
  readonly top: number;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly filter?: string;
  readonly html?: string;
}

export const SUMMARY_SCHEMA = 'heaptrail.summary/1';

/** Interface names like `{a, b, …}` can reach 120 characters; the table cuts them (JSON keeps them whole). */
const MAX_NAME = 60;

export const summaryCommand: HeaptrailCommand<SummaryArgs> = {
  command: 'summary <snapshot>',
  describe: 'Classes by retained size: instance count, shallow and retained size',
  builder: (y) =>
    y
      .positional('snapshot', { type: 'string', demandOption: true, describe: 'A .heapsnapshot or .heapsnapshot.gz file ("-" for stdin)' })
      .option('top', { type: 'number', default: 30, describe: 'Show the N largest classes (0 for all)' })
      .option('quiet', QUIET_OPTION)
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON instead of a table' })
      .option('html', { type: 'string', describe: 'Also write a self-contained HTML report (treemap, sortable class table) to FILE' })
      .option('filter', { type: 'string', describe: 'Only classes whose name contains this text (case-insensitive)' })
      .example('$0 summary app.heapsnapshot', 'The 30 classes that retain the most memory')
      .example('$0 summary app.heapsnapshot --html heap.html', 'The table, plus an HTML report with a treemap of the dominator tree')
      .example('$0 summary app.heapsnapshot.gz --filter Message --json', 'Classes named like *Message*, as JSON'),
  handler: async (args, io) => {
    if (!Number.isInteger(args.top) || args.top < 0) throw new UsageError(`--top must be a whole number ≥ 0, got ${args.top}`);
    const graph = await loadSnapshotWithProgress(args.snapshot, io, args.quiet);
    let rows = classSummary(graph);
    if (args.filter !== undefined) {
      const needle = args.filter.toLowerCase();
      rows = rows.filter((r) => r.className.toLowerCase().includes(needle));
      if (rows.length === 0) throw new UsageError(`no class name contains "${terminalSafe(args.filter)}"`);
    }
    const shown = args.top === 0 ? rows : rows.slice(0, args.top);
    const total = graph.totalSize;
    if (args.html !== undefined) {
      const html = renderSummaryHtml({ file: args.snapshot, nodeCount: graph.nodeCount, totalSize: total, classes: rows, dominatorTree: dominatorTree(graph, HTML_TREE) });
      await emit(io, html, args.html);
    }
    if (args.json) {
      await emit(io, JSON.stringify(summaryJson(args.snapshot, graph.nodeCount, total, rows.length, shown), null, 2) + '\n');
      return EXIT_OK;
    }
    const table = formatTable(
      ['Class', 'Count', 'Shallow', 'Retained', '%'],
      shown.map((r) => [terminalSafe(truncateEnd(r.className, MAX_NAME)), formatCount(r.count), formatBytes(r.shallowSize), formatBytes(r.retainedSize), formatShare(r.retainedSize, total)]),
      ['left', 'right', 'right', 'right', 'right'],
    );
    const head = `${terminalSafe(args.snapshot)}: ${formatCount(graph.nodeCount)} nodes, ${formatBytes(total)} total, ${formatCount(rows.length)} classes${args.filter !== undefined ? ' matching' : ''}\n\n`;
    const more = shown.length < rows.length ? `… ${formatCount(rows.length - shown.length)} more classes (--top 0 shows all)\n` : '';
    await emit(io, head + table + more);
    return EXIT_OK;
  },
};

/** JSON with a fixed key order, so outputs diff cleanly. */
function summaryJson(file: string, nodeCount: number, totalSize: number, classCount: number, rows: readonly ClassSummaryRow[]) {
  return {
    schema: SUMMARY_SCHEMA,
    file,
    nodeCount,
    totalSize,
    classCount,
    classes: rows.map((r) => ({
      className: r.className,
      count: r.count,
      shallowSize: r.shallowSize,
      retainedSize: r.retainedSize,
      retainedShare: totalSize > 0 ? r.retainedSize / totalSize : 0,
    })),
  };
}
