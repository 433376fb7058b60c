// A number for the few nodes that have one (closures, Contexts, nodes with a source
// location): sorted keys and their values, found by binary search. A typed array per
// node would be 4 bytes for every one of 100 M nodes, and since the few are spread over
// the whole heap, nearly every page of it would be touched.

const NOT_FOUND = -1;

export class SparseIndex {
  private keys: Uint32Array;
  private values: Int32Array;
  private size = 0;
  private sorted = true;

  constructor(capacity = 1024) {
    this.keys = new Uint32Array(Math.max(1, capacity));
    this.values = new Int32Array(this.keys.length);
  }

  get length(): number {
    return this.size;
  }

  /** Adds `key` → `value`; for a key added twice, the first value stays (see seal). */
  add(key: number, value: number): void {
    if (this.size === this.keys.length) this.grow();
    if (this.size > 0 && key < this.keys[this.size - 1]!) this.sorted = false;
    this.keys[this.size] = key;
    this.values[this.size] = value;
    this.size++;
  }

  /** Orders the entries by key, the first added first among equal keys, and keeps that one. */
  seal(): this {
    if (!this.sorted) this.sortStable();
    let w = 0;
    for (let r = 0; r < this.size; r++) {
      if (w > 0 && this.keys[r] === this.keys[w - 1]) continue;
      this.keys[w] = this.keys[r]!;
      this.values[w] = this.values[r]!;
      w++;
    }
    this.size = w;
    this.keys = this.keys.slice(0, w);
    this.values = this.values.slice(0, w);
    this.sorted = true;
    return this;
  }

  /** The value of `key`, or -1 when it has none. Call after seal(). */
  get(key: number): number {
    const keys = this.keys;
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid]!;
      if (k < key) lo = mid + 1;
      else if (k > key) hi = mid - 1;
      else return this.values[mid]!;
    }
    return NOT_FOUND;
  }

  private grow(): void {
    const keys = new Uint32Array(this.keys.length * 2);
    keys.set(this.keys);
    const values = new Int32Array(keys.length);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
  }

  /** Two stable counting passes of 16 bits each (an LSD radix sort): linear, and stable. */
  private sortStable(): void {
    const n = this.size;
    let keys: Uint32Array = this.keys.subarray(0, n);
    let values: Int32Array = this.values.subarray(0, n);
    let keysOut: Uint32Array = new Uint32Array(n);
    let valuesOut: Int32Array = new Int32Array(n);
    const counts = new Uint32Array(1 << 16);
    for (let shift = 0; shift < 32; shift += 16) {
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[(keys[i]! >>> shift) & 0xffff]!++;
      let sum = 0;
      for (let b = 0; b < counts.length; b++) {
        const c = counts[b]!;
        counts[b] = sum;
        sum += c;
      }
      for (let i = 0; i < n; i++) {
        const at = counts[(keys[i]! >>> shift) & 0xffff]!++;
        keysOut[at] = keys[i]!;
        valuesOut[at] = values[i]!;
      }
      [keys, keysOut] = [keysOut, keys];
      [values, valuesOut] = [valuesOut, values];
    }
    // After an even number of passes the result is back in the first pair of arrays.
    this.keys = keys;
    this.values = values;
  }
}
