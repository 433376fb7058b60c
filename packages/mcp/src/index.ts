export { runStdioServer, defaultMaxMemory, type StdioServerOptions } from './stdio.js';
export { createServer, TOOLS, type ServerOptions } from './server.js';
export { SnapshotCache, type CacheEvent, type LoadSnapshot, type SnapshotCacheOptions } from './snapshot-cache.js';
export { estimateMemory } from './graph-memory.js';
export { parseByteSize } from './byte-size.js';
export { describeToolError } from './tool-error.js';
export { page, topOf, cutClassName, cutName, cutPathText, type Page } from './answer-size.js';
