// What the in-process capture and its worker thread say to each other.

import type { DiffOptions, DiffResult } from '@heaptrail/diff';

export interface WorkerSetup {
  readonly count: number;
  /** The diff's options, without callbacks (they cannot cross threads). */
  readonly diff: Omit<DiffOptions, 'onProgress'>;
  /** Also send the names of every class in the last snapshot (tests). */
  readonly classNames: boolean;
}

export type ToWorker =
  | { readonly kind: 'chunk'; readonly index: number; readonly chunk: string }
  | { readonly kind: 'end'; readonly index: number };

export type FromWorker =
  | { readonly kind: 'result'; readonly result: DiffResult; readonly classNames?: readonly string[] }
  | { readonly kind: 'error'; readonly message: string };
