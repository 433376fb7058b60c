// Delta debugging (Zeller's ddmin, complement-only variant): drops ever smaller chunks
// of the input while the failure keeps its signature, within a test and time budget.

/**
 * @param {Buffer} input the failing bytes
 * @param {(b: Buffer) => Promise<boolean>} stillFails
 * @returns {Promise<{ bytes: Buffer, tests: number }>}
 */
export async function minimise(input, stillFails, { maxTests = 200, deadlineMs = 30_000 } = {}) {
  const stop = performance.now() + deadlineMs;
  let best = input;
  let tests = 0;
  let parts = 2;
  while (best.length >= 2 && tests < maxTests && performance.now() < stop) {
    const size = Math.ceil(best.length / parts);
    let reduced = false;
    for (let start = 0; start < best.length && tests < maxTests && performance.now() < stop; start += size) {
      const candidate = Buffer.concat([best.subarray(0, start), best.subarray(start + size)]);
      tests++;
      if (await stillFails(candidate)) {
        best = candidate;
        parts = Math.max(parts - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (size <= 1) break;
      parts = Math.min(parts * 2, best.length);
    }
  }
  return { bytes: best, tests };
}
