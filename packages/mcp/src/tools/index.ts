export { diffTool } from './diff.js';
export { summaryTool } from './summary.js';
export { dominatorsTool } from './dominators.js';
export { pathsTool } from './paths.js';
export { objectTool } from './object.js';
export type { HeaptrailTool, ToolContext, ToolProgress } from './tool.js';
