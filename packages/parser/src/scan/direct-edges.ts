// A fast path for the `edges` section: whole `type,name_or_index,to_node` records
// parsed straight into the columns, skipping the batch the general scanner fills
// and the sink copies out of (that copy cost ~10% of a parse).
//
// It takes only plainly valid records in V8's field order, each at least MARGIN
// bytes before the chunk's end, and stops at the first record it does not like —
// an odd separator, a leading zero, a long number, an out-of-range value — leaving
// it to the general scanner, which owns every error message and offset.

import { COMMA, DIGIT_0, MAX_UINT32, NEWLINE } from './bytes.js';

/** Longest record taken: three 15-digit numbers and their separators, with room to spare. */
const MARGIN = 64;
const MAX_DIGITS = 15;

/**
 * Parses records from `buf[i]` (the first digit of a record) into the columns from
 * ordinal `o`, up to ordinal `limit`. Writes the ordinal reached to `out[0]`, and to
 * `out[1]` 1 when it stopped just after a record's last number (its separator
 * unread), 0 when it stopped at the first digit of a record it left alone.
 * Returns the index where it stopped.
 */
export function scanEdgesDirect(
  buf: Uint8Array,
  i: number,
  len: number,
  type: Uint8Array,
  names: Uint32Array,
  toNode: Uint32Array,
  o: number,
  limit: number,
  typeCount: number,
  nodeFieldCount: number,
  nodeIndexLimit: number,
  out: Float64Array,
): number {
  const end = len - MARGIN;
  let afterValue = 0;
  while (i < end && o < limit) {
    const start = i;
    // type
    let c = buf[i]!;
    let d = 0;
    let k = i;
    let t = c - DIGIT_0;
    i++;
    while ((d = buf[i]! - DIGIT_0) >>> 0 < 10) {
      t = t * 10 + d;
      i++;
    }
    if ((i - k > 1 && c === DIGIT_0) || i - k > MAX_DIGITS || buf[i] !== COMMA) {
      i = start;
      break;
    }
    // name_or_index
    c = buf[++i]!;
    k = i;
    let name = c - DIGIT_0;
    if (name >>> 0 >= 10) {
      i = start;
      break;
    }
    i++;
    while ((d = buf[i]! - DIGIT_0) >>> 0 < 10) {
      name = name * 10 + d;
      i++;
    }
    if ((i - k > 1 && c === DIGIT_0) || i - k > MAX_DIGITS || buf[i] !== COMMA) {
      i = start;
      break;
    }
    // to_node
    c = buf[++i]!;
    k = i;
    let to = c - DIGIT_0;
    if (to >>> 0 >= 10) {
      i = start;
      break;
    }
    i++;
    while ((d = buf[i]! - DIGIT_0) >>> 0 < 10) {
      to = to * 10 + d;
      i++;
    }
    const target = (to / nodeFieldCount) >>> 0;
    if (
      (i - k > 1 && c === DIGIT_0) ||
      i - k > MAX_DIGITS ||
      t >= typeCount ||
      name > MAX_UINT32 ||
      to >= nodeIndexLimit ||
      target * nodeFieldCount !== to
    ) {
      i = start;
      break;
    }
    type[o] = t;
    names[o] = name;
    toNode[o] = target;
    o++;
    // The separator is taken only when another record follows it.
    c = buf[i]!;
    if (c === COMMA && (buf[i + 1]! - DIGIT_0) >>> 0 < 10) {
      i++;
    } else if (c === NEWLINE && buf[i + 1] === COMMA && (buf[i + 2]! - DIGIT_0) >>> 0 < 10) {
      i += 2;
    } else {
      afterValue = 1;
      break;
    }
  }
  out[0] = o;
  out[1] = afterValue;
  return i;
}
