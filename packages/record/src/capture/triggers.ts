// When each snapshot is taken: on a clock (the first after the warmup, then one
// every interval), and/or on demand: SIGUSR2 to heaptrail, or a line on its
// stdin, so a load test can ask for a snapshot after each phase. Requests that
// arrive while a snapshot is being taken are queued, one snapshot each.

import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { RecordError } from '../errors.js';

export interface TriggerOptions {
  /** Clock: first snapshot at warmupMs, then one every intervalMs; undefined turns the clock off. */
  readonly clock?: { readonly warmupMs: number; readonly intervalMs: number };
  /** SIGUSR2 takes the next snapshot. */
  readonly onSignal?: boolean;
  /** Each line of this stream takes the next snapshot. */
  readonly lines?: Readable;
}

export interface Triggers {
  /** Resolves when snapshot `index` is due; rejects when no trigger can come any more. */
  next(index: number): Promise<void>;
  close(): void;
}

export function createTriggers(options: TriggerOptions): Triggers {
  const start = Date.now();
  let requests = 0;
  let waiter: (() => void) | undefined;
  let ended: Error | undefined;
  let fail: ((e: Error) => void) | undefined;
  let clockTimer: NodeJS.Timeout | undefined;
  const request = (): void => {
    requests++;
    const w = waiter;
    waiter = undefined;
    w?.();
  };
  const onSignal = (): void => request();
  if (options.onSignal) process.on('SIGUSR2', onSignal);
  const lines = options.lines ? createInterface({ input: options.lines, crlfDelay: Infinity }) : undefined;
  lines?.on('line', request);
  lines?.on('close', () => {
    // Without another trigger, the end of stdin means no further snapshot can come.
    if (options.clock || options.onSignal) return;
    ended = new RecordError('stdin ended before every snapshot was asked for (--on-line)');
    fail?.(ended);
  });

  return {
    async next(index) {
      const onDemand = options.onSignal === true || options.lines !== undefined;
      if (onDemand && requests > 0) {
        requests--;
        return;
      }
      if (onDemand && ended) throw ended;
      try {
        await new Promise<void>((resolve, reject) => {
          if (options.clock) {
            const due = start + options.clock.warmupMs + index * options.clock.intervalMs;
            clockTimer = setTimeout(resolve, Math.max(0, due - Date.now()));
          }
          if (onDemand) {
            waiter = () => {
              requests--;
              resolve();
            };
            fail = reject;
          }
        });
      } finally {
        clearTimeout(clockTimer);
        waiter = undefined;
        fail = undefined;
      }
    },
    close() {
      if (options.onSignal) process.off('SIGUSR2', onSignal);
      lines?.close();
      // A pending clock must not keep the process alive after a failed recording.
      clearTimeout(clockTimer);
      waiter = undefined;
    },
  };
}
