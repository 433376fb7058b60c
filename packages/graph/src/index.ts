export * from './types.js';
export { computeClassNames, type ClassNames } from './class-names.js';
export { analyze } from './analyze.js';
export { buildRetainers, type Retainers } from './retainers.js';
export {
  computeEdgeRules,
  markPageOwned,
  parseWeakMapEdgeName,
  type EdgeRuleOptions,
  type EdgeRules,
  type WeakMapEdgeName,
} from './edge-rules.js';
export { computeDistances, type Distances } from './distances.js';
export { computeDominators, type Dominators } from './dominators.js';
export { computeRetainedSizes } from './retained-sizes.js';
export { reattributeShallowSizes } from './shallow-sizes.js';
export { buildDominatorChildren, type DominatorChildren } from './dominator-children.js';
