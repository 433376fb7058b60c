// The analysis worker: waits for its one job (messages.ts), claims it unless the main
// thread took it back (control.ts), and runs the dominator pass, then the distances,
// into shared buffers, replying after each on the port it was given. Then it exits.

import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { claimJob, failed, replied } from './control.js';
import { runWorkerJob } from './worker-job.js';
import type { WorkerJob, WorkerReply, WorkerSetup } from './messages.js';

const setup = workerData as WorkerSetup & { readonly port: MessagePort };
if (parentPort === null) throw new Error('worker-entry.js runs only as a worker thread');
const jobs = parentPort;
const port = setup.port;
jobs.once('message', (job: WorkerJob) => {
  try {
    if (!claimJob(setup.control)) return;
    let count = 0;
    try {
      runWorkerJob(setup, job, (reply: WorkerReply) => {
        port.postMessage(reply);
        replied(setup.control, ++count);
      });
    } catch (e) {
      port.postMessage({ kind: 'failed', message: e instanceof Error ? e.message : String(e) } satisfies WorkerReply);
      failed(setup.control);
    }
  } finally {
    port.close();
    jobs.close();
  }
});
