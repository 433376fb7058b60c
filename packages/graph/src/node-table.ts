// Two counters per node for a set of nodes known only as it is met (the dominator
// ancestors of one class's instances): an open-addressing hash table over typed arrays.
// For a single question on a large heap (a post-mortem's suspect), where arrays over
// every node would outweigh the answer, and where a JavaScript Map of a few hundred
// thousand numbers costs three to four times as much to fill and read.

const EMPTY = 0xffffffff;
const FIRST_CAPACITY = 1024;

export class NodeTable {
  private keys = new Uint32Array(FIRST_CAPACITY).fill(EMPTY);
  /** Per slot: the two counters of the node kept there. */
  private first = new Uint32Array(FIRST_CAPACITY);
  private second = new Uint32Array(FIRST_CAPACITY);
  private mask = FIRST_CAPACITY - 1;
  private used = 0;

  /** Nodes in the table. */
  get size(): number {
    return this.used;
  }

  has(v: number): boolean {
    return this.find(v) >= 0;
  }

  /** The first counter of `v`; 0 when it is not in the table. */
  count(v: number): number {
    const s = this.find(v);
    return s < 0 ? 0 : this.first[s]!;
  }

  /** The second counter of `v`; 0 when it is not in the table. */
  pending(v: number): number {
    const s = this.find(v);
    return s < 0 ? 0 : this.second[s]!;
  }

  /** Adds `by` to the first counter of `v`, adding `v` to the table if need be. */
  addCount(v: number, by: number): void {
    // The slot first: finding it may grow the table, replacing `first`.
    const s = this.slot(v);
    this.first[s]! += by;
  }

  /** Adds `by` (which may be negative) to the second counter of `v`, adding `v` if need be; returns the counter. */
  addPending(v: number, by: number): number {
    const s = this.slot(v);
    const value = this.second[s]! + by;
    this.second[s] = value;
    return value;
  }

  /** The slot of `v`, or -1 when it is not in the table. */
  private find(v: number): number {
    const { keys, mask } = this;
    for (let s = hash(v) & mask; ; s = (s + 1) & mask) {
      const k = keys[s]!;
      if (k === v) return s;
      if (k === EMPTY) return -1;
    }
  }

  /** The slot of `v`, which is added (its counters 0) when it is not in the table. */
  private slot(v: number): number {
    // At most half full: probes stay short.
    if (2 * (this.used + 1) > this.keys.length) this.grow();
    const { keys, mask } = this;
    for (let s = hash(v) & mask; ; s = (s + 1) & mask) {
      const k = keys[s]!;
      if (k === v) return s;
      if (k === EMPTY) {
        keys[s] = v;
        this.used++;
        return s;
      }
    }
  }

  private grow(): void {
    const { keys, first, second } = this;
    const capacity = 2 * keys.length;
    this.keys = new Uint32Array(capacity).fill(EMPTY);
    this.first = new Uint32Array(capacity);
    this.second = new Uint32Array(capacity);
    this.mask = capacity - 1;
    for (let s = 0; s < keys.length; s++) {
      const v = keys[s]!;
      if (v === EMPTY) continue;
      let t = hash(v) & this.mask;
      while (this.keys[t] !== EMPTY) t = (t + 1) & this.mask;
      this.keys[t] = v;
      this.first[t] = first[s]!;
      this.second[t] = second[s]!;
    }
  }
}

/** Fibonacci hashing: neighbouring ordinals (a class's instances often are) land far apart. */
function hash(v: number): number {
  return Math.imul(v, 0x9e3779b1) >>> 0;
}
