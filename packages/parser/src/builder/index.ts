export {
  SnapshotBuilder,
  BuilderNode,
  NODE_FIELDS_CURRENT,
  NODE_FIELDS_TRACED,
  NODE_FIELDS_LEGACY,
  type BuilderOptions,
  type NodeOptions,
  type NodeTypeName,
  type EdgeTypeName,
} from './snapshot-builder.js';
export { escapeJsonStringV8 } from './escape.js';
export { prng } from './prng.js';
