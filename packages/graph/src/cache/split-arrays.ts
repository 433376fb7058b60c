// Plain data with typed arrays in it, taken apart into JSON and a list of arrays and
// put back together: what the cache file stores. Each typed array becomes
// `{ "$array": i }`, the same array object (a column the graph shares with the
// snapshot) one index; on the way back the same index gives the same object. The
// data is a few levels of records (header, columns, results), never a heap graph,
// yet both walks keep an explicit stack.

/** The typed arrays the cache stores, by constructor name. */
export const ARRAY_TYPES = {
  Uint8Array,
  Uint32Array,
  Int32Array,
  Float64Array,
} as const;

export type ArrayTypeName = keyof typeof ARRAY_TYPES;
export type StoredArray = InstanceType<(typeof ARRAY_TYPES)[ArrayTypeName]>;

const MARK = '$array';

export interface SplitData {
  /** JSON-able data, the arrays replaced by marks. */
  readonly json: unknown;
  readonly arrays: readonly StoredArray[];
}

/** Takes `data` apart; throws on what JSON cannot carry faithfully (other binary data, class instances, a stray mark). */
export function splitArrays(data: unknown): SplitData {
  const arrays: StoredArray[] = [];
  const index = new Map<StoredArray, number>();
  const mark = (a: StoredArray) => {
    let i = index.get(a);
    if (i === undefined) {
      index.set(a, (i = arrays.length));
      arrays.push(a);
    }
    return { [MARK]: i };
  };
  const copy = (value: unknown): unknown => {
    if (ArrayBuffer.isView(value)) {
      if (!isStoredArray(value)) throw new TypeError(`cannot store a ${value.constructor.name}`);
      return mark(value);
    }
    if (Array.isArray(value)) return value.slice();
    if (value !== null && typeof value === 'object') {
      // A Map, a Set or a class instance would come back as a plain object, or not at all.
      if (Object.getPrototypeOf(value) !== Object.prototype) throw new TypeError(`cannot store a ${value.constructor?.name ?? 'null-prototype object'}`);
      if (MARK in value) throw new TypeError(`cannot store an object with a "${MARK}" key`);
      return { ...value };
    }
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`cannot store ${value} in JSON`);
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') throw new TypeError(`cannot store a ${typeof value}`);
    return value;
  };
  const json = copy(data);
  const stack: unknown[] = [json];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || MARK in node) continue;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = copy(record[key]);
      record[key] = child;
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return { json, arrays };
}

/** The array indexes `json` refers to, each once, ascending. */
export function arrayRefs(json: unknown): number[] {
  const refs = new Set<number>();
  walk(json, (i) => refs.add(i));
  return [...refs].sort((a, b) => a - b);
}

/**
 * `json` with each mark handed to `place(i, parent, key)`, which puts the array (or a
 * getter for it) at `parent[key]`.
 */
export function joinArrays(json: unknown, place: (i: number, parent: Record<string, unknown>, key: string) => void): unknown {
  const holder: Record<string, unknown> = { root: json };
  walk(holder, place);
  return holder.root;
}

/** The element count of a mark, given the counts of the arrays; undefined for anything else. */
export function markedLength(value: unknown, lengths: readonly number[]): number | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const i = markIndex(value);
  return i === undefined ? undefined : lengths[i];
}

/** Calls `visit` for every mark below `json`, with the record or array holding it. */
function walk(json: unknown, visit: (i: number, parent: Record<string, unknown>, key: string) => void): void {
  const stack: unknown[] = [json];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (child === null || typeof child !== 'object') continue;
      const i = markIndex(child);
      if (i === undefined) stack.push(child);
      else visit(i, record, key);
    }
  }
}

function markIndex(value: object): number | undefined {
  if (!(MARK in value)) return undefined;
  const i = (value as Record<string, unknown>)[MARK];
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 0) throw new RangeError('bad array mark');
  return i;
}

function isStoredArray(value: ArrayBufferView): value is StoredArray {
  return Object.values(ARRAY_TYPES).some((T) => value.constructor === T);
}
