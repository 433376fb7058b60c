// Runs cases on worker threads with a wall-clock bound and a heap bound per case.
// A worker that times out or dies is replaced, so one bad case never poisons the rest.

import { Worker } from 'node:worker_threads';

const WORKER_URL = new URL('./worker.mjs', import.meta.url);

export class WorkerSlot {
  constructor({ heapMb }) {
    this.heapMb = heapMb;
    this.nextId = 1;
    this.worker = undefined;
  }

  #spawn() {
    this.worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: this.heapMb }, stdout: true, stderr: true });
    this.worker.stdout.resume();
    this.worker.stderr.resume();
    this.worker.unref();
  }

  /** Resolves with the worker's reply, or { status: 'hang' | 'oom' | 'died' } when it had to be stopped. */
  run(job, timeoutMs) {
    if (!this.worker) this.#spawn();
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (reply, replace) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (replace) {
          this.worker = undefined;
          void worker.terminate();
        }
        resolve(reply);
      };
      const onMessage = (m) => {
        if (m.id === id) finish(m, false);
      };
      const onError = (e) => {
        const oom = e?.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|allocation failed/i.test(String(e?.message));
        finish({ status: oom ? 'oom' : 'died', error: { name: e?.name, message: String(e?.message ?? e), code: e?.code, stack: e?.stack } }, true);
      };
      const onExit = (code) => finish({ status: 'died', error: { message: `worker exited with code ${code}` } }, true);
      const timer = setTimeout(() => finish({ status: 'hang', error: { message: `no answer within ${timeoutMs} ms` } }, true), timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ ...job, id });
    });
  }

  async close() {
    if (this.worker) await this.worker.terminate();
    this.worker = undefined;
  }
}
