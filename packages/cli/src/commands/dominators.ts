// `heaptrail dominators <snapshot>`: the largest retainers as an indented tree of the
// dominator tree: each object with the memory that would be freed if it were gone.

import { dominatorTree, type DominatorTreeNode } from '@heaptrail/graph';
import { formatBytes, formatCount, formatShare, terminalSafe, truncateEnd } from '@heaptrail/report';
import type { HeaptrailCommand } from '../command.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { emit } from '../output.js';
import { loadSnapshotWithProgress, QUIET_OPTION } from './load.js';

interface DominatorsArgs {
  readonly snapshot: string;
  readonly depth: number;
  readonly top: number;
  readonly json: boolean;
  readonly quiet: boolean;
}

export const DOMINATORS_SCHEMA = 'heaptrail.dominators/1';

export const dominatorsCommand: HeaptrailCommand<DominatorsArgs> = {
  command: 'dominators <snapshot>',
  describe: 'The largest retainers: the top of the dominator tree with retained sizes',
  builder: (y) =>
    y
      .positional('snapshot', { type: 'string', demandOption: true, describe: 'A .heapsnapshot or .heapsnapshot.gz file ("-" for stdin)' })
      .option('depth', { type: 'number', default: 3, describe: 'Levels below the root to show' })
      .option('top', { type: 'number', default: 5, describe: 'Largest children shown per node; the rest are summed' })
      .option('quiet', QUIET_OPTION)
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON instead of a tree' })
      .example('$0 dominators app.heapsnapshot', 'The 5 largest retainers per level, 3 levels deep')
      .example('$0 dominators app.heapsnapshot --depth 8 --top 3', 'Deeper and narrower'),
  handler: async (args, io) => {
    for (const [flag, v] of [['--depth', args.depth], ['--top', args.top]] as const) {
      if (!Number.isInteger(v) || v < 0) throw new UsageError(`${flag} must be a whole number ≥ 0, got ${v}`);
    }
    const graph = await loadSnapshotWithProgress(args.snapshot, io, args.quiet);
    const tree = dominatorTree(graph, { depth: args.depth, top: args.top });
    if (args.json) {
      const out = { schema: DOMINATORS_SCHEMA, file: args.snapshot, nodeCount: graph.nodeCount, totalSize: graph.totalSize, tree: treeJson(tree) };
      await emit(io, JSON.stringify(out, null, 2) + '\n');
      return EXIT_OK;
    }
    const head = `${terminalSafe(args.snapshot)}: ${formatCount(graph.nodeCount)} nodes, ${formatBytes(graph.totalSize)} total\n\n`;
    await emit(io, head + renderTree(tree, graph.totalSize));
    return EXIT_OK;
  },
};

/**
 * What to call a node: `(root)`; a synthetic root by its own name (`(GC roots)`); a V8
 * internal class with its name (`(string) "hello"`, `(system) "system / Map"`); others by class.
 */
function nodeLabel(node: DominatorTreeNode, isRoot: boolean): string {
  if (isRoot) return '(root)';
  if (node.className === '(synthetic)' && node.name) return terminalSafe(node.name);
  const extra = node.className.startsWith('(') && node.name ? ` ${JSON.stringify(truncateEnd(node.name, 40))}` : '';
  return `${terminalSafe(node.className + extra)} @${node.id}`;
}

type Line = { readonly node: DominatorTreeNode; readonly level: number } | { readonly more: number; readonly size: number; readonly level: number };

/** Sizes in two right-aligned columns, then the tree indented by level. Iterative. */
function renderTree(root: DominatorTreeNode, total: number): string {
  const lines: string[] = ['Retained  % of heap  Object'];
  const stack: Line[] = [{ node: root, level: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const size = 'node' in item ? item.node.retainedSize : item.size;
    const label = 'node' in item ? nodeLabel(item.node, item.node === root) : `… ${formatCount(item.more)} more`;
    lines.push(`${formatBytes(size).padStart(8)}  ${formatShare(size, total).padStart(9)}  ${'  '.repeat(item.level)}${label}`);
    if (!('node' in item)) continue;
    const { node, level } = item;
    // Pushed in reverse so children print largest first and the "… more" line last.
    if (node.otherCount > 0) stack.push({ more: node.otherCount, size: node.otherSize, level: level + 1 });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, level: level + 1 });
  }
  return lines.join('\n') + '\n';
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

/** Fixed key order; built iteratively like the tree itself. */
function treeJson(root: DominatorTreeNode): TreeJson {
  const convert = (n: DominatorTreeNode): TreeJson => ({
    id: n.id, className: n.className, name: n.name, selfSize: n.selfSize, retainedSize: n.retainedSize, otherCount: n.otherCount, otherSize: n.otherSize, children: [],
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
