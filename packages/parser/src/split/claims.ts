// Who parses which bytes of the edges section when two threads share it. The main
// thread reads the file forward from its start; the tail thread reads backwards
// from the edges' closing `]`. Each claims a range before reading it, under a lock
// in shared memory, so the two meet wherever their speeds put them (no estimate of
// where the edges start is needed, and a slow or busy core just takes less).
//
// The tail thread may stop early (a record it does not like, the section's `[`):
// it then publishes the first byte of the lowest record it parsed (`low`) and how
// many records that was, and the main thread parses everything below `low`.

/** Layout of the shared state: Int32 [lock, done], then Float64 [unused, mainEnd, tailStart, low, records]. */
const LOCK = 0;
const DONE = 1;
const MAIN_END = 1;
const TAIL_START = 2;
const LOW = 3;
const RECORDS = 4;

export interface TailOutcome {
  /** First byte of the lowest record the tail thread parsed (the section's `]` when none). */
  readonly low: number;
  /** Records it parsed: the last `records` edges. */
  readonly records: number;
}

export class SplitClaims {
  private readonly flags: Int32Array;
  private readonly at: Float64Array;

  /** `buffer` from `SplitClaims.create()`, or shared with the other thread. */
  constructor(readonly buffer: SharedArrayBuffer) {
    this.flags = new Int32Array(buffer, 0, 2);
    this.at = new Float64Array(buffer, 8, 5);
  }

  /** Main has claimed nothing yet; the tail owns nothing below `end` (the edges' `]`). */
  static create(end: number, mainEnd = 0): SplitClaims {
    const claims = new SplitClaims(new SharedArrayBuffer(8 + 5 * 8));
    claims.at[MAIN_END] = mainEnd;
    claims.at[TAIL_START] = end;
    claims.at[LOW] = end;
    return claims;
  }

  /**
   * Main thread: how many bytes from `position` (at most `want`) it may read now.
   * 0 means it has met the tail's claim and must wait for the tail to finish.
   */
  claimForward(position: number, want: number): number {
    // Clamped by the tail's claim even once it is done: its start never lies above `low`.
    this.lock();
    const grant = Math.max(0, Math.min(want, this.at[TAIL_START]! - position));
    if (position + grant > this.at[MAIN_END]!) this.at[MAIN_END] = position + grant;
    this.unlock();
    return grant;
  }

  /** Tail thread: extends its claim down from its current start by up to `want` bytes; returns the new start. */
  claimBackward(want: number): number {
    this.lock();
    const start = this.at[TAIL_START]!;
    const next = start - Math.max(0, Math.min(want, start - this.at[MAIN_END]!));
    this.at[TAIL_START] = next;
    this.unlock();
    return next;
  }

  /** Tail thread: it will parse no more. */
  finish(outcome: TailOutcome): void {
    this.lock();
    this.at[LOW] = outcome.low;
    this.at[RECORDS] = outcome.records;
    Atomics.store(this.flags, DONE, 1);
    this.unlock();
  }

  get done(): boolean {
    return Atomics.load(this.flags, DONE) === 1;
  }

  /** Valid once `done`. */
  outcome(): TailOutcome {
    this.lock();
    const outcome = { low: this.at[LOW]!, records: this.at[RECORDS]! };
    this.unlock();
    return outcome;
  }

  // Held for a handful of instructions, so spinning beats parking the thread.
  private lock(): void {
    while (Atomics.compareExchange(this.flags, LOCK, 0, 1) !== 0);
  }

  private unlock(): void {
    Atomics.store(this.flags, LOCK, 0);
  }
}
