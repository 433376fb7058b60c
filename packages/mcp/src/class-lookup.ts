// A class named by the caller, found in a snapshot; an unknown name is answered
// with the closest names, as `heaptrail paths --class` does.

import { closestNames, type HeapGraph } from '@heaptrail/graph';
import { InputError } from '@heaptrail/diff';

/**
 * Class id of `className` in `graph`, or an InputError naming up to 5 close names. A name
 * as an answer cut it (ending in `…`) stands for the one class it is the start of.
 */
export function findClass(graph: HeapGraph, className: string): number {
  const c = graph.classNames.indexOf(className);
  if (c >= 0) return c;
  if (className.endsWith('…')) {
    const start = className.slice(0, -1);
    const matches = graph.classNames.flatMap((name, i) => (name.startsWith(start) ? [i] : []));
    if (matches.length === 1) return matches[0]!;
  }
  const near = closestNames(className, graph.classNames, 5);
  throw new InputError(`unknown class "${className}"${near.length > 0 ? `; closest: ${near.join(', ')}` : ''}`);
}
