// Frees the garbage a parse leaves before the analysis allocates its scratch.
//
// A parse drops hundreds of megabytes of typed arrays (read buffers, the blocks of
// the growing string table and of `locations`, and in a series the previous
// snapshot's columns), but V8 frees an array buffer only when a collection finds it
// dead, and the analysis that follows allocates outside the JavaScript heap and runs
// loops that allocate nothing on it: no collection need come until it is over, and
// the garbage may add to the peak. Measured: 80 MB dead after reading a 1 GB
// snapshot; 270 MB (the previous snapshot's columns) before the last of three 330 MB
// snapshots of a diff was analysed.
//
// So before analysing a large snapshot we let the promise chain that delivered it
// settle (until then it still holds the parse's buffers) and run one full
// collection: a few milliseconds on a command's small JavaScript heap.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Snapshots of fewer bytes of JSON text are analysed at once: their garbage is small. */
export const RELEASE_MIN_BYTES = 64 * 1024 * 1024;

let collect: (() => void) | null | undefined;

/** Waits a turn of the event loop and collects garbage, when `textBytes` is large enough to be worth it. */
export async function releaseGarbage(textBytes: number): Promise<void> {
  if (textBytes < RELEASE_MIN_BYTES) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  collector()?.();
}

/** `gc` as `--expose-gc` gives it, borrowed from a fresh context; null where the engine refuses. */
function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return (collect = exposed);
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    collect = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    collect = null;
  } finally {
    // Contexts made later (a user's, in-process) do not get a `gc` global from us.
    setFlagsFromString('--no-expose-gc');
  }
  return collect;
}
