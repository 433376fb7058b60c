// The second thread's hot loop: whole `type,name_or_index,to_node` records parsed
// from right to left, so the thread that takes the end of the edges section knows
// each record's ordinal (edge_count − 1, − 2, …) without having read what precedes.
//
// It accepts exactly what the forward direct path (scan/direct-edges.ts) accepts
// — V8's `\n,` separators, no leading zeros, values in range — and stops at the
// first record it does not like, or at the section's `[`: whatever it leaves, the
// main thread's forward scanner parses, and owns every error message and offset.

import { COMMA, DIGIT_0, MAX_UINT32, NEWLINE } from '../scan/bytes.js';

/** Longest number taken (the forward direct path's limit). */
const MAX_DIGITS = 15;

/** Why scanEdgesBackward stopped (written to `out[1]`). */
export const NEED_BYTES = 0; // the next record starts before `floor`: read further left
export const STOPPED = 1; // a record it leaves to the forward scanner, or the section start
export const FULL = 2; // every ordinal is taken: more records than edge_count

/**
 * `buf[q]` is the byte just after the next record to parse (its separator, or the
 * section's `]`); `buf[floor - 1]` must not be a digit (a sentinel), so digit runs stop
 * without a bounds test. Records are taken with the separator before them, `,` or
 * V8's `\n,`, and written at ordinals `o − 1`, `o − 2`, … . Writes the next free ordinal
 * to `out[0]`, the reason it stopped to `out[1]`, and the index of the lowest record
 * taken to `out[2]` (unchanged when none was); returns the index just after the
 * next record's last digit.
 */
export function scanEdgesBackward(
  buf: Uint8Array,
  q: number,
  floor: number,
  type: Uint8Array,
  names: Uint32Array,
  toNode: Uint32Array,
  o: number,
  typeCount: number,
  nodeFieldCount: number,
  nodeIndexLimit: number,
  out: Float64Array,
): number {
  let reason = STOPPED;
  let d = 0;
  for (;;) {
    if (o === 0) {
      reason = FULL;
      break;
    }
    // to_node
    let p = q - 1;
    let to = 0;
    let scale = 1;
    while ((d = buf[p]! - DIGIT_0) >>> 0 < 10) {
      to += d * scale;
      scale *= 10;
      p--;
    }
    if (p < floor) {
      reason = NEED_BYTES;
      break;
    }
    let digits = q - 1 - p;
    if (digits === 0 || digits > MAX_DIGITS || (digits > 1 && buf[p + 1] === DIGIT_0) || buf[p] !== COMMA) break;
    // name_or_index
    const nameEnd = --p;
    let name = 0;
    scale = 1;
    while ((d = buf[p]! - DIGIT_0) >>> 0 < 10) {
      name += d * scale;
      scale *= 10;
      p--;
    }
    if (p < floor) {
      reason = NEED_BYTES;
      break;
    }
    digits = nameEnd - p;
    if (digits === 0 || digits > MAX_DIGITS || (digits > 1 && buf[p + 1] === DIGIT_0) || buf[p] !== COMMA) break;
    // type
    const typeEnd = --p;
    let t = 0;
    scale = 1;
    while ((d = buf[p]! - DIGIT_0) >>> 0 < 10) {
      t += d * scale;
      scale *= 10;
      p--;
    }
    if (p < floor) {
      reason = NEED_BYTES;
      break;
    }
    digits = typeEnd - p;
    if (digits === 0 || digits > MAX_DIGITS || (digits > 1 && buf[p + 1] === DIGIT_0) || buf[p] !== COMMA) break;
    // Whether a newline precedes the separator must be seen too.
    if (p - 1 < floor) {
      reason = NEED_BYTES;
      break;
    }
    const target = (to / nodeFieldCount) >>> 0;
    if (t >= typeCount || name > MAX_UINT32 || to >= nodeIndexLimit || target * nodeFieldCount !== to) break;
    o--;
    type[o] = t;
    names[o] = name;
    toNode[o] = target;
    out[2] = p + 1;
    q = buf[p - 1] === NEWLINE ? p - 1 : p;
  }
  out[0] = o;
  out[1] = reason;
  return q;
}
