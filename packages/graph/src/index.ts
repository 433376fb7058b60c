export * from './types.js';
export { computeClassNames, type ClassNames } from './class-names.js';
export { analyze, analyzeSizes } from './analyze.js';
export { buildRetainers, type Retainers } from './retainers.js';
export {
  computeEdgeRules,
  markPageOwned,
  parseWeakMapEdgeName,
  type EdgeRuleOptions,
  type EdgeRules,
  type WeakMapEdgeName,
} from './edge-rules.js';
export { computeDistances, type DistanceBuffers, type Distances } from './distances.js';
export { computeDominators, type DominatorScratch, type Dominators } from './dominators.js';
export { computeRetainedSizes } from './retained-sizes.js';
export { sortNodeIds, type NodeIdOrder, type SortBuffers } from './node-id-order.js';
export { reattributeShallowSizes } from './shallow-sizes.js';
export { buildDominatorChildren, type DominatorChildren } from './dominator-children.js';
export { cutTagName } from './class-names.js';
export { edgeLabel, FoldedLabels } from './edge-labels.js';
export { retainingPath, pathText, isModuleScope, edgeSource, type RetainingPathOptions } from './paths.js';
export { groupRetainingPaths, type PathGroupOptions } from './path-groups.js';
export { preferredPaths, computePreferredPaths, type PreferredPaths } from './preferred-paths.js';
export { holderCosts, AVOID_COST, type HolderCosts } from './holder-costs.js';
export { avoidMatcher, checkAvoidPatterns, AvoidPatternError } from './avoid-patterns.js';
export { PathFolder, Token, MAX_CYCLE, runsOf } from './path-folding.js';
export { renderPath, foldSteps, type RenderedPath } from './path-render.js';
export { scriptIndex, ScriptIndex, commonDirectory, isRuntimeScript, type SourceLocation } from './scripts.js';
export { classSummary } from './class-summary.js';
export { classInstances, countsAsInstance } from './instances.js';
export { dominatorTree, type DominatorTreeOptions } from './dominator-tree.js';
export { closestNames } from './closest-names.js';
export { typeIds, type TypeIds } from './type-ids.js';
export { ANALYSIS_WORK_BYTES, estimateAnalysisBytes } from './memory-estimate.js';
export { collectionSizer, tableCapacity, type CollectionKind, type CollectionSizer } from './collection-size.js';
export { retainedUnion, dominatedCounts, sparseDominatedCounts } from './retained-union.js';
export { GraphCache, type CacheLookup, type GraphCacheOptions, type LookupOptions } from './cache/graph-cache.js';
export type { CacheMiss } from './cache/read-cache-file.js';
export { CacheDamageError, isCacheDamageError } from './cache/cache-damage.js';
export type { SnapshotKey } from './cache/snapshot-key.js';
export { canAnalyzeInWorker, type AnalysisWorkerOptions, type AnalysisWorkerStarter, type StartedWorker } from './parallel/start-thread.js';
export type { WorkerSetup } from './parallel/messages.js';
export type { CsrGraph } from './csr-graph.js';
