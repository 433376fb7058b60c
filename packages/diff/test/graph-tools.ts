// The real graph operations for tests that run the whole diff in-process.
import type { GraphTools } from '../src/options.js';
import { classSummary } from '../../graph/src/class-summary.js';
import { groupRetainingPaths } from '../../graph/src/path-groups.js';
import { dominatorTree } from '../../graph/src/dominator-tree.js';

export const graphTools: GraphTools = {
  classSummary: (g) => classSummary(g),
  pathGroups: (g, targets, limit) => groupRetainingPaths(g, targets, { limit }),
  dominatorTree: (g) => dominatorTree(g),
};
