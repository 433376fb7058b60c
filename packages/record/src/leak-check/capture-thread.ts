// Starts the leak check's worker thread. Its script must be JavaScript: from the
// built package it sits beside this module; when this module runs from its
// TypeScript sources (under vitest), the built copy in dist/ is used.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerSetup } from './messages.js';

const BESIDE = new URL('./worker-entry.js', import.meta.url);
const BUILT = new URL('../../dist/leak-check/worker-entry.js', import.meta.url);

export function startCaptureThread(setup: WorkerSetup): Worker {
  const entry = [BESIDE, BUILT].find((u) => u.protocol === 'file:' && existsSync(fileURLToPath(u)));
  if (!entry) throw new Error('leakCheck needs the built @heaptrail/record (its worker thread runs dist/leak-check/worker-entry.js): run npm run build');
  // The parse needs the memory of one snapshot; no tighter limit than the process's own.
  return new Worker(entry, { workerData: setup, stdout: false, stderr: false });
}
