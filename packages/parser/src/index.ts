export * from './types.js';
export { SnapshotFormatError, isSnapshotFormatError } from './errors.js';
export { ArrayStringTable } from './array-string-table.js';
export { ByteStringTable } from './string-table.js';
export { readSnapshot, type ReadSnapshotOptions, type SnapshotSource } from './read-snapshot.js';
export type { EdgeSplitOptions } from './split/edge-split.js';
export { canReadInWorker, readSnapshotInWorker, type ReadInWorkerOptions } from './worker/read-in-worker.js';
export { redactSnapshot, type RedactOptions, type RedactResult } from './redact/index.js';
