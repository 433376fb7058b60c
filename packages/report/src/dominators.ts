// `heaptrail dominators`: the largest retainers as an indented tree of the
// dominator tree, each object with the memory that would be freed if it were gone.

import type { DominatorTreeNode } from '@heaptrail/graph';
import { formatBytes, formatCount, formatShare } from './format.js';
import { copyTree } from './json.js';
import { terminalSafe, truncateEnd } from './terminal-safe.js';

export const DOMINATORS_SCHEMA = 'heaptrail.dominators/1';

export interface DominatorsView {
  /** The snapshot as the user named it. */
  readonly file: string;
  readonly nodeCount: number;
  readonly totalSize: number;
  /** The tree as cut by `dominatorTree(graph, { depth, top })`. */
  readonly tree: DominatorTreeNode;
}

export interface DominatorJsonNode {
  id: number;
  className: string;
  name: string;
  selfSize: number;
  retainedSize: number;
  otherCount: number;
  otherSize: number;
  children: DominatorJsonNode[];
}

/** The `--json` object: `schema`, `file`, `nodeCount`, `totalSize`, `tree` (each node as DominatorJsonNode). */
export function dominatorsJson(v: DominatorsView) {
  const tree = copyTree<DominatorJsonNode>(v.tree, (n) => ({
    id: n.id, className: n.className, name: n.name, selfSize: n.selfSize, retainedSize: n.retainedSize, otherCount: n.otherCount, otherSize: n.otherSize, children: [],
  }));
  return { schema: DOMINATORS_SCHEMA, file: v.file, nodeCount: v.nodeCount, totalSize: v.totalSize, tree };
}

export function renderDominatorsText(v: DominatorsView): string {
  const head = `${terminalSafe(v.file)}: ${formatCount(v.nodeCount)} nodes, ${formatBytes(v.totalSize)} total\n\n`;
  return head + renderTree(v.tree, v.totalSize);
}

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
