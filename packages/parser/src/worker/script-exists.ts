import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Whether a worker script is there: true in the built package, false when the module
 * asking runs from its TypeScript sources (under vitest), where callers stay in-thread.
 */
export function workerScriptExists(entry: URL): boolean {
  return entry.protocol === 'file:' && existsSync(fileURLToPath(entry));
}
