// The graph operations of @heaptrail/graph the diff uses, behind the GraphTools seam.

import { classSummary, dominatorTree, groupRetainingPaths } from '@heaptrail/graph';
import type { GraphTools } from './options.js';

export const defaultGraphTools: GraphTools = {
  classSummary: (graph) => classSummary(graph),
  pathGroups: (graph, targets, limit) => groupRetainingPaths(graph, targets, { limit }),
  dominatorTree: (graph) => dominatorTree(graph, { depth: 6, top: 25 }),
};
