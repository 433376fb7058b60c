// Class names by DevTools' conventions; see docs/DESIGN.md "Class names".
// (Minimal first version: node-type rules only. Owner: class names / paths engineer.)

import type { HeapSnapshot } from '@heaptrail/parser';

export interface ClassNames {
  /** Per node ordinal: index into `names`. */
  readonly classOf: Uint32Array;
  readonly names: readonly string[];
}

export function computeClassNames(snapshot: HeapSnapshot): ClassNames {
  const { nodes, strings, header } = snapshot;
  const types = header.meta.nodeTypes;
  const n = header.nodeCount;
  const classOf = new Uint32Array(n);
  const names: string[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const type = types[nodes.type[i]!] ?? 'unknown';
    let name: string;
    switch (type) {
      case 'object':
      case 'native':
        name = strings.get(nodes.name[i]!);
        break;
      case 'closure':
        name = `${strings.get(nodes.name[i]!) || '(anonymous)'}()`;
        break;
      case 'regexp': name = 'RegExp'; break;
      case 'hidden': name = '(system)'; break;
      case 'code': name = '(compiled code)'; break;
      case 'string':
      case 'concatenated string':
      case 'sliced string':
        name = '(string)';
        break;
      default:
        name = `(${type})`;
    }
    let c = index.get(name);
    if (c === undefined) {
      c = names.length;
      names.push(name);
      index.set(name, c);
    }
    classOf[i] = c;
  }
  return { classOf, names };
}
