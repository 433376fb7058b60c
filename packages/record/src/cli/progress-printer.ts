// What `heaptrail record` tells on stderr while it runs: a line per snapshot
// taken (always, unless --quiet: a recording takes minutes and logs should show
// it), and on a terminal a live line with the bytes streamed and the analysis.

import { createProgress, formatBytes, type ProgressStream } from '@heaptrail/report';
import type { RecordProgress } from '../record.js';

export interface PrinterOptions {
  readonly stream: ProgressStream;
  readonly isTTY: boolean | undefined;
  readonly quiet: boolean;
}

export function createRecordPrinter(options: PrinterOptions): { onProgress: (event: RecordProgress) => void; done: () => void } {
  const line = createProgress({ stream: options.stream, isTTY: options.isTTY, quiet: options.quiet });
  if (options.quiet) return { onProgress: () => undefined, done: () => undefined };
  return {
    onProgress(event) {
      switch (event.kind) {
        case 'connected':
          line.done();
          options.stream.write(`heaptrail: attached to ${event.name}\n`);
          return;
        case 'waiting':
          // Nothing to count while waiting: the last line stays until the next snapshot streams.
          return;
        case 'streaming':
          line.update(`snapshot ${event.index + 1}/${event.count}`, event.bytes, undefined, 'bytes');
          return;
        case 'taken': {
          line.done();
          const where = event.file !== undefined ? ` → ${event.file}` : '';
          options.stream.write(
            `heaptrail: snapshot ${event.index + 1}/${event.count}: ${formatBytes(event.bytes)} in ${(event.pauseMs / 1000).toFixed(2)} s${where}\n`,
          );
          return;
        }
        case 'analyzing':
          line.update(`${event.phase} snapshot ${event.index + 1}/${event.count}`, event.done, event.total, 'items');
          return;
      }
    },
    done: () => line.done(),
  };
}
