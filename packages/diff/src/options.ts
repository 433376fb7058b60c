// Options of a series diff.

import type { Baseline } from './baseline/types.js';
import type { GrowthRule, PathChoice, SeriesOrder } from './types.js';

export interface DiffBudgets {
  /** Fail when any user class (any class with includeInternals) is reported. */
  readonly failOnGrowth?: boolean;
  /** Fail when the reported classes grew by more than this many retained bytes. */
  readonly maxGrowthBytes?: number;
  /** Fail when more classes than this are reported. */
  readonly maxGrowingClasses?: number;
  /** With a baseline: its known findings count toward the budgets too. */
  readonly failOnKnown?: boolean;
}

/** Tracing the paths of the reported classes: `done` of `total` classes. */
export interface PathsProgress {
  readonly kind: 'paths';
  readonly className: string;
  readonly done: number;
  readonly total: number;
}

export interface DiffOptions {
  readonly rule?: Partial<GrowthRule>;
  /** Report V8 internals ((system), (array), …) too. */
  readonly includeInternals?: boolean;
  /** Path groups kept per reported class (default 5). */
  readonly pathsPerClass?: number;
  /** Reported classes that get paths, in ranking order (default 25); the rest have `paths: []`. */
  readonly pathClasses?: number;
  /** Which retaining paths to trace (default: the preferred ones, avoiding nothing). */
  readonly pathChoice?: Partial<PathChoice>;
  /** Rows of `last.classes` (default 20). */
  readonly lastClasses?: number;
  readonly budgets?: DiffBudgets;
  /** Known leaks: reported apart (`baseline.known`), outside `growing` and the budgets. */
  readonly baseline?: Baseline;
  /**
   * With comparable ids and 3+ snapshots, also report classes whose count trends up but dips
   * or stalls in some intervals when instances born in every interval survive (default true;
   * see growth-rule.ts).
   */
  readonly survivorRoute?: boolean;
  /** Override the same-process detection (tests, or users who know better). */
  readonly sameProcess?: boolean;
  readonly onProgress?: (event: PathsProgress) => void;
  /** How the caller ordered the series, for the result (default: as given). */
  readonly order?: SeriesOrder;
  /**
   * Keep the order given even when the object ids say the snapshots were taken in another
   * (default false: such a series is read again in the order of its ids; see diff-series.ts).
   */
  readonly keepOrder?: boolean;
}
