// What `renderSummaryHtml` shows for one snapshot (`heaptrail summary --html`).

import type { Suspect } from '@heaptrail/diff';
import type { ClassSummaryRow, DominatorTreeNode } from '@heaptrail/graph';

export interface SummaryData {
  /** The path as given on the command line. */
  readonly file: string;
  readonly nodeCount: number;
  /** Sum of self sizes (bytes). */
  readonly totalSize: number;
  readonly classes: readonly ClassSummaryRow[];
  /** A pruned dominator tree (the renderer prunes further to what it draws). */
  readonly dominatorTree: DominatorTreeNode;
  /** The suspect the page leads with (findSuspect); none when null or absent. */
  readonly suspect?: Suspect | null;
}
