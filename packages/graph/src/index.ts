export * from './types.js';
export { computeClassNames, type ClassNames } from './class-names.js';
