// The reading worker: parses one file with readSnapshot and posts the snapshot
// back with its arrays transferred (see transfer.ts), or the error as data.

import { parentPort, workerData } from 'node:worker_threads';
import { readSnapshot } from '../read-snapshot.js';
import { errorToData, type ReadRequest, type WorkerReply } from './messages.js';
import { packSnapshot } from './transfer.js';

const port = parentPort;
if (port === null) throw new Error('worker-entry.js runs only as a worker thread');
const request = workerData as ReadRequest;
const post = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

try {
  // The thread that asked is busy analysing, so the edges are not split across a third;
  // they are put in shared memory, so that the analysis of the snapshot can use two threads.
  const snapshot = await readSnapshot(request.path, {
    edgeSplit: false,
    sharedEdges: true,
    ...(request.sourceName !== undefined ? { sourceName: request.sourceName } : {}),
    ...(request.chunkSize !== undefined ? { chunkSize: request.chunkSize } : {}),
    ...(request.maxMemoryBytes !== undefined ? { maxMemoryBytes: request.maxMemoryBytes } : {}),
    ...(request.workBytes !== undefined ? { workBytes: request.workBytes } : {}),
    ...(request.progress ? { onProgress: (done: number, total: number | undefined) => post({ kind: 'progress', done, total }) } : {}),
  });
  const { message, transfer } = packSnapshot(snapshot);
  post({ kind: 'snapshot', snapshot: message }, transfer);
} catch (e) {
  post({ kind: 'error', error: errorToData(e) });
}
