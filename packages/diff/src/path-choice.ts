// The path choice of a diff (types.ts `PathChoice`): checked once, echoed in the result,
// and turned into graph's path options for every path the diff traces.

import { AvoidPatternError, checkAvoidPatterns, preferredPaths, type HeapGraph, type RetainingPathOptions } from '@heaptrail/graph';
import { InputError } from './errors.js';
import type { PathChoice } from './types.js';

export const DEFAULT_PATH_CHOICE: PathChoice = { order: 'preferred', avoid: [] };

/** The full choice from a partial one; an InputError for a bad pattern, or avoid with shortest paths. */
export function resolvePathChoice(choice: Partial<PathChoice> = {}): PathChoice {
  const order = choice.order ?? 'preferred';
  const avoid = [...(choice.avoid ?? [])];
  if (order === 'shortest' && avoid.length > 0) throw new InputError('avoid patterns apply to the preferred paths, not the plain shortest ones');
  try {
    checkAvoidPatterns(avoid);
  } catch (e) {
    if (e instanceof AvoidPatternError) throw new InputError(e.message);
    throw e;
  }
  return { order, avoid };
}

/** graph's options for this choice. */
export function retainingPathOptions(choice: PathChoice): RetainingPathOptions {
  return choice.order === 'shortest' ? { shortest: true } : choice.avoid.length > 0 ? { avoid: choice.avoid } : {};
}

/**
 * The path search the diff will need on its last snapshot, as work for the main thread
 * while a worker computes that snapshot's dominators (analyze's `beside`): there it costs no
 * wall time. Undefined for the plain shortest paths (the distances give those) or a choice
 * that resolvePathChoice() refuses (the diff reports it).
 */
export function pathSearchBeside(choice: Partial<PathChoice> | undefined): ((graph: HeapGraph) => void) | undefined {
  let resolved: PathChoice;
  try {
    resolved = resolvePathChoice(choice);
  } catch {
    return undefined;
  }
  if (resolved.order !== 'preferred') return undefined;
  return (graph) => void preferredPaths(graph, resolved.avoid);
}
