// Two counters per node for a set of nodes known only as it is met (the dominator
// ancestors of one class's instances): an open-addressing hash table over typed arrays.
// For a post-mortem's single question on a large heap, where arrays over every node
// would outweigh the answer, and where a JavaScript Map of a few hundred thousand
// numbers costs three to four times as much to fill and read.

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

  /** The slot of `v`, or -1 when it is not in the table. */
  find(v: number): number {
    const { keys, mask } = this;
    for (let s = hash(v) & mask; ; s = (s + 1) & mask) {
      const k = keys[s]!;
      if (k === v) return s;
      if (k === EMPTY) return -1;
    }
  }

  /** The slot of `v`, which is added (its counters 0) when it is not in the table. */
  slot(v: number): number {
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

  /** The first counter of `v`; 0 when it is not in the table. */
  firstOf(v: number): number {
    const s = this.find(v);
    return s < 0 ? 0 : this.first[s]!;
  }

  addFirst(slot: number, by: number): void {
    this.first[slot]! += by;
  }

  getFirst(slot: number): number {
    return this.first[slot]!;
  }

  /** Adds `by` (which may be negative) to the second counter; returns the counter. */
  addSecond(slot: number, by: number): number {
    const value = this.second[slot]! + by;
    this.second[slot] = value;
    return value;
  }

  getSecond(slot: number): number {
    return this.second[slot]!;
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
