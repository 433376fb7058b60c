// The memory preflight of a whole series, before anything is read. Each snapshot's own
// read checks its header again when its turn comes; this check comes first so that a
// series whose sixth dump cannot fit is refused at once, not after five analyses. Each
// file is estimated as a snapshot before the last would be, and the one given last also
// as the last (the path search and the previous id table: SERIES_LAST_WORK_BYTES). stdin
// is not looked at (it cannot be read twice), and a file that cannot be estimated (missing,
// not a snapshot) is left to its read, which reports it in its turn.

import { resolve } from 'node:path';
import { ANALYSIS_WORK_BYTES } from '@heaptrail/graph';
import { estimateSnapshotFile, PreflightError } from '@heaptrail/parser';
import { SERIES_LAST_WORK_BYTES, STDIN } from './load.js';

/** Throws the PreflightError of the first file (in the order given) that needs more than `maxMemoryBytes`. */
export async function preflightSeries(files: readonly string[], maxMemoryBytes: number, cwd?: string): Promise<void> {
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    if (file === STDIN) continue;
    const work = i === files.length - 1 ? SERIES_LAST_WORK_BYTES : ANALYSIS_WORK_BYTES;
    const needed = await estimateSnapshotFile(resolve(cwd ?? process.cwd(), file), work, file).catch(() => undefined);
    if (needed !== undefined && needed > maxMemoryBytes) throw new PreflightError(file, needed, maxMemoryBytes);
  }
}
