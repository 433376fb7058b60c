// One bit per edge or node ordinal: the edge rules are kept this way (E/8 bytes).

/** Bit sets over edge or node ordinals (one bit each); `shared`: in a SharedArrayBuffer, for another thread to read. */
export function newBitSet(size: number, shared = false): Uint8Array {
  const bytes = bitSetBytes(size);
  return shared ? new Uint8Array(new SharedArrayBuffer(bytes)) : new Uint8Array(bytes);
}

/**
 * Bytes for `size` bits. Not `(size + 7) >>> 3`: an edge count may be up to 2^32 - 1,
 * and the sum would wrap. (Indexes are below 2^32, so `i >>> 3` and `i & 7` below are exact.)
 */
export function bitSetBytes(size: number): number {
  return Math.ceil(size / 8);
}

export function hasBit(bits: Uint8Array, i: number): boolean {
  return ((bits[i >>> 3]! >>> (i & 7)) & 1) !== 0;
}

export function setBit(bits: Uint8Array, i: number): void {
  bits[i >>> 3]! |= 1 << (i & 7);
}

export function clearBit(bits: Uint8Array, i: number): void {
  bits[i >>> 3]! &= ~(1 << (i & 7));
}
