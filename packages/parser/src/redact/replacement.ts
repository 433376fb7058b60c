// Salted, stable replacements for string contents. The token's raw bytes (as
// written, escapes and all) are hashed with HMAC-SHA256 under a key derived from
// the salt; the digest seeds a small PRNG (xoshiro128**) that spells a
// replacement of the wanted length in 64 plain ASCII characters, which need no
// JSON escape, so each replacement is as many bytes as it has UTF-16 units.
//
// The same salt and the same original give the same replacement in every file,
// which keeps a redacted series comparable. Without the salt a replacement says
// nothing of the original but its length; with it, a guessed original can be
// checked, so the salt stays with whoever redacted the files.
//
// HMAC is computed as its definition says, H(K^opad || H(K^ipad || m)), with two
// one-shot hash() calls: createHmac() costs ~4 µs per string, this ~1.5 µs. The
// token is collected right after the ipad block so hashing copies nothing.

import { createHmac, hash } from 'node:crypto';

const BLOCK = 64;
const DIGEST = 32;
const ALPHABET = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 'latin1');
/** Versioned, so a future change of scheme cannot silently match old replacements. */
const KEY_CONTEXT = 'heaptrail redact v1';

export class Replacer {
  /** ipad block, then the token being collected. */
  // Buffers, not Uint8Arrays: hash() takes a Buffer about twice as fast.
  private inner = Buffer.alloc(BLOCK + 4096);
  /** opad block, then the inner digest. */
  private readonly outer = Buffer.alloc(BLOCK + DIGEST);
  private end = BLOCK;

  constructor(salt: string | Uint8Array) {
    const key = createHmac('sha256', salt).update(KEY_CONTEXT).digest();
    for (let i = 0; i < BLOCK; i++) {
      const k = i < key.length ? key[i]! : 0;
      this.inner[i] = k ^ 0x36;
      this.outer[i] = k ^ 0x5c;
    }
  }

  /** Starts collecting a new token. */
  begin(): void {
    this.end = BLOCK;
  }

  /** Bytes of the token collected so far. */
  get length(): number {
    return this.end - BLOCK;
  }

  append(buf: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (this.end + n > this.inner.length) this.grow(n);
    this.inner.set(buf.subarray(from, to), this.end);
    this.end += n;
  }

  appendByte(c: number): void {
    if (this.end === this.inner.length) this.grow(1);
    this.inner[this.end++] = c;
  }

  /** The collected token's raw bytes (valid until the next begin or append). */
  token(): Uint8Array {
    return this.inner.subarray(BLOCK, this.end);
  }

  /** Writes the collected token's replacement, `units` ASCII bytes, into `out` at `at`. */
  replace(units: number, out: Uint8Array, at: number): void {
    const innerDigest = hash('sha256', this.inner.subarray(0, this.end), 'buffer');
    this.outer.set(innerDigest, BLOCK);
    const d = hash('sha256', this.outer, 'buffer');
    spell(d.readUInt32LE(0), d.readUInt32LE(4), d.readUInt32LE(8), d.readUInt32LE(12) | 1, units, out, at);
  }

  private grow(need: number): void {
    let n = this.inner.length * 2;
    while (n < this.end + need) n *= 2;
    const next = Buffer.alloc(n);
    next.set(this.inner.subarray(0, this.end));
    this.inner = next;
  }
}

/** xoshiro128** from a 128-bit seed (one word forced odd so it is never all zero); 5 characters per output. */
function spell(s0: number, s1: number, s2: number, s3: number, units: number, out: Uint8Array, at: number): void {
  let written = 0;
  while (written < units) {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    for (let k = 0; k < 5 && written < units; k++) out[at + written++] = ALPHABET[(result >>> (26 - 6 * k)) & 63]!;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
