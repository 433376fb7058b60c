// Readable edge labels for retaining paths and reports.
//
//   property  .name            ["a b"], ["123"] when not an identifier; [Symbol(x)] for V8's "<symbol x>"
//   element   [3]
//   context   ::name           a variable captured in a closure or module scope (`context` edge of a Context)
//   internal  (internal name)  V8 fields: (internal elements), (internal table), …
//   hidden    (hidden)
//   shortcut  (shortcut)       only the root's edges to the globals
//   weak      (weak)
//
// The *folded* label is the same with every array index and numeric-looking name replaced by
// `[]`, so `history[17]` and `history[18]` have one shape (path-groups.ts). WeakMap ephemeron
// edges embed node ids in their names; they fold to `(internal WeakMap value)`; Blink's
// numbered internal names (`117 / V8PerContextData::context_`) lose the number.

import type { HeapSnapshot } from '@heaptrail/parser';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const NUMERIC = /^-?\d+(\.\d+)?$/;
const SYMBOL = /^<symbol(?: (.*))?>$/;
const EPHEMERON = /part of key .* pair in WeakMap/;
const NUMBERED = /^\d+ \/ /;

/** The edge type names we label; any other type falls back to `(type name)`. */
function edgeName(snapshot: HeapSnapshot, edge: number, type: string): string | number {
  const v = snapshot.edges.nameOrIndex[edge]!;
  return type === 'element' || type === 'hidden' ? v : snapshot.strings.get(v);
}

function propertyLabel(name: string, folded: boolean): string {
  if (IDENTIFIER.test(name)) return `.${name}`;
  if (NUMERIC.test(name)) return folded ? '[]' : `[${JSON.stringify(name)}]`;
  const symbol = SYMBOL.exec(name);
  if (symbol) return `[Symbol(${symbol[1] ?? ''})]`;
  return `[${JSON.stringify(name)}]`;
}

function internalLabel(name: string, folded: boolean): string {
  if (EPHEMERON.test(name)) return '(internal WeakMap value)';
  if (folded && NUMERIC.test(name)) return '(internal [])';
  // Blink numbers its wrapper slots: `117 / V8PerContextData::context_`.
  if (folded && NUMBERED.test(name)) return `(internal ${name.replace(NUMBERED, '')})`;
  return `(internal ${name})`;
}

/** Label of edge ordinal `edge`, e.g. `.history`, `[3]`, `::agent`; `folded` turns indices into `[]`. */
export function edgeLabel(snapshot: HeapSnapshot, edge: number, folded = false): string {
  const type = snapshot.header.meta.edgeTypes[snapshot.edges.type[edge]!] ?? 'unknown';
  const name = edgeName(snapshot, edge, type);
  switch (type) {
    case 'property':
      return propertyLabel(String(name), folded);
    case 'element':
      return folded ? '[]' : `[${name}]`;
    case 'context':
      return `::${name}`;
    case 'internal':
      return internalLabel(String(name), folded);
    case 'hidden':
    case 'shortcut':
    case 'weak':
      return `(${type})`;
    default:
      return `(${type} ${name})`;
  }
}

/**
 * Memoizes folded labels per (edge type, name index) so grouping many paths decodes each
 * distinct name once; returns a small integer id per distinct folded label.
 */
export class FoldedLabels {
  /** Per edge type: folded label id by name string index (-1 unknown); element/hidden use slot 0. */
  private readonly byName: (Int32Array | undefined)[] = [];
  private readonly idByLabel = new Map<string, number>();
  readonly labels: string[] = [];

  constructor(private readonly snapshot: HeapSnapshot) {}

  /** Id of the folded label of `edge`. */
  id(edge: number): number {
    const { type, nameOrIndex } = this.snapshot.edges;
    const t = type[edge]!;
    let table = this.byName[t];
    if (table === undefined) {
      // Element and hidden labels never depend on the index once folded: one slot.
      const typeName = this.snapshot.header.meta.edgeTypes[t];
      const numeric = typeName === 'element' || typeName === 'hidden';
      this.byName[t] = table = new Int32Array(numeric ? 1 : this.snapshot.strings.length).fill(-1);
    }
    const slot = table.length === 1 ? 0 : nameOrIndex[edge]!;
    let id = table[slot]!;
    if (id < 0) {
      const label = edgeLabel(this.snapshot, edge, true);
      id = this.idByLabel.get(label) ?? -1;
      if (id < 0) {
        id = this.labels.length;
        this.labels.push(label);
        this.idByLabel.set(label, id);
      }
      table[slot] = id;
    }
    return id;
  }
}
