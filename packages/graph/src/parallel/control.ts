// Who runs the worker's job, and how far it got: two Int32 words in shared memory.
//
// The main thread posts the job (JOB = POSTED) and goes on with its own phases; the
// worker claims it (POSTED → CLAIMED) when it gets the message. When the main thread
// needs the result and the worker has not claimed it yet (still starting, or it never
// will), it takes the job back (POSTED → TAKEN_BACK) and runs it itself, so a worker
// that fails to start costs no wait. Each compare-exchange has one winner.
//
// RESULTS counts the replies the worker has posted (each posted before the count
// moves, so the main thread finds it waiting on the port), or is FAILED.

const JOB = 0;
const RESULTS = 1;

const POSTED = 1;
const CLAIMED = 2;
const TAKEN_BACK = 3;
const FAILED = -1;

export type Control = Int32Array;

export function newControl(): Control {
  const control = new Int32Array(new SharedArrayBuffer(8));
  control[JOB] = POSTED;
  return control;
}

/** Worker: true when the job is its to run. */
export function claimJob(control: Control): boolean {
  const mine = Atomics.compareExchange(control, JOB, POSTED, CLAIMED) === POSTED;
  // A main thread waiting for the claim (tests) wakes only when told.
  if (mine) Atomics.notify(control, JOB);
  return mine;
}

/**
 * Main thread: true when the worker runs the job, false when this thread must (taken
 * back). `waitForClaim` (tests) waits for the worker to claim it instead: it must start.
 */
export function workerHasJob(control: Control, waitForClaim: boolean): boolean {
  if (waitForClaim) Atomics.wait(control, JOB, POSTED);
  return Atomics.compareExchange(control, JOB, POSTED, TAKEN_BACK) !== POSTED;
}

/** Worker: its `count`-th reply is posted. */
export function replied(control: Control, count: number): void {
  Atomics.store(control, RESULTS, count);
  Atomics.notify(control, RESULTS);
}

/** Worker: it stopped with an error (its reply says which). */
export function failed(control: Control): void {
  replied(control, FAILED);
}

/** Main thread: waits until `count` replies are posted; false when the worker failed first. */
export function awaitReplies(control: Control, count: number): boolean {
  for (;;) {
    const now = Atomics.load(control, RESULTS);
    if (now === FAILED) return false;
    if (now >= count) return true;
    Atomics.wait(control, RESULTS, now);
  }
}
