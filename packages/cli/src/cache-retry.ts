// A cache file found damaged while a command ran: an array read on first use failed its
// CRC, so nothing of it was used, and the handlers print only once they have computed
// everything. The command runs once more; the cache now passes that file by, parses the
// snapshot and writes the file anew.

import { isCacheDamageError } from '@heaptrail/graph';

export async function retryOnCacheDamage(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (!isCacheDamageError(e)) throw e;
    return run();
  }
}
