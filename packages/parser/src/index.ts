export * from './types.js';
export { SnapshotFormatError, isSnapshotFormatError } from './errors.js';
export { ArrayStringTable } from './array-string-table.js';
