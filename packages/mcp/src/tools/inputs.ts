// Input fields several tools share, described for the model that fills them in.

import { z } from 'zod';
import type { PathChoice } from '@heaptrail/diff';

export const snapshotInput = z
  .string()
  .min(1)
  .describe('Path of a .heapsnapshot or .heapsnapshot.gz file; an absolute path is safest (relative ones resolve against the server\'s working directory)');

export const idInput = z.number().int().min(0).describe('Object id: the @number in answers and in Chrome DevTools (without the @)');

/** The path choice of the paths and diff tools: `shortestPaths` and `avoid`. */
export const pathChoiceInputs = {
  shortestPaths: z
    .boolean()
    .default(false)
    .describe('The plain shortest retaining paths (fewest steps, as Chrome DevTools shows them) instead of those that start at the program\'s own code and avoid the runtime\'s machinery'),
  avoid: z
    .array(z.string().min(1))
    .default([])
    .describe('Route paths around these, like DevTools\' "ignore this retainer": class names or edge names (_events, .emitter, ::queue), exactly, or "/regex/" tested against both. A path that cannot avoid one starts "(no path avoids …)". Not with shortestPaths'),
};

/** The library's path choice from those inputs. */
export function pathChoiceOf(args: { readonly shortestPaths: boolean; readonly avoid: readonly string[] }): PathChoice {
  return { order: args.shortestPaths ? 'shortest' : 'preferred', avoid: [...args.avoid] };
}
