// Retaining-path groups of one class as a collapsible tree. Groups usually share their
// start ((GC roots) → global → …), so the paths are merged into a prefix tree whose
// nodes carry the number of objects and bytes reached through them; runs of steps with
// a single continuation are shown on one line. Rendered with <details>/<summary>, which
// needs no script. Paths can be thousands of steps long (a leaking linked list), so each
// is cut to its first and last steps, and the tree is walked with an explicit stack.

import type { PathGroupJson, PathStepJson } from '@heaptrail/diff';
import { formatBytes, formatCount } from '../format.js';
import { htmlName } from './escape.js';

export interface PathTreeOptions {
  /** Path groups merged into the tree (default 10). */
  readonly maxGroups?: number;
  /** Steps kept per path: the first few and the last ones (default 24). */
  readonly maxSteps?: number;
}

interface TrieNode {
  readonly label: string;
  count: number;
  retainedSize: number;
  /** Groups ending exactly here. */
  ends: number;
  readonly children: Map<string, TrieNode>;
}

const HEAD_STEPS = 6;

/** Step labels of one path, long middles elided. */
export function stepLabels(steps: readonly PathStepJson[], maxSteps = 24): string[] {
  const label = (s: PathStepJson) => (s.edge === '' ? s.className : `${s.edge} → ${s.className}`);
  if (steps.length <= maxSteps) return steps.map(label);
  const head = Math.min(HEAD_STEPS, maxSteps - 1);
  const tail = maxSteps - head - 1;
  const skipped = steps.length - head - tail;
  return [...steps.slice(0, head).map(label), `… ${formatCount(skipped)} more steps …`, ...steps.slice(steps.length - tail).map(label)];
}

export function renderPathTree(groups: readonly PathGroupJson[], options: PathTreeOptions = {}): string {
  const shown = groups.slice(0, options.maxGroups ?? 10);
  if (shown.length === 0) return '<p class="muted">No retaining paths recorded.</p>';
  const root: TrieNode = { label: '', count: 0, retainedSize: 0, ends: 0, children: new Map() };
  for (const g of shown) {
    let node = root;
    for (const label of stepLabels(g.steps, options.maxSteps)) {
      let next = node.children.get(label);
      if (next === undefined) {
        next = { label, count: 0, retainedSize: 0, ends: 0, children: new Map() };
        node.children.set(label, next);
      }
      next.count += g.count;
      next.retainedSize += g.retainedSize;
      node = next;
    }
    node.ends += g.count;
  }

  // Explicit stack of "open a node" and "close a list" tasks, so depth costs no call stack.
  // The first level starts open so the main retainer shows at once; deeper levels expand on click.
  type Task = { node: TrieNode; depth: number } | { close: string };
  const byCountAscending = (n: TrieNode) => [...n.children.values()].sort((a, b) => a.count - b.count);
  const out: string[] = ['<ul class="ptree">'];
  const stack: Task[] = [{ close: '</ul>' }, ...byCountAscending(root).map((node) => ({ node, depth: 0 }))];
  while (stack.length > 0) {
    const task = stack.pop()!;
    if ('close' in task) {
      out.push(task.close);
      continue;
    }
    // Fold a chain of single continuations into one line.
    let node = task.node;
    const labels = [node.label];
    while (node.children.size === 1 && node.ends === 0) {
      node = node.children.values().next().value!;
      labels.push(node.label);
    }
    const head =
      `<span class="count">${formatCount(node.count)}×</span> <span class="size">${formatBytes(node.retainedSize)}</span> ` +
      `<code>${labels.map((l) => htmlName(l)).join(' <span class="sep">·</span> ')}</code>`;
    if (node.children.size === 0) {
      out.push(`<li class="leaf">${head}</li>`);
      continue;
    }
    out.push(`<li><details class="pgroup"${task.depth === 0 ? ' open' : ''}><summary>${head}</summary><ul>`);
    stack.push({ close: '</ul></details></li>' });
    for (const child of byCountAscending(node)) stack.push({ node: child, depth: task.depth + 1 });
  }
  return out.join('');
}
