// A cache file found damaged after it was handed out: an array read on first use did not
// match its CRC. Nothing of it was used; the command that met it runs again without the
// file (the cache forgets it for the rest of the process and deletes it), and the next
// store writes it anew.

import { unlinkSync } from 'node:fs';

export class CacheDamageError extends Error {
  override readonly name = 'CacheDamageError';
  constructor(readonly file: string) {
    super(`${file}: cache file damaged`);
  }
}

export function isCacheDamageError(e: unknown): e is CacheDamageError {
  return e instanceof CacheDamageError;
}

/** Cache files found damaged in this process: never read again, whether or not they could be deleted. */
const damaged = new Set<string>();

export function markDamaged(file: string): void {
  damaged.add(file);
  // At once, so it cannot race the store that replaces it. Best effort: a file that stays is
  // still never read by this process, and the next store replaces it.
  try {
    unlinkSync(file);
  } catch {
    // Already gone, or the directory is read-only.
  }
}

export function isMarkedDamaged(file: string): boolean {
  return damaged.has(file);
}

/** A new file was written in its place. */
export function forgetDamage(file: string): void {
  damaged.delete(file);
}
