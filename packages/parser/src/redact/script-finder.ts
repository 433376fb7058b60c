// Finds script names for `redactScripts`. V8 writes a Script as a `code` node with
// internal edges `source` (the source text, a string node) and `name` (its path or
// URL, a string node); Node.js also names the Script node itself by that path,
// Chromium calls it `system / Script`. A code node with a `source` edge is taken
// for a Script, and the name of the string its `name` edge reaches is a script name.
//
// Edge names are string indexes whose text comes only at the end of the file, so
// the indexes of "source" and "name" are found by a first pass (label-finder.ts).
// Nodes are kept as three columns (9 bytes a node) to follow each edge to its
// source and target.

import { resize } from '../resize.js';
import type { SnapshotMeta } from '../types.js';
import type { EdgeObserver } from './edge-names.js';
import type { NodeObserver } from './node-names.js';
import type { StringBits } from './string-bits.js';

/** String indexes of the edge names that mark a Script, -1 when absent. */
export interface ScriptLabels {
  readonly source: number;
  readonly name: number;
}

export class ScriptFinder implements NodeObserver, EdgeObserver {
  private type = new Uint8Array(1024);
  private name = new Uint32Array(1024);
  private edgeCount = new Uint32Array(1024);
  private nodes = 0;
  /** The node whose edges are being read, and how many of them are left. */
  private source = -1;
  private left = 0;
  private sawSource = false;
  private nameTarget = -1;
  private readonly codeType: number;
  private readonly stringType: number;
  private readonly internalType: number;
  /** Script nodes found. */
  scripts = 0;

  constructor(
    meta: SnapshotMeta,
    private readonly labels: ScriptLabels,
    private readonly out: StringBits,
    /** Indexes at or above this are out of range (the pass fails at the end) and mark nothing. */
    private readonly nameLimit: number,
  ) {
    this.codeType = meta.nodeTypes.indexOf('code');
    this.stringType = meta.nodeTypes.indexOf('string');
    this.internalType = meta.edgeTypes.indexOf('internal');
  }

  node(type: number, name: number, edgeCount: number): void {
    const o = this.nodes;
    if (o === this.type.length) this.grow();
    this.type[o] = type;
    this.name[o] = name;
    this.edgeCount[o] = edgeCount;
    this.nodes = o + 1;
  }

  edge(type: number, nameOrIndex: number, toOrdinal: number): void {
    // Edge counts were checked to add up to edge_count before the first edge.
    while (this.left === 0) {
      this.closeNode();
      this.left = this.edgeCount[++this.source]!;
    }
    this.left--;
    if (type !== this.internalType || this.type[this.source] !== this.codeType) return;
    if (nameOrIndex === this.labels.source) this.sawSource = true;
    else if (nameOrIndex === this.labels.name) this.nameTarget = toOrdinal;
  }

  /** Call after the last edge. */
  finish(): void {
    this.closeNode();
  }

  private closeNode(): void {
    if (this.sawSource) {
      this.scripts++;
      const t = this.nameTarget;
      if (t >= 0 && this.type[t] === this.stringType && this.name[t]! < this.nameLimit) this.out.set(this.name[t]!);
    }
    this.sawSource = false;
    this.nameTarget = -1;
  }

  private grow(): void {
    const n = this.type.length * 2;
    this.type = resize(this.type, new Uint8Array(n));
    this.name = resize(this.name, new Uint32Array(n));
    this.edgeCount = resize(this.edgeCount, new Uint32Array(n));
  }
}
