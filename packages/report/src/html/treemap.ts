// The dominator-tree treemap: laid out with d3-hierarchy in Node at render time and
// emitted as plain SVG rectangles. Doing the layout here rather than inlining d3 in the
// page keeps the report small (no 20 kB library per file), deterministic (the same input
// gives the same bytes), testable without a browser, and free of script that touches
// data: the page's only script sorts a table.

import { hierarchy, treemap, treemapSquarify, type HierarchyRectangularNode } from 'd3-hierarchy';
import type { DominatorTreeNode } from '@heaptrail/graph';
import { formatBytes } from '../format.js';
import { escapeHtml, htmlName } from './escape.js';
import { pruneForDisplay, type DisplayNode, type PruneOptions } from './prune-tree.js';

export interface TreemapOptions extends PruneOptions {
  readonly width?: number;
  readonly height?: number;
  /** Class names drawn with a highlight (the growing classes of a diff). */
  readonly highlight?: ReadonlySet<string>;
}

const HEADER = 16;
const CHAR_WIDTH = 6.4; // average advance of the 11px UI font, to fit labels without measuring

export function renderTreemap(tree: DominatorTreeNode, options: TreemapOptions = {}): string {
  const width = options.width ?? 960;
  const height = options.height ?? 520;
  const highlight = options.highlight ?? new Set<string>();
  const root = hierarchy(pruneForDisplay(tree, options), (d) => d.children)
    .sum((d) => d.ownSize)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.data.id - b.data.id);
  const laid = treemap<DisplayNode>()
    .tile(treemapSquarify)
    .size([width, height])
    .paddingOuter(2)
    .paddingTop((n) => (n.depth === 0 ? 0 : HEADER))
    .paddingInner(1)
    .round(true)(root);

  const out: string[] = [
    `<svg class="treemap" viewBox="0 0 ${width} ${height}" role="img" aria-label="Dominator tree by retained size" xmlns="http://www.w3.org/2000/svg">`,
  ];
  // Parents before children (d3's pre-order), so children paint on top.
  for (const n of laid.descendants()) {
    if (n.depth === 0) continue;
    out.push(cell(n, highlight));
  }
  out.push('</svg>');
  return out.join('\n');
}

function cell(n: HierarchyRectangularNode<DisplayNode>, highlight: ReadonlySet<string>): string {
  const d = n.data;
  const w = n.x1 - n.x0;
  const h = n.y1 - n.y0;
  if (w < 1 || h < 1) return '';
  const other = d.otherCount > 0 && d.id === -1;
  const grows = highlight.has(d.className);
  const classes = ['node', other ? 'other' : '', grows ? 'grows' : '', n.children ? 'parent' : 'leaf'].filter(Boolean).join(' ');
  const title = other
    ? `${d.name}\nretained ${formatBytes(d.retainedSize)}`
    : `${d.className}${d.name !== '' && d.name !== d.className ? ` — ${d.name}` : ''}\nretained ${formatBytes(d.retainedSize)} · self ${formatBytes(d.selfSize)} · @${d.id}`;
  const fill = other ? '#d9d9d9' : colour(d.className, n.depth);
  const parts = [
    `<g class="${classes}" data-class="${htmlName(d.className)}">`,
    `<title>${htmlName(title, 600)}</title>`,
    `<rect x="${n.x0}" y="${n.y0}" width="${w}" height="${h}" fill="${fill}"/>`,
  ];
  const fit = Math.floor((w - 6) / CHAR_WIDTH);
  if (fit >= 3 && h >= 13) {
    const label = `${other ? d.name : d.className} ${formatBytes(d.retainedSize)}`;
    const text = label.length <= fit ? label : `${label.slice(0, fit - 1)}…`;
    parts.push(`<text x="${n.x0 + 3}" y="${n.y0 + 11}">${escapeHtml(text)}</text>`);
  }
  if (!n.children && fit >= 3 && h >= 27 && !other && d.name !== '' && d.name !== d.className) {
    const name = d.name.length <= fit ? d.name : `${d.name.slice(0, fit - 1)}…`;
    parts.push(`<text class="sub" x="${n.x0 + 3}" y="${n.y0 + 24}">${escapeHtml(name)}</text>`);
  }
  parts.push('</g>');
  return parts.join('');
}

/** A stable pastel per class name (FNV-1a hash → hue), a little darker at each depth. */
export function colour(className: string, depth: number): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < className.length; i++) {
    h ^= className.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  const hue = (h >>> 0) % 360;
  const light = Math.max(62, 88 - depth * 5);
  return `hsl(${hue} 55% ${light}%)`;
}

/** The sentence above a treemap. */
export function treemapCaption(tree: DominatorTreeNode): string {
  return `The dominator tree by retained size (${formatBytes(tree.retainedSize)} in all): each box holds what only it keeps alive. Hover a box for its class, name and sizes.`;
}
