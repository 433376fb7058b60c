import type { StringTable } from './types.js';

/** A string table over an ordinary array; used by the builder and small tests. */
export class ArrayStringTable implements StringTable {
  constructor(private readonly items: readonly string[]) {}
  get length(): number {
    return this.items.length;
  }
  get(i: number): string {
    const s = this.items[i];
    if (s === undefined) throw new RangeError(`string index ${i} out of range`);
    return s;
  }
}
