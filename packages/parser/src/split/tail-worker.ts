// Worker entry: parses the tail of the edges section (edge-tail.ts) into the
// shared columns and answers with what it took.

import { parentPort, workerData } from 'node:worker_threads';
import { parseEdgeTail, type TailRequest } from './edge-tail.js';

const outcome = parseEdgeTail(workerData as TailRequest);
parentPort?.postMessage(outcome);
