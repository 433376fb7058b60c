// A baseline: the leaks a project already knows of, committed beside its soak test
// so that CI fails only on new ones. An entry names a class and the folded
// signatures of its retaining-path groups (no ids, counts or sizes), so it stays
// valid across runs and machines. docs/json-schema.md documents the file.

export const BASELINE_SCHEMA = 'heaptrail.baseline/1';

/** One known leak: a class and the signatures of the path groups that held it. */
export interface BaselineEntry {
  readonly className: string;
  /** Path group signatures (`PathGroupJson.signature`), sorted; empty when the class had no traced paths. */
  readonly paths: readonly string[];
}

/** A parsed baseline file. */
export interface Baseline {
  /** The file as the user named it, for messages and reports. */
  readonly file: string;
  /** Sorted by class name, then by their paths. */
  readonly entries: readonly BaselineEntry[];
}
